/**
 * The lean reader's tag scanner against saxes (the SAX parser exceljs uses): the same elements, attributes
 * and text, however the input is cut into chunks — one character at a time, at random, or as UTF-8 bytes
 * one at a time (so multi-byte characters are split).
 */
import { StringDecoder } from 'node:string_decoder';
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { decodeAttribute, decodeText, type TagAttributes, XmlError, XmlScanner } from '../../src/read/xml-scanner.js';

type Event = ['open', string, Record<string, string>] | ['close', string] | ['text', string];

/** Events inside the root element, adjacent text joined (both parsers may split text differently). */
function normalize(events: Event[]): Event[] {
  const first = events.findIndex((e) => e[0] === 'open');
  let last = events.length - 1;
  while (last >= 0 && events[last]![0] !== 'close') last--;
  const out: Event[] = [];
  for (const event of events.slice(first, last + 1)) {
    const previous = out[out.length - 1];
    if (event[0] === 'text' && previous?.[0] === 'text') previous[1] += event[1];
    else out.push(event[0] === 'text' ? ['text', event[1]] : event);
  }
  return out.filter((e) => e[0] !== 'text' || e[1] !== '');
}

function withSaxes(xml: string): Event[] {
  const events: Event[] = [];
  const parser = new SaxesParser();
  parser.on('opentag', (node) => events.push(['open', node.name, { ...(node.attributes as Record<string, string>) }]));
  parser.on('closetag', (node) => events.push(['close', node.name]));
  parser.on('text', (text) => events.push(['text', text]));
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
  return normalize(events);
}

function allAttributes(attributes: TagAttributes): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < attributes.count; i++) {
    const [nameStart, nameEnd, valueStart, valueEnd] = attributes.bounds.slice(i * 4, i * 4 + 4) as [number, number, number, number];
    out[attributes.source.slice(nameStart, nameEnd)] = decodeAttribute(attributes.source.slice(valueStart, valueEnd));
  }
  return out;
}

function scanner(events: Event[]): XmlScanner {
  return new XmlScanner({
    open: (name, attributes) => events.push(['open', name, allAttributes(attributes)]),
    close: (name) => events.push(['close', name]),
    text: (source, start, end) => events.push(['text', decodeText(source.slice(start, end))]),
  });
}

function withChunks(chunks: string[]): Event[] {
  const events: Event[] = [];
  const s = scanner(events);
  for (const chunk of chunks) s.write(chunk);
  s.end();
  return normalize(events);
}

/** UTF-8 bytes fed one at a time through a StringDecoder, as the reader feeds inflated chunks. */
function withBytes(xml: string): Event[] {
  const events: Event[] = [];
  const s = scanner(events);
  const decoder = new StringDecoder('utf8');
  for (const byte of Buffer.from(xml, 'utf8')) s.write(decoder.write(Buffer.from([byte])));
  s.write(decoder.end());
  s.end();
  return normalize(events);
}

function splitAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(text.slice(from, point));
    from = point;
  }
  chunks.push(text.slice(from));
  return chunks;
}

const SAMPLES = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="urn:x"><sheetData><row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45723</v></c></row></sheetData></worksheet>',
  '<a x="1\t2\n3\r\n4 &#9;&#10;&#13;">a\r\nb\rc&#13;d &amp; &lt;&gt;&quot;&apos; &#x1F600;&#128512;</a>',
  "<a b='x\"y' c=\"p>q\" d = 'e' ><b/><c  /><d></d></a>",
  '<sst><si><t xml:space="preserve"> Zoë Müller — 中文 😀 </t></si><!-- a comment with <tags> --><si><r><t>a</t></r><?pi data?><r><t>b<![CDATA[ <not a tag> ]]>c</t></r></si></sst>',
  '\uFEFF<root>\n  <x:y xmlns:x="urn:y" x:z="1"/>\n</root>\n',
];

