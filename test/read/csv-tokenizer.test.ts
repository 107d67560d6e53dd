import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsv, sniffCsv } from '../../src/read/csv.js';
import { CsvScanner, IrregularCsv, materializeRows, scanRecords, type ScannedRecords } from '../../src/read/csv-tokenizer.js';
import { ReturnedMemory } from '../../src/read/scan-memory.js';

/** csv-parse with the options src/read/csv.ts gives it: the reference the tokenizer must reproduce. */
function reference(text: string, delimiter: string): string[][] {
  return parse(Buffer.from(text), {
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];
}

/**
 * Tokenize `text` fed in chunks of the given sizes (cycled), as a file stream would deliver it. `recycled`
 * reads as the worker does: every chunk read into one buffer, read into again before the scan before is
 * taken, and each scan's memory handed back and used again once its strings are made. Each interned cell's
 * key is checked to name its text.
 */
function tokenize(text: string, delimiter: string, sizes: number[] = [1 << 20], recycled = false): string[][] {
  const bytes = Buffer.from(text);
  const memory = recycled ? new ReturnedMemory() : undefined;
  const scanner = new CsvScanner(delimiter, 1 << 20, memory);
  const readBuffer = Buffer.alloc(Math.max(...sizes, 1));
  const interned: string[] = [];
  const out: string[][] = [];
  const made = (scan: ScannedRecords) => {
    for (const row of materializeRows(scan, interned, out.length)) {
      // A cell's intern key, when it has one, names its own text (the ingest's memos find cells by it).
      row.cells.forEach((cell, i) => {
        const key = row.internKeys[row.keyAt + i]!;
        if (key >= 0 && interned[key] !== cell) throw new Error(`row ${row.row}, cell ${i}: key ${key} is ${JSON.stringify(interned[key])}, not ${JSON.stringify(cell)}`);
      });
      out.push(row.cells);
    }
    memory?.giveBack({ bytes: scan.bytes.buffer as ArrayBuffer, fields: scan.fields.buffer as ArrayBuffer, recordEnds: scan.recordEnds.buffer as ArrayBuffer });
  };
  // Each scan's strings are made once the next chunk is read and scanned, as the main thread lags the worker.
  let ahead: ScannedRecords | undefined;
  const take = (scan: ScannedRecords) => {
    if (ahead) made(ahead);
    ahead = scan;
  };
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length]!);
    const chunk = recycled ? readBuffer.subarray(0, bytes.copy(readBuffer.fill(0x22), 0, at, at + size)) : bytes.subarray(at, at + size);
    take(scanner.push(chunk));
    at += size;
  }
  take(scanner.end());
  made(ahead!);
  return out;
}

describe('scanRecords', () => {
  it.each([
    ['a,b\n\nc\n', [['a', 'b'], [''], ['c']]],
    ['a,b', [['a', 'b']]],
    ['a,b\r', [['a', 'b']]],
    ['a\r\n\r\nb', [['a'], [''], ['b']]],
    ['a"b,c\n', [['a"b', 'c']]],
    ['"a""b",c', [['a"b', 'c']]],
    ['"a\nb",c\r\nd', [['a\nb', 'c'], ['d']]],
    [',\n', [['', '']]],
    ['a,', [['a', '']]],
    ['"",""\n', [['', '']]],
    ['\n', [['']]],
    ['', []],
    ['Zoë,"Ménière’s, 😀"\n', [['Zoë', 'Ménière’s, 😀']]],
  ])('%j gives what csv-parse gives', (text, expected) => {
    expect(scanRecords(Buffer.from(text), 0x2c, true).records).toEqual(expected);
    expect(reference(text, ',')).toEqual(expected);
  });

  it('leaves a record that may go on past the buffer for the next scan', () => {
    for (const text of ['a,b\nc,d', 'a,b\n"c\nd', 'a,b\nc\r', 'a,b\n"c"', 'a,b\nc,']) {
      const { records, consumed } = scanRecords(Buffer.from(text), 0x2c, false);
      expect(records).toEqual([['a', 'b']]);
      expect(consumed).toBe(4);
    }
  });

  it.each([
    ['"a"b,c\n', 'text after a closing quote'],
    ['"a" ,b', 'text after a closing quote'],
    ['a,"b\n', 'a quoted field is never closed'],
  ])('hands %j back to csv-parse', (text, reason) => {
    expect(() => scanRecords(Buffer.from(text), 0x2c, true)).toThrow(new IrregularCsv(reason));
  });
});

