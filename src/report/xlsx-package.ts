import { xmlText } from './xml.js';

/**
 * The small parts of an XLSX package around the worksheets (ECMA-376 Part 1 and Part 2, Open Packaging
 * Conventions): content types, relationships, the workbook with its sheet list, and the document
 * properties. No theme, shared strings or calc chain: the worksheets hold their text inline and no formulas.
 */

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const SHEET_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';

/** The zip path of the n-th worksheet (1-based). */
export function worksheetPath(n: number): string {
  return `xl/worksheets/sheet${n}.xml`;
}

export function contentTypesXml(sheets: number): string {
  const overrides = [
    ['/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'],
    ...Array.from({ length: sheets }, (_, i) => [`/${worksheetPath(i + 1)}`, SHEET_TYPE]),
    ['/xl/styles.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml'],
    ['/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'],
    ['/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml'],
  ];
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    overrides.map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`).join('') +
    '</Types>'
  );
}

export function rootRelsXml(): string {
  return relationships([
    [`${DOC_RELS}/officeDocument`, 'xl/workbook.xml'],
    [`${PKG_RELS}/metadata/core-properties`, 'docProps/core.xml'],
    [`${DOC_RELS}/extended-properties`, 'docProps/app.xml'],
  ]);
}

/** Worksheets are rId1…rIdN in sheet order, the styles part comes after them. */
export function workbookRelsXml(sheets: number): string {
  return relationships([...Array.from({ length: sheets }, (_, i) => [`${DOC_RELS}/worksheet`, `worksheets/sheet${i + 1}.xml`] as const), [`${DOC_RELS}/styles`, 'styles.xml']]);
}

export function workbookXml(names: readonly string[]): string {
  const sheets = names.map((name, i) => `<sheet name="${xmlText(name, true)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  return `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${DOC_RELS}"><workbookPr/><bookViews><workbookView/></bookViews><sheets>${sheets}</sheets></workbook>`;
}

/** Who and when: a fixed date (the run date), so two runs give the same bytes. */
export function corePropertiesXml(creator: string, when: Date): string {
  const w3cdtf = when.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>${xmlText(creator)}</dc:creator><cp:lastModifiedBy>${xmlText(creator)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${w3cdtf}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${w3cdtf}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

export function appPropertiesXml(application: string): string {
  return `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${xmlText(application)}</Application></Properties>`;
}

function relationships(targets: readonly (readonly [type: string, target: string])[]): string {
  const items = targets.map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`).join('');
  return `${XML_HEAD}<Relationships xmlns="${PKG_RELS}">${items}</Relationships>`;
}
