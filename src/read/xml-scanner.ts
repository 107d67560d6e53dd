/**
 * A small incremental XML tag scanner for the parts of an XLSX file: fed text in chunks cut anywhere (inside a
 * tag, an attribute, an entity), it reports elements opening and closing and the character data between tags.
 * It is not a validating parser: it checks what the readers depend on (tags end, entities are known, character
 * references name XML characters) and skips comments, processing instructions and CDATA sections (exceljs's
 * SAX handlers ignore CDATA too). A DOCTYPE is refused: XLSX parts never have one, and entity declarations are
 * how "billion laughs" files blow up.
 *
 * Text is decoded only on request (`decodeText`), so the readers pay for entities only where they keep text.
 */

export class XmlError extends Error {}

/**
 * The attributes of the element being opened, valid only during the `open` callback: the scanner records where
 * each name and value lies while it looks for the tag's end, so a look-up slices nothing but the value.
 */
export class TagAttributes {
  source = '';
  count = 0;
  /** Per attribute: name start, name end, value start, value end (offsets into `source`). */
  bounds: number[] = [];

  /** The decoded value of the attribute `name` (qualified, e.g. `r:id`), or undefined when it is absent. */
  get(name: string): string | undefined {
    const raw = this.raw(name);
    return raw === undefined ? undefined : decodeAttribute(raw);
  }

  /** The value as written (entities not decoded): enough for cell references, style and type codes. */
  raw(name: string): string | undefined {
    const at = this.find(name);
    return at === -1 ? undefined : this.source.slice(this.bounds[at + 2], this.bounds[at + 3]);
  }

  /**
   * Where the attribute `name` is recorded: its value is `source.slice(bounds[at + 2], bounds[at + 3])`; -1
   * when it is absent. For handlers that read a value without cutting a string.
   */
  find(name: string): number {
    const s = this.source;
    const bounds = this.bounds;
    const length = name.length;
    const first = name.charCodeAt(0);
    for (let i = 0, at = 0; i < this.count; i++, at += 4) {
      const nameStart = bounds[at]!;
      if (bounds[at + 1]! - nameStart !== length || s.charCodeAt(nameStart) !== first) continue;
      if (length === 1 || s.startsWith(name, nameStart)) return at;
    }
    return -1;
  }
}

export interface XmlHandler {
  /** An element opened; `name` is the qualified name as written (`c`, `x:c`). Self-closing tags also close. */
  open(name: string, attributes: TagAttributes): void;
  close(name: string): void;
  /**
   * Character data between two tags: `source.slice(start, end)`, still encoded (pass it to `decodeText` if
   * it is kept). Given as a span so that a handler that only reads a number need not cut a string.
   */
  text(source: string, start: number, end: number): void;
}

/** Longest tag or run of text accepted, so a file without tags or with an unclosed quote cannot fill memory. */
export const MAX_TOKEN_CHARS = 16 * 1024 * 1024;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BOM = 0xfeff;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

/**
 * Inside a tag, any character up to U+0020 separates: the four XML spaces, and control characters, which are
 * not allowed there anyway. One comparison instead of four in the loops that walk every tag.
 */
const SEPARATOR_MAX = 0x20;

/** Element names of one letter, shared instead of sliced: `c`, `v`, `f`, `t`, `r` are most of a sheet's tags. */
const ONE_LETTER_NAMES = Array.from({ length: 128 }, (_, code) => String.fromCharCode(code));