describe('interning around the 32-byte limit', () => {
  /** Each row's intern keys (-1: not interned) of `text` scanned in one piece. */
  function keysOf(text: string): number[][] {
    const scanner = new CsvScanner(',');
    const rows = [scanner.push(Buffer.from(text)), scanner.end()].flatMap((scan) => materializeRows(scan, [], 0));
    return rows.map((row) => [...row.internKeys.subarray(row.keyAt, row.keyAt + row.cells.length)]);
  }
  // Values of 30 to 35 bytes, plain or ending in a character of two, three or four bytes that the limit cuts.
  const values = [30, 31, 32, 33, 34, 35].flatMap((bytes) => ['', 'é', '€', '😀'].map((end) => 'n'.repeat(bytes - Buffer.byteLength(end)) + end));
  // The value first, in the middle, last with each line end, last of a file without one, and quoted.
  const layouts: [string, (value: string) => string, number][] = [
    ['first', (v) => `${v},x\n`, 0],
    ['middle', (v) => `x,${v},y\n`, 1],
    ['last before LF', (v) => `x,${v}\n`, 1],
    ['last before CRLF', (v) => `x,${v}\r\n`, 1],
    ['last before CR', (v) => `x,${v}\r`, 1],
    ['quoted', (v) => `x,"${v}",y\n`, 1],
  ];
  it.each(layouts.flatMap(([name, layout, at]) => values.map((value) => [name, Buffer.byteLength(value), value, layout, at] as const)))(
    '%s, %i bytes (%s): interned up to 32 bytes, the same key on every row',
    (_name, bytes, value, layout, at) => {
      // Twice in a row, then as the file's last record without a line end.
      const keys = keysOf(layout(value) + layout(value) + layout(value).replace(/[\r\n]+$/, ''));
      const key = keys[0]![at]!;
      expect(keys.map((row) => row[at])).toEqual([key, key, key]);
      expect(key >= 0).toBe(bytes <= 32);
    },
  );
});