describe('XmlScanner', () => {
  it.each(SAMPLES)('reads %j as saxes does, whole, a character at a time and a byte at a time', (xml) => {
    const expected = withSaxes(xml);
    expect(withChunks([xml])).toEqual(expected);
    expect(withChunks([...xml])).toEqual(expected);
    expect(withBytes(xml)).toEqual(expected);
  });

  it('agrees with saxes on random documents cut anywhere', () => {
    fc.assert(
      fc.property(xmlDocument(), fc.array(fc.nat(), { maxLength: 12 }), (xml, cuts) => {
        const expected = withSaxes(xml);
        expect(withChunks(splitAt(xml, cuts))).toEqual(expected);
        expect(withBytes(xml)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['an undefined entity', '<a>&nbsp;</a>', /undefined entity/],
    ['a character reference to a non-character', '<a>&#0;</a>', /malformed character reference/],
    ['a bare ampersand', '<a>a & b</a>', /starts no entity/],
    ['a DOCTYPE', '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', /DOCTYPE/],
    ['a tag cut off at the end', '<a><b x="1"', /ends inside a tag/],
    ['an attribute without quotes', '<a x=1/>', /without quotes/],
  ])('refuses %s', (_, xml, message) => {
    const events: Event[] = [];
    expect(() => {
      const s = scanner(events);
      s.write(xml);
      s.end();
    }).toThrow(message);
    expect(() => withChunks([...xml])).toThrow(XmlError);
  });

  it('keeps memory bounded: a tag that never ends is refused once it passes the limit', () => {
    const s = new XmlScanner({ open() {}, close() {}, text() {} });
    const piece = 'x'.repeat(1024 * 1024);
    expect(() => {
      s.write('<a b="');
      for (let i = 0; i < 80; i++) s.write(piece);
    }).toThrow(/more than/);
  });
});

/** Well-formed XML built from pieces that stress chunk boundaries: entities, CR LF, astral characters, quotes. */
function xmlDocument(): fc.Arbitrary<string> {
  const textPiece = fc.constantFrom('a', 'Zoë', ' ', '\n', '\r\n', '\t', '中', '😀', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#233;', '&#x1F600;', '&#13;', '>', "'", '"', '_x000D_');
  const text = fc.array(textPiece, { maxLength: 8 }).map((p) => p.join(''));
  const attrValue = fc.array(fc.constantFrom('1', 'A1', ' ', '>', '\t', '&amp;', '&#10;', 'é', '😀', '/'), { maxLength: 5 }).map((p) => p.join(''));
  const name = fc.constantFrom('a', 'c', 'v', 'row', 'x:y', 'sheetData');
  const attribute = fc.tuple(fc.constantFrom('r', 's', 't', 'x:id', 'spans'), attrValue, fc.boolean()).map(([n, v, single]) => (single ? ` ${n}='${v.replace(/'/g, '&apos;')}'` : ` ${n}="${v.replace(/"/g, '&quot;')}"`));
  const attributes = fc.uniqueArray(attribute, { maxLength: 3, selector: (a) => a.slice(1, a.search(/=/)) }).map((a) => a.join(''));
  const misc = fc.constantFrom('<!-- note -->', '<?pi x?>', '<![CDATA[ <c> & ]]>', '');
  const element: fc.Memo<string> = fc.memo((depth) =>
    depth <= 1
      ? fc.tuple(name, attributes, text).map(([n, a, t]) => (t === '' ? `<${n}${a}/>` : `<${n}${a}>${t}</${n}>`))
      : fc
          .tuple(name, attributes, fc.array(fc.oneof(text, misc, element(depth - 1)), { maxLength: 4 }))
          .map(([n, a, children]) => `<${n}${a}>${children.join('')}</${n}>`),
  );
  return fc.tuple(fc.boolean(), element(4)).map(([declaration, root]) => (declaration ? `<?xml version="1.0"?>\n${root}\n` : root));
}
