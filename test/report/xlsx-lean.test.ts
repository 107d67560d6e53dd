import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type DeflateRaw, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditResult } from '../../src/audit-types.js';
import { audit } from '../../src/index.js';
import { crc32, tableCrc32 } from '../../src/crc32.js';
import { columnLetter } from '../../src/column-letter.js';
import { MAX_CELL_TEXT } from '../../src/report/xlsx-tables.js';
import { type XlsxOptions, writeXlsx } from '../../src/report/xlsx.js';
import { CcmError } from '../../src/errors.js';
import { ZipEntryWriter, type ZipWriter, centralDirectory } from '../../src/report/zip-write.js';
import { readCentralDirectory } from '../../src/zip.js';
import { fixture } from '../helpers/paths.js';
import { sampleResult } from './sample-result.js';
import { type ExceljsView, exceljsView, sheetJsView } from './xlsx-readback.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccm-lean-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

let counter = 0;
async function write(result: AuditResult, options: XlsxOptions = {}): Promise<Buffer> {
  const path = join(dir, `${++counter}.xlsx`);
  await writeXlsx(result, path, options);
  return readFile(path);
}

async function demoResult(): Promise<AuditResult> {
  const { result } = await audit([{ path: resolve(fixture('demo/ccm-export-2026-10.xlsx')) }], { runDate: '2026-11-15', period: '2026-10' });
  return result;
}

/**
 * The differences the two writers are allowed, both of the exceljs writer's making: it leaves out a column
 * whose width is 9 (its default width, while Excel's is 8.43), and its default font carries a theme colour
 * and scheme because it ships a theme part, which the lean writer does without.
 */
function withoutExceljsQuirks(view: ExceljsView): ExceljsView {
  const sheets = Object.fromEntries(
    Object.entries(view.sheets).map(([name, sheet]) => [
      name,
      {
        ...sheet,
        widths: sheet.widths.map((w) => w ?? 9),
        cells: Object.fromEntries(Object.entries(sheet.cells).map(([address, cell]) => [address, { ...cell, font: withoutTheme(cell.font) }])),
      },
    ]),
  );
  return { ...view, sheets };
}

function withoutTheme(font: unknown): unknown {
  if (font === null || typeof font !== 'object') return font;
  const { color, scheme: _scheme, ...rest } = font as { color?: { theme?: number }; scheme?: string };
  return color === undefined || color.theme !== undefined ? rest : { ...rest, color };
}

const cases: [string, () => Promise<AuditResult> | AuditResult, XlsxOptions][] = [
  ['the sample audit', sampleResult, {}],
  ['the demo audit', demoResult, {}],
  ['tables split past the row limit', sampleResult, { rowsPerSheet: 3 }],
  [
    'empty tables',
    () => {
      const result = sampleResult();
      result.patientMonths = [];
      result.findings = [];
      return result;
    },
    {},
  ],
];

describe('the lean writer reads back as the exceljs writer does', () => {
  it.each(cases)('%s', async (_, make, options) => {
    const lean = await write(await make(), options);
    const reference = await write(await make(), { ...options, writer: 'exceljs' });
    expect(sheetJsView(lean)).toEqual(sheetJsView(reference));
    expect(withoutExceljsQuirks(await exceljsView(lean))).toEqual(withoutExceljsQuirks(await exceljsView(reference)));
  });

  it('writes every declared column width, 9 included', async () => {
    const view = await exceljsView(await write(sampleResult()));
    expect(view.sheets.Claims!.widths).toEqual([14, 14, 9, 15, 8, 7, 10, 13, 40, 9, 13]);
  });
});

