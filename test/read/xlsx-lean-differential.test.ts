/**
 * The lean XLSX reader against exceljs's streaming reader (the reference): every workbook under fixtures/,
 * and hand-made workbooks for each cell rule exceljs follows, must give identical row streams.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../helpers/paths.js';
import { buildWorkbook, leanRefusal, MAIN_NS, prefixed, readExcelJs, readLean, stylesWith, type WorkbookSpec, writeWorkbook } from './xlsx-compare.js';

function workbooksUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return workbooksUnder(path);
    return name.endsWith('.xlsx') ? [path] : [];
  });
}

const FIXTURES = workbooksUnder(fixture(''));

describe('every fixture workbook', () => {
  it('there are some', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(2);
  });

  it.each(FIXTURES.map((path) => [path.slice(path.indexOf('fixtures/')), path]))('%s reads the same with both readers', async (_, path) => {
    const lean = await readLean(path);
    expect(lean.length).toBeGreaterThan(0);
    expect(lean).toEqual(await readExcelJs(path));
  });
});

/** Hand-made cases: each is read by both readers and must agree. */
const CASES: Record<string, WorkbookSpec> = {
  'numbers, text, booleans, errors and shared strings': {
    sharedStrings: '<si><t>MRN</t></si><si><t xml:space="preserve">  padded  </t></si><si><t/></si>',
    sheets: [
      {
        name: 'Log',
        data:
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>99</v></c></row>' +
          '<row r="2"><c r="A2"><v>20451</v></c><c r="B2"><v>-1.5e3</v></c><c r="C2"><v>0.1</v></c><c r="D2"><v>-0</v></c><c r="E2"><v></v></c></row>' +
          '<row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3" t="b"><v>0</v></c><c r="C3" t="b"><v>true</v></c><c r="D3" t="e"><v>#N/A</v></c><c r="E3" t="e"><v/></c></row>',
      },
    ],
  },
  'formulas and their cached results, as exceljs keeps them': {
    sheets: [
      {
        name: 'F',
        data:
          '<row r="1"><c r="A1"><f>1-1</f><v>0</v></c><c r="B1"><f t="shared" si="0" ref="B1:B3">A1</f><v>0</v></c><c r="C1" t="str"><f>""</f><v></v></c>' +
          '<c r="D1" t="e"><f>NA()</f><v>#N/A</v></c><c r="E1" t="b"><f>TRUE()</f><v>1</v></c><c r="F1" t="str"><f>A1</f><v>a &amp;amp; b</v></c><c r="G1"><f>X</f></c></row>' +
          '<row r="2"><c r="B2"><f t="shared" si="0"/><v>0</v></c><c r="C2"><f t="shared" si="0"/><v>7</v></c><c r="D2" t="str"><f t="shared" si="1"/><v></v></c></row>' +
          '<row r="3"><c r="A3"><f t="shared" si="0"/></c></row>',
      },
    ],
  },
  'inline strings, entities decoded twice, last run of inline rich text': {
    sheets: [
      {
        name: 'Inline',
        data:
          '<row r="1"><c r="A1" t="inlineStr"><is><t>a &amp;lt; b</t></is></c><c r="B1" t="inlineStr"><is><r><t>first</t></r><r><rPr><b/></rPr><t>last</t></r></is></c>' +
          '<c r="C1" t="inlineStr"><is><t>&#x1F600; &#233;&#x20AC; &quot;q&quot; &apos;</t></is></c><c r="D1" t="inlineStr"><is><t></t></is></c><c r="E1" t="str"><v>x&#13;&#10;y</v></c></row>',
      },
    ],
  },
  'rich text and phonetic runs in shared strings': {
    sharedStrings:
      '<si><r><t>Reviewed </t></r><r><rPr><b/><sz val="11"/><rFont val="Calibri"/></rPr><t xml:space="preserve">BP log </t></r><r><t>&amp; meds</t></r></si>' +
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>' +
      '<si><r><rPr><b/></rPr></r></si>' +
      '<si><t>line one\r\nline two\rthree</t></si>' +
      '<si><t>cdata<![CDATA[ dropped]]> kept</t></si>',
    sheets: [{ name: 'S', data: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>' }],
  },
  'sparse cells and rows, empty and style-only rows': {
    styles: stylesWith(),
    sheets: [
      {
        name: 'Sparse',
        data:
          '<row r="2"><c r="C2"><v>3</v></c><c r="F2"><v>6</v></c><c r="H2" s="2"/></row>' +
          '<row r="3" s="2" customFormat="1"><c r="A3" s="2"/></row><row r="4"/>' +
          '<row r="7"><c r="AA7"><v>27</v></c></row><row r="9"><c r="B9" t="s"><v>5</v></c></row>',
      },
    ],
    sharedStrings: '<si><t>only</t></si>',
  },
  'dates by cell style, row style and custom formats': {
    styles: stylesWith(
      [
        { id: 164, code: 'yyyy-mm-dd' },
        { id: 165, code: '0\\ \\m\\i\\n' },
        { id: 166, code: '[Red]0.00' },
        { id: 167, code: '&quot;days&quot; 0' },
        { id: 14, code: '0.00' },
      ],
      [164, 165, 166, 167, 22, 46, 30, 14, 18, 49],
    ),
    sheets: [
      {
        name: 'Dates',
        data:
          '<row r="1"><c r="A1" s="1"><v>45723</v></c><c r="B1" s="3"><v>45723.5</v></c><c r="C1" s="4"><v>1</v></c><c r="D1" s="5"><v>2</v></c><c r="E1" s="6"><v>3</v></c>' +
          '<c r="F1" s="7"><v>45723.25</v></c><c r="G1" s="8"><v>0.75</v></c><c r="H1" s="9"><v>45723</v></c><c r="I1" s="10"><v>45723</v></c><c r="J1" s="11"><v>0.5</v></c><c r="K1" s="12"><v>5</v></c><c r="L1" s="99"><v>5</v></c></row>' +
          '<row r="2" s="1" customFormat="1"><c r="A2"><v>45723</v></c><c r="B2" s="0"><v>45723</v></c><c r="C2" s="2"><v>45723</v></c><c r="D2" s="99"><v>45723</v></c></row>' +
          '<row r="3" s="2"><c r="A3"><v>45723</v></c><c r="B3" s="1"><v>-1</v></c><c r="C3" s="1"><v>abc</v></c></row>',
      },
    ],
  },
  'zero-padded numbers (an MRN 123 shown as 00123) as the text Excel displays': {
    styles: stylesWith(
      [
        { id: 164, code: '00000' },
        { id: 165, code: '000\\-00\\-0000' },
        { id: 166, code: '[m]' },
      ],
      [164, 165, 1, 166],
    ),
    sheets: [
      {
        name: 'Ids',
        data:
          '<row r="1"><c r="A1" s="3"><v>123</v></c><c r="B1" s="4"><v>123456789</v></c><c r="C1" s="3"><v>1234567</v></c><c r="D1" s="3"><v>12.5</v></c>' +
          '<c r="E1" s="5"><v>7</v></c><c r="F1" s="3"><v>-5</v></c><c r="G1" s="3"><f>X</f><v>5</v></c><c r="H1" s="4"><v>12345</v></c><c r="I1" s="6"><v>0.017361111111111112</v></c><c r="J1" s="6"><v>0.5</v></c></row>' +
          '<row r="2" s="3" customFormat="1"><c r="A2"><v>42</v></c><c r="B2" s="0"><v>42</v></c></row>',
      },
    ],
  },
  'the 1904 date system': {
    workbookPr: '<workbookPr date1904="1"/>',
    styles: stylesWith(),
    sheets: [{ name: 'Mac', data: '<row r="1"><c r="A1" s="1"><v>44261</v></c></row>' }],
  },
  'pretty-printed XML: whitespace after a value joins it, as in exceljs': {
    sharedStrings: '\n  <si>\n    <t>a</t>\n  </si>\n  <si>\n    <r>\n      <t>b</t>\n    </r>\n  </si>\n',
    sheets: [
      {
        name: 'Pretty',
        data:
          '\n    <row r="1">\n      <c r="A1" t="str">\n        <f>X</f>\n        <v>a</v>\n      </c>\n      <c r="B1" t="s">\n        <v>1</v>\n      </c>\n' +
          '      <c r="C1">\n        <v>42</v>\n      </c>\n      <c r="D1" t="s"><v>0</v></c>\n    </row>\n',
      },
    ],
  },
  'several sheets, unicode and escaped sheet names': {
    sheets: [
      { name: 'Time Log', data: '<row r="1"><c r="A1"><v>1</v></c></row>' },
      { name: 'Consents &amp;amp; more', data: '<row r="1"><c r="A1"><v>2</v></c></row>' },
      { name: 'Zoë – 😀', data: '' },
    ],
  },
  'shared strings and styles stored before the sheets': {
    order: 'parts-first',
    sharedStrings: '<si><t>x</t></si>',
    styles: stylesWith(),
    sheets: [{ name: 'S', data: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45000</v></c></row>' }],
  },
  'stored (uncompressed) entries': {
    stored: true,
    sharedStrings: '<si><t>x</t></si>',
    sheets: [{ name: 'S', data: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }],
  },
  'merged cells: vertical ones kept by first column, horizontal and malformed ones not': {
    sheets: [
      {
        name: 'M',
        whole: true,
        data:
          `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c></row>` +
          '<row r="2"><c r="A2"><v>10045</v></c><c r="C2"><v>5</v></c></row><row r="3"><c r="A3"/><c r="C3"><v>6</v></c></row></sheetData>' +
          '<mergeCells count="4"><mergeCell ref="A1:D1"/><mergeCell ref="A2:A3"/><mergeCell ref="B2:B9x"/><mergeCell ref="$D$2:$E$3"/></mergeCells></worksheet>',
      },
    ],
  },
};

describe('hand-made workbooks', () => {
  it.each(Object.entries(CASES))('%s', async (name, spec) => {
    const path = writeWorkbook(`${name.replace(/\W+/g, '-')}.xlsx`, buildWorkbook(spec));
    const lean = await readLean(path);
    expect(lean).toEqual(await readExcelJs(path));
    expect(lean.flatMap((s) => s.rows).length).toBeGreaterThan(0);
  });

  it('the merges of the merged-cells case, spelled out', async () => {
    const [sheet] = await readLean(writeWorkbook('m.xlsx', buildWorkbook(CASES['merged cells: vertical ones kept by first column, horizontal and malformed ones not']!)));
    expect(sheet!.merges).toEqual([
      { column: 0, top: 2, bottom: 3 },
      { column: 3, top: 2, bottom: 3 },
    ]);
  });

  it('a few of those values, spelled out', async () => {
    const formulas = await readLean(writeWorkbook('f.xlsx', buildWorkbook(CASES['formulas and their cached results, as exceljs keeps them']!)));
    // A formula's result of 0, "" or an error is lost (exceljs copies only truthy fields), unless the formula
    // text is empty (a shared formula's followers).
    expect(formulas[0]!.rows[0]!.cells).toEqual([null, null, null, null, 1, 'a & b', null]);
    expect(formulas[0]!.rows[1]!.cells).toEqual([null, 0, 7, '']);
    expect(formulas[0]!.rows[2]).toEqual({ row: 3, cells: [null] });
    const dates = await readLean(writeWorkbook('d.xlsx', buildWorkbook(CASES['dates by cell style, row style and custom formats']!)));
    // s=1 is numFmt 14, redefined by the workbook as 0.00: a number. s=3 is yyyy-mm-dd: a UTC date.
    expect(dates[0]!.rows[0]!.cells.slice(0, 2)).toEqual([45723, { date: Date.UTC(2025, 2, 7, 12) }]);
    const ids = await readLean(writeWorkbook('z.xlsx', buildWorkbook(CASES['zero-padded numbers (an MRN 123 shown as 00123) as the text Excel displays']!)));
    // Whole numbers in 00000 or 000-00-0000 become their displayed text; decimals, negatives, `0` and formulas stay numbers.
    // A number in [m] alone is a duration: a time on day 0 (Excel shows 25 and 720).
    expect(ids[0]!.rows[0]!.cells).toEqual(['00123', '123-45-6789', '1234567', 12.5, 7, -5, 5, '000-01-2345', { date: Date.UTC(1899, 11, 30, 0, 25) }, { date: Date.UTC(1899, 11, 30, 12) }]);
    expect(ids[0]!.rows[1]!.cells).toEqual(['00042', '00042']);
    const mac = await readLean(writeWorkbook('m.xlsx', buildWorkbook(CASES['the 1904 date system']!)));
    expect(mac[0]!.rows[0]!.cells[0]).toEqual({ date: Date.UTC(2025, 2, 7) });
  });
});

describe('where exceljs is wrong, the lean reader follows the format', () => {
  it('reads shared strings and styles stored after the sheets (exceljs loses date styles then)', async () => {
    const spec: WorkbookSpec = {
      sharedStrings: '<si><t>x</t></si>',
      styles: stylesWith(),
      sheets: [{ name: 'S', data: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45723</v></c></row>' }],
    };
    const path = writeWorkbook('late-parts.xlsx', buildWorkbook(spec));
    expect(await readLean(path)).toEqual([{ sheet: 'S', rows: [{ row: 1, cells: ['x', { date: Date.UTC(2025, 2, 7) }] }] }]);
  });

  it('numbers rows and cells without a reference after the previous ones (exceljs fails)', async () => {
    const path = writeWorkbook('no-refs.xlsx', buildWorkbook({ sheets: [{ name: 'S', data: '<row><c><v>1</v></c><c><v>2</v></c></row><row r="4"><c r="B4"><v>3</v></c><c><v>4</v></c></row><row><c><v>5</v></c></row>' }] }));
    expect(await readLean(path)).toEqual([
      {
        sheet: 'S',
        rows: [
          { row: 1, cells: [1, 2] },
          { row: 4, cells: [null, 3, 4] },
          { row: 5, cells: [5] },
        ],
      },
    ]);
  });

  it('names sheets whose relationship targets are absolute, as openpyxl writes them (exceljs calls them Sheet1)', async () => {
    const path = writeWorkbook('absolute.xlsx', buildWorkbook({ sheets: [{ name: 'Time Log', target: '/xl/worksheets/sheet1.xml', data: '<row r="1"><c r="A1"><v>1</v></c></row>' }] }));
    expect((await readLean(path)).map((s) => s.sheet)).toEqual(['Time Log']);
  });

  it('finds shared strings where the relationships say, e.g. xl/SharedStrings.xml (exceljs never does)', async () => {
    const spec: WorkbookSpec = { sharedStringsPath: 'xl/SharedStrings.xml', sharedStrings: '<si><t>MRN</t></si>', sheets: [{ name: 'S', data: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }] };
    const path = writeWorkbook('renamed-strings.xlsx', buildWorkbook(spec));
    expect(await readLean(path)).toEqual([{ sheet: 'S', rows: [{ row: 1, cells: ['MRN'] }] }]);
  });

  it('reads sheets in tab order', async () => {
    const spec: WorkbookSpec = {
      sheets: [
        { name: 'Second file', target: 'worksheets/sheet2.xml', data: '<row r="1"><c r="A1"><v>2</v></c></row>' },
        { name: 'First file', target: 'worksheets/sheet1.xml', data: '<row r="1"><c r="A1"><v>1</v></c></row>' },
      ],
    };
    const path = writeWorkbook('tab-order.xlsx', buildWorkbook(spec));
    expect((await readLean(path)).map((s) => s.sheet)).toEqual(['Second file', 'First file']);
  });
});

describe('workbooks left to exceljs, decided before any row', () => {
  const strict = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
  const FALLBACKS: Record<string, WorkbookSpec> = {
    'strict OOXML': {
      sheets: [{ name: 'S', data: '<row r="1"><c r="A1"><v>1</v></c></row>' }],
      override: { 'xl/workbook.xml': `<workbook xmlns="${strict}" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    },
    'a prefixed worksheet bound to another namespace': {
      sheets: [{ name: 'S', whole: true, data: `<x:worksheet xmlns:x="${strict}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>` }],
    },
    'no workbook relationships': {
      sheets: [{ name: 'S', data: '<row r="1"><c r="A1"><v>1</v></c></row>' }],
      omit: ['xl/_rels/workbook.xml.rels'],
    },
    'a sheet part that is missing': {
      sheets: [{ name: 'S', data: '<row r="1"><c r="A1"><v>1</v></c></row>' }],
      omit: ['xl/worksheets/sheet1.xml'],
    },
    'styles without cellXfs': {
      styles: '<numFmts count="0"/>',
      sheets: [{ name: 'S', data: '<row r="1"><c r="A1"><v>1</v></c></row>' }],
    },
    'styles without fonts (exceljs fails on the first styled cell)': {
      styles: '<cellXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellXfs>',
      sheets: [{ name: 'S', data: '<row r="1"><c r="A1"><v>1</v></c></row>' }],
    },
  };

  it.each(Object.entries(FALLBACKS))('%s', async (name, spec) => {
    const path = writeWorkbook(`fallback-${name.replace(/\W+/g, '-')}.xlsx`, buildWorkbook(spec));
    expect(await leanRefusal(path)).toEqual(expect.any(String));
  });

  it('and readXlsx then gives exactly what exceljs gives', async () => {
    const { readXlsx } = await import('../../src/read/xlsx.js');
    const { collect } = await import('./xlsx-compare.js');
    const path = writeWorkbook('fallback-rows.xlsx', buildWorkbook(FALLBACKS['strict OOXML']!));
    expect(await collect(readXlsx(path, 'book.xlsx'))).toEqual(await readExcelJs(path));
  });
});

describe('parts whose elements carry a namespace prefix', () => {
  const sheet =
    `<worksheet xmlns="${MAIN_NS}"><sheetData>` +
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Minutes</t></is></c></row>' +
    '<row r="2"><c r="A2"><v>1001</v></c><c r="B2" s="1"><v>46298</v></c><c r="C2"><v>25</v></c></row>' +
    '<row r="3"><c r="B3" s="1"><v>46305</v></c><c r="C3"><f>10+5</f><v>15</v></c></row>' +
    '</sheetData><mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells></worksheet>';
  const spec: WorkbookSpec = {
    sharedStrings: '<si><t>MRN</t></si><si><r><t>Date</t></r><r><t> of Service</t></r></si>',
    styles: stylesWith(),
    sheets: [{ name: 'Billed', whole: true, data: sheet }],
  };
  const plain = buildWorkbook(spec);
  const parts = ['xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
  const texts: Record<string, string> = {
    'xl/workbook.xml': `<workbook xmlns="${MAIN_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Billed" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/worksheets/sheet1.xml': sheet,
    'xl/sharedStrings.xml': `<sst xmlns="${MAIN_NS}">${spec.sharedStrings}</sst>`,
    'xl/styles.xml': `<styleSheet xmlns="${MAIN_NS}">${spec.styles}</styleSheet>`,
  };

  it('are read by local name: the same rows and merges as the unprefixed workbook gives exceljs', async () => {
    const path = writeWorkbook('prefixed.xlsx', buildWorkbook({ ...spec, override: Object.fromEntries(parts.map((p) => [p, prefixed(texts[p]!)])) }));
    const expected = await readExcelJs(writeWorkbook('unprefixed.xlsx', plain));
    expect(expected[0]!.rows).toHaveLength(3);
    expect(await leanRefusal(path)).toBeUndefined();
    expect(await readLean(path)).toEqual(expected);
  });

  it('also when the workbook binds the relationships namespace to another prefix than r', async () => {
    const workbook = prefixed(texts['xl/workbook.xml']!).replace('xmlns:r=', 'xmlns:rel=').replace('r:id=', 'rel:id=');
    const path = writeWorkbook('prefixed-rel.xlsx', buildWorkbook({ ...spec, override: { 'xl/workbook.xml': workbook, 'xl/worksheets/sheet1.xml': prefixed(sheet) } }));
    expect(await readLean(path)).toEqual(await readExcelJs(writeWorkbook('unprefixed.xlsx', plain)));
  });

  it('rows under a prefix the root does not bind stop the read instead of passing as an empty sheet', async () => {
    const other = prefixed(sheet).replace('<x:sheetData>', '<x:sheetData xmlns:y="' + MAIN_NS + '">').replace(/<(\/?)x:(row|c|v|f|is|t)\b/g, '<$1y:$2');
    const path = writeWorkbook('prefixed-other.xlsx', buildWorkbook({ ...spec, override: { 'xl/worksheets/sheet1.xml': other } }));
    await expect(readLean(path)).rejects.toThrow('the workbook could not be read (sheet "Billed": an element <y:row> among the rows)');
  });

  it('read by exceljs (which sees no rows in them) stop the run instead of passing as an empty sheet', async () => {
    const path = writeWorkbook('prefixed-exceljs.xlsx', buildWorkbook({ ...spec, override: { 'xl/worksheets/sheet1.xml': prefixed(sheet) } }));
    await expect(readExcelJs(path)).rejects.toThrow('sheet "Billed" holds cells the XLSX reader could not read');
  });
});