export class XmlScanner {
  private pending = '';
  private started = false;
  private readonly attributes = new TagAttributes();
  /** Set by readTag for the tag just read. */
  private tagName = '';
  private selfClosing = false;
  /** What the unconsumed input needs before it can be scanned further: the next tag, or the end of one. */
  private waitingFor: '<' | '>' = '<';

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    const pending = this.pending;
    // Most of a long token arrives in chunks that cannot finish it: append those without rescanning, so a huge
    // (or hostile, endless) text or tag costs linear time until it ends or passes the limit.
    if (pending.length > 0 && chunk.indexOf(this.waitingFor) === -1) {
      this.pending = pending + chunk;
      this.checkPending();
      return;
    }
    let s = pending.length > 0 ? pending + chunk : chunk;
    if (!this.started && s.length > 0) {
      this.started = true;
      if (s.charCodeAt(0) === BOM) s = s.slice(1);
    }
    const consumed = this.scan(s);
    this.pending = consumed < s.length ? s.slice(consumed) : '';
    this.checkPending();
  }

  private checkPending(): void {
    if (this.pending.length > MAX_TOKEN_CHARS) throw new XmlError(`a tag or text of more than ${MAX_TOKEN_CHARS} characters`);
  }

  /** The input is complete: anything left must be trailing text, never half a tag. */
  end(): void {
    const rest = this.pending;
    this.pending = '';
    if (rest.indexOf('<') !== -1) throw new XmlError('the XML ends inside a tag');
    if (rest.trim().length > 0) this.handler.text(rest, 0, rest.length);
  }

  /** Reports every complete token of `s` and returns how much of it was consumed. */
  private scan(s: string): number {
    const handler = this.handler;
    const length = s.length;
    let pos = 0;
    while (pos < length) {
      const lt = findCode(s, LT, pos);
      // Text runs to the end of what has arrived: keep it whole until its end (the next tag) arrives, so an
      // entity or a CR LF is never cut in two.
      if (lt === -1) {
        this.waitingFor = '<';
        return pos;
      }
      // From here on, what is left unconsumed ends with an incomplete tag or markup, which ends with '>'.
      this.waitingFor = '>';
      if (lt + 1 >= length) return pos;
      const next = s.charCodeAt(lt + 1);
      if (next === SLASH) {
        const gt = findCode(s, GT, lt + 2);
        if (gt === -1) return pos;
        if (lt > pos) handler.text(s, pos, lt);
        handler.close(closeName(s, lt + 2, gt));
        pos = gt + 1;
      } else if (next === QUESTION) {
        const end = s.indexOf('?>', lt + 2);
        if (end === -1) return pos;
        if (lt > pos) handler.text(s, pos, lt);
        pos = end + 2;
      } else if (next === BANG) {
        const end = this.skipMarkup(s, lt);
        if (end === -1) return pos;
        if (lt > pos) handler.text(s, pos, lt);
        pos = end;
      } else {
        const gt = this.readTag(s, lt);
        if (gt === -1) return pos;
        if (lt > pos) handler.text(s, pos, lt);
        const name = this.tagName;
        handler.open(name, this.attributes);
        if (this.selfClosing) handler.close(name);
        pos = gt + 1;
      }
    }
    return pos;
  }

  /**
   * Reads the start tag at `lt` in one pass: its name (into `tagName`), its attributes' bounds (into
   * `attributes`) and whether it closes itself. Returns the offset of its `>`, or -1 when the tag has not
   * fully arrived. A `>` inside a quoted value does not end the tag.
   */
  private readTag(s: string, lt: number): number {
    const length = s.length;
    let i = lt + 1;
    let code = 0;
    while (i < length && (code = s.charCodeAt(i)) > SEPARATOR_MAX && code !== GT && code !== SLASH) i++;
    if (i >= length) return -1;
    if (i === lt + 1) throw new XmlError('a tag without a name');
    const first = s.charCodeAt(lt + 1);
    this.tagName = i === lt + 2 && first < 128 ? ONE_LETTER_NAMES[first]! : s.slice(lt + 1, i);
    const attributes = this.attributes;
    const bounds = attributes.bounds;
    let count = 0;
    for (;;) {
      while (i < length && (code = s.charCodeAt(i)) <= SEPARATOR_MAX) i++;
      if (i >= length) return -1;
      if (code === GT) {
        this.selfClosing = false;
        break;
      }
      if (code === SLASH) {
        if (i + 1 >= length) return -1;
        if (s.charCodeAt(i + 1) !== GT) throw new XmlError('a "/" inside a tag');
        this.selfClosing = true;
        i++;
        break;
      }
      const nameStart = i;
      while (i < length && (code = s.charCodeAt(i)) !== EQUALS && code > SEPARATOR_MAX && code !== GT && code !== SLASH) i++;
      const nameEnd = i;
      while (i < length && (code = s.charCodeAt(i)) <= SEPARATOR_MAX) i++;
      if (i >= length) return -1;
      if (code !== EQUALS) throw new XmlError(`an attribute without a value: "${s.slice(nameStart, nameEnd).slice(0, 40)}"`);
      i++;
      while (i < length && (code = s.charCodeAt(i)) <= SEPARATOR_MAX) i++;
      if (i >= length) return -1;
      if (code !== QUOTE && code !== APOSTROPHE) throw new XmlError('an attribute value without quotes');
      const valueEnd = findCode(s, code, i + 1);
      if (valueEnd === -1) return -1;
      const at = count * 4;
      bounds[at] = nameStart;
      bounds[at + 1] = nameEnd;
      bounds[at + 2] = i + 1;
      bounds[at + 3] = valueEnd;
      count++;
      i = valueEnd + 1;
    }
    attributes.source = s;
    attributes.count = count;
    return i;
  }

  /** The end of a comment or CDATA section starting at `lt`, or -1 when it has not fully arrived. */
  private skipMarkup(s: string, lt: number): number {
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      return end === -1 ? -1 : end + 3;
    }
    if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      return end === -1 ? -1 : end + 3;
    }
    if (s.length - lt < 9) return -1; // too little to tell yet
    if (s.startsWith('<!DOCTYPE', lt)) throw new XmlError('a DOCTYPE declaration (not used by Excel; refused)');
    throw new XmlError('unexpected markup after "<!"');
  }
}