describe('the lean writer: text', () => {
  it('removes characters XML cannot carry before the injection guard sees the text', async () => {
    const result = sampleResult();
    result.findings[0] = { ...result.findings[0]!, message: '\u0001=HYPERLINK("x")\u0000 \u007f<b>&amp;\uFFFF' };
    for (const writer of ['lean', 'exceljs'] as const) {
      const view = sheetJsView(await write(result, { writer }));
      expect(view.sheets.Exceptions!.cells.O2!.v).toBe('\'=HYPERLINK("x") <b>&amp;');
    }
  });

  it(`cuts text at Excel's ${MAX_CELL_TEXT} characters, never inside a surrogate pair`, async () => {
    const result = sampleResult();
    result.findings[0] = { ...result.findings[0]!, message: `${'x'.repeat(MAX_CELL_TEXT - 2)}😀${'y'.repeat(100)}` };
    const text = sheetJsView(await write(result)).sheets.Exceptions!.cells.O2!.v as string;
    expect(text).toHaveLength(MAX_CELL_TEXT - 1);
    expect(text.endsWith('x…')).toBe(true);
  });
});

describe('the lean writer: reproducible, owner-only', () => {
  it('two writes under different clocks are byte-identical', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2021-02-03T04:05:06Z'));
      const a = await write(sampleResult());
      vi.setSystemTime(new Date('2031-07-08T09:10:11Z'));
      const b = await write(sampleResult());
      expect(a.equals(b)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('creates the file with mode 0600', async () => {
    const path = join(dir, 'mode.xlsx');
    await writeXlsx(sampleResult(), path);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });
});

describe('the lean writer: zip structure', () => {
  it('every entry inflates to its recorded size and CRC-32, with local headers where the directory says', async () => {
    const path = join(dir, 'structure.xlsx');
    await writeXlsx(await demoResult(), path);
    const bytes = await readFile(path);
    const file = await open(path, 'r');
    try {
      const cd = await readCentralDirectory(file);
      expect(cd.zip64).toBe(false);
      expect(cd.entries.map((e) => e.name)).toEqual([
        'xl/worksheets/sheet1.xml',
        'xl/worksheets/sheet2.xml',
        'xl/worksheets/sheet3.xml',
        'xl/worksheets/sheet4.xml',
        '[Content_Types].xml',
        '_rels/.rels',
        'docProps/app.xml',
        'docProps/core.xml',
        'xl/styles.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/workbook.xml',
      ]);
      for (const entry of cd.entries) {
        const at = entry.localHeaderOffset;
        expect(bytes.readUInt32LE(at)).toBe(0x04034b50);
        const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
        const data = inflateRawSync(bytes.subarray(start, start + entry.compressedSize));
        expect(data.length, entry.name).toBe(entry.uncompressedSize);
        const crc = cd.bytes.readUInt32LE(entry.recordOffset + 16);
        expect(tableCrc32(data), entry.name).toBe(crc);
        // The data descriptor after the data repeats CRC and sizes.
        const descriptor = start + entry.compressedSize;
        expect([bytes.readUInt32LE(descriptor), bytes.readUInt32LE(descriptor + 4), bytes.readUInt32LE(descriptor + 8), bytes.readUInt32LE(descriptor + 12)]).toEqual([
          0x08074b50,
          crc,
          entry.compressedSize,
          entry.uncompressedSize,
        ]);
      }
    } finally {
      await file.close();
    }
  });

  it.skipIf(spawnSync('unzip', ['-v']).status !== 0)('passes unzip -t', async () => {
    const path = join(dir, 'unzip.xlsx');
    await writeXlsx(await demoResult(), path);
    const result = spawnSync('unzip', ['-t', path], { encoding: 'utf8' });
    expect(result.stdout).toContain('No errors detected');
    expect(result.status).toBe(0);
  });
});

describe('zip-write: past 4 GiB', () => {
  it('moves overflowing offsets into Zip64 records', () => {
    const far = 5 * 2 ** 32 + 7;
    const entries = [
      { name: Buffer.from('a.xml'), crc: 1, compressedSize: 10, size: 20, offset: 0 },
      { name: Buffer.from('b.xml'), crc: 2, compressedSize: 30, size: 40, offset: far },
    ];
    const start = far + 100;
    const cd = centralDirectory(entries, start, 0x00210000);
    // The first entry fits the classic fields; the second's offset sits in a Zip64 extra field.
    expect(cd.readUInt32LE(42)).toBe(0);
    const second = 46 + 5;
    expect(cd.readUInt32LE(second)).toBe(0x02014b50);
    expect(cd.readUInt16LE(second + 30)).toBe(12);
    expect(cd.readUInt32LE(second + 42)).toBe(0xffffffff);
    expect([cd.readUInt16LE(second + 46 + 5), cd.readUInt16LE(second + 46 + 7), Number(cd.readBigUInt64LE(second + 46 + 9))]).toEqual([1, 8, far]);
    const size = second + 46 + 5 + 12;
    // Zip64 end record, its locator, then the classic end record pointing nowhere (0xffffffff).
    expect(cd.readUInt32LE(size)).toBe(0x06064b50);
    expect([Number(cd.readBigUInt64LE(size + 24)), Number(cd.readBigUInt64LE(size + 40)), Number(cd.readBigUInt64LE(size + 48))]).toEqual([2, size, start]);
    expect(cd.readUInt32LE(size + 56)).toBe(0x07064b50);
    expect(Number(cd.readBigUInt64LE(size + 64))).toBe(start + size);
    const eocd = cd.length - 22;
    expect([cd.readUInt32LE(eocd), cd.readUInt16LE(eocd + 10), cd.readUInt32LE(eocd + 12), cd.readUInt32LE(eocd + 16)]).toEqual([0x06054b50, 2, size, 0xffffffff]);
  });

  it('refuses an entry over 4 GiB with a one-line error for the user, not a crash', async () => {
    // No deflate and no file: the size check comes before the data moves on.
    const deflate = { on: () => deflate, write: () => true } as unknown as DeflateRaw;
    const entry = new ZipEntryWriter({} as ZipWriter, 'xl/worksheets/sheet1.xml', deflate, () => undefined);
    // 64 MiB × 64 − 1 byte: the largest size a classic entry can hold, accepted.
    const chunk = Buffer.alloc(1 << 26);
    for (let i = 0; i < 63; i++) await entry.write(chunk);
    await entry.write(chunk.subarray(1));
    const error: unknown = await entry.write(Buffer.alloc(1)).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CcmError);
    expect((error as CcmError).message).toBe('xl/worksheets/sheet1.xml would be larger than 4 GiB, more than a workbook can hold; write the report as CSV instead');
  }, 60_000);

  it('needs no Zip64 record below 4 GiB', () => {
    const cd = centralDirectory([{ name: Buffer.from('a.xml'), crc: 1, compressedSize: 10, size: 20, offset: 0 }], 1000, 0);
    expect(cd.length).toBe(46 + 5 + 22);
  });
});

describe('the lean writer: failures', () => {
  it('rejects when the directory does not exist', async () => {
    await expect(writeXlsx(sampleResult(), join(dir, 'missing', 'report.xlsx'))).rejects.toThrow(/ENOENT/);
  });

  it.skipIf(!existsSync('/dev/full'))('rejects instead of hanging when the disk is full', async () => {
    const result = sampleResult();
    // Enough text that the writes reach the device before the end.
    result.findings = Array.from({ length: 2000 }, (_, i) => ({ ...result.findings[i % result.findings.length]!, message: `finding ${i} `.repeat(50) }));
    await expect(writeXlsx(result, '/dev/full')).rejects.toThrow(/ENOSPC/);
  });
});

describe('helpers', () => {
  it('crc32: the table fallback agrees with the native one, chunk by chunk', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
        const both = Buffer.concat([a, b]);
        expect(tableCrc32(b, tableCrc32(a))).toBe(crc32(both));
        expect(tableCrc32(both)).toBe(crc32(both));
      }),
    );
    expect(tableCrc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('column letters', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702, 16383].map((i) => columnLetter(i))).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });
});