describe('CsvScanner against csv-parse', () => {
  const delimiters = [',', ';', '\t', '|'];
  // Small alphabets make quotes, delimiters and line ends collide often, which is where readers differ.
  const cellChar = fc.constantFrom('a', 'Z', '1', ' ', '"', ',', ';', '\t', '|', '\n', '\r', 'é', '€', '😀');
  const text = fc.array(cellChar, { maxLength: 60 }).map((chars) => chars.join(''));
  /** Well-formed fields: plain, or quoted with doubled quotes inside, as a spreadsheet program writes them. */
  const field = (delimiter: string, chars: fc.Arbitrary<string>, minLength: number, maxLength: number) =>
    fc.array(chars, { minLength, maxLength }).map((chars) => {
      const value = chars.join('');
      return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replaceAll('"', '""')}"` : value;
    });
  const shortField = (delimiter: string) => field(delimiter, cellChar, 0, 12);
  // Fields of about INTERN_MAX_BYTES (32): the scanner hashes only a field's first bytes, then looks for its end
  // without hashing; a delimiter, line end or multi-byte character lands on either side of the limit.
  const mostlyPlainChar = fc.oneof({ arbitrary: fc.constant('a'), weight: 12 }, { arbitrary: cellChar, weight: 2 });
  const nearLimitField = (delimiter: string) => fc.oneof(shortField(delimiter), field(delimiter, mostlyPlainChar, 24, 40));
  const wellFormedOf = (fieldOf: (delimiter: string) => fc.Arbitrary<string>) => fc.constantFrom(...delimiters).chain((delimiter) =>
    fc
      .tuple(
        fc.array(fc.array(fieldOf(delimiter), { minLength: 1, maxLength: 5 }), { maxLength: 8 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 }),
      )
      .map(([rows, eol, trailing, sizes]) => ({ delimiter, text: rows.map((r) => r.join(delimiter)).join(eol) + (trailing && rows.length ? eol : ''), sizes })),
  );
  const wellFormed = wellFormedOf(shortField);

  it('reads well-formed files exactly as csv-parse does, whatever the chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(wellFormed, async ({ delimiter, text, sizes }) => {
        expect(tokenize(text, delimiter, sizes)).toEqual(reference(text, delimiter));
      }),
      { numRuns: 500 },
    );
  });

  it('reads the same into memory used again (the reading worker: one read buffer, scans handed back)', async () => {
    await fc.assert(
      fc.asyncProperty(wellFormed, async ({ delimiter, text, sizes }) => {
        expect(tokenize(text, delimiter, sizes, true)).toEqual(reference(text, delimiter));
      }),
      { numRuns: 500 },
    );
  });

  it('reads fields on either side of the 32-byte interning limit as csv-parse does', async () => {
    await fc.assert(
      fc.asyncProperty(wellFormedOf(nearLimitField), fc.boolean(), async ({ delimiter, text, sizes }, recycled) => {
        expect(tokenize(text, delimiter, sizes, recycled)).toEqual(reference(text, delimiter));
      }),
      { numRuns: 500 },
    );
  });

  it('on any text, either agrees with csv-parse or hands the file back to it', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom(...delimiters), fc.integer({ min: 1, max: 9 }), async (input, delimiter, size) => {
        let expected: string[][] | Error;
        try {
          expected = reference(input, delimiter);
        } catch (error) {
          expected = error as Error;
        }
        try {
          const got = tokenize(input, delimiter, [size]);
          // Whatever the tokenizer accepts, csv-parse accepts too, with the same records.
          expect(got).toEqual(expected);
        } catch (error) {
          if (!(error instanceof IrregularCsv)) throw error;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('readCsv', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ccm-tokenizer-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function rows(name: string, content: string | Buffer) {
    const path = join(dir, name);
    await writeFile(path, content);
    const sheet = readCsv(path, name, await sniffCsv(path));
    const out: { row: number; cells: readonly unknown[] }[] = [];
    for await (const batch of sheet.rows) for (const row of batch) out.push({ row: row.row, cells: row.cells });
    return { out, sha256: sheet.sha256?.(), encoding: sheet.encoding?.() };
  }

  // explore9 C07: the encoding was chosen once from the first 64 KB, so one Windows-1252 byte there made
  // every UTF-8 name mojibake, and one past them was read as U+FFFD.
  const MIXED = Buffer.concat([Buffer.from('Staff,Note\nJosé Peña,ok\n'), Buffer.from('Jos\xe9 Pe\xf1a,pt\x92s diet\n', 'latin1')]);

  it('reads UTF-8 as UTF-8 and only the bytes that are not UTF-8 as Windows-1252', async () => {
    const { out, encoding } = await rows('mixed.csv', MIXED);
    expect(out.map((r) => r.cells)).toEqual([['Staff', 'Note'], ['José Peña', 'ok'], ['José Peña', 'pt’s diet']]);
    expect(encoding).toBe('mixed UTF-8 / Windows-1252');
  });

  it('reads a Windows-1252 byte far past the first 64 KB as Windows-1252, not U+FFFD', async () => {
    const filler = 'José Peña,routine call\n'.repeat(20_000); // 480 KB of UTF-8
    const { out, encoding } = await rows('late.csv', Buffer.concat([Buffer.from(`Staff,Note\n${filler}`), Buffer.from('O\x92Brien,\x93home\x94 visit\n', 'latin1')]));
    expect(out.at(-1)!.cells).toEqual(['O’Brien', '“home” visit']);
    expect(out[1]!.cells).toEqual(['José Peña', 'routine call']);
    expect(encoding).toBe('mixed UTF-8 / Windows-1252');
  });

  it('reads a UTF-8 character the 1 MiB read chunks cut in two as before', async () => {
    const head = 'Staff,Note\n';
    const pad = 'x'.repeat((1 << 20) - Buffer.byteLength(head) - 1);
    const { out, encoding } = await rows('cut.csv', `${head}${pad}é,€\n`);
    expect(out[1]!.cells).toEqual([`${pad}é`, '€']);
    expect(encoding).toBe('UTF-8');
  });

  it('decodes the same mix when csv-parse takes over from the tokenizer', async () => {
    const { out, encoding } = await rows('mixed-irregular.csv', Buffer.concat([MIXED, Buffer.from('"quoted" then text,x\n')]));
    expect(out.map((r) => r.cells)).toEqual([['Staff', 'Note'], ['José Peña', 'ok'], ['José Peña', 'pt’s diet'], ['"quoted" then text', 'x']]);
    expect(encoding).toBe('mixed UTF-8 / Windows-1252');
  });

  it('continues with csv-parse from the record the tokenizer left, numbering rows as before', async () => {
    const { out, sha256 } = await rows('irregular.csv', 'id,note\n1,plain\n2,"quoted" then text\n3,after\n');
    expect(out).toEqual([
      { row: 1, cells: ['id', 'note'] },
      { row: 2, cells: ['1', 'plain'] },
      { row: 3, cells: ['2', '"quoted" then text'] },
      { row: 4, cells: ['3', 'after'] },
    ]);
    expect(sha256).toBeUndefined(); // the fallback did not see every byte: ingest hashes the file itself
  });

  it('hashes the whole file, byte-order mark included, while reading it', async () => {
    const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,note\n1,x\n')]);
    const { out, sha256 } = await rows('bom.csv', content);
    expect(out[0]!.cells).toEqual(['id', 'note']);
    const { createHash } = await import('node:crypto');
    expect(sha256).toBe(createHash('sha256').update(content).digest('hex'));
  });
});