/**
 * The offset of the next `code` from `from`, or -1. A plain loop: the distances in sheet XML are a few
 * characters, where calling String.prototype.indexOf costs more than looking.
 */
function findCode(s: string, code: number, from: number): number {
  const length = s.length;
  for (let i = from; i < length; i++) if (s.charCodeAt(i) === code) return i;
  return -1;
}

function closeName(s: string, start: number, end: number): string {
  let last = end;
  while (last > start && isSpace(s.charCodeAt(last - 1))) last--;
  if (last === start + 1) {
    const code = s.charCodeAt(start);
    if (code < 128) return ONE_LETTER_NAMES[code]!;
  }
  return s.slice(start, last);
}

/**
 * Character data as a SAX parser reports it (saxes, which exceljs uses): line ends normalized to LF (XML 1.0
 * §2.11), the five predefined entities and character references replaced. Anything else is an error, as
 * there.
 */
export function decodeText(raw: string): string {
  let s = raw;
  if (s.indexOf('\r') !== -1) s = s.replace(/\r\n?/g, '\n');
  return s.indexOf('&') === -1 ? s : replaceEntities(s);
}

/** An attribute value as a SAX parser reports it: also tabs and line ends become spaces (XML 1.0 §3.3.3). */
export function decodeAttribute(raw: string): string {
  let s = raw;
  if (/[\t\n\r]/.test(s)) s = s.replace(/\r\n?|[\t\n]/g, ' ');
  return s.indexOf('&') === -1 ? s : replaceEntities(s);
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function replaceEntities(s: string): string {
  let out = '';
  let from = 0;
  for (let amp = s.indexOf('&'); amp !== -1; amp = s.indexOf('&', from)) {
    const semicolon = s.indexOf(';', amp + 1);
    if (semicolon === -1) throw new XmlError('an "&" that starts no entity');
    const name = s.slice(amp + 1, semicolon);
    out += s.slice(from, amp) + entityText(name);
    from = semicolon + 1;
  }
  return out + s.slice(from);
}

function entityText(name: string): string {
  if (name.charCodeAt(0) !== 0x23 /* # */) {
    const text = PREDEFINED[name];
    if (text === undefined || !Object.hasOwn(PREDEFINED, name)) throw new XmlError(`an undefined entity "&${name.slice(0, 20)};"`);
    return text;
  }
  const hex = name.charCodeAt(1) === 0x78; /* x */
  const digits = name.slice(hex ? 2 : 1);
  const valid = hex ? /^[0-9a-fA-F]+$/.test(digits) : /^[0-9]+$/.test(digits);
  const code = valid ? Number.parseInt(digits, hex ? 16 : 10) : NaN;
  if (!isXmlChar(code)) throw new XmlError(`a malformed character reference "&${name.slice(0, 20)};"`);
  return String.fromCodePoint(code);
}

/** XML 1.0 §2.2 Char. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
