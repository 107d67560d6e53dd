import { xmlText } from './xml.js';

/**
 * The cell formats (xl/styles.xml, ECMA-376 Part 1, 18.8) of a workbook written by the lean writer: only
 * the ones its cells use, numbered in the order they are first asked for, so the same report always gets
 * the same numbers. Fonts and fills are written as exceljs writes them (a bold font, a font with only a
 * colour, a solid fill), so the two writers' workbooks read back with the same styles.
 */

export interface Format {
  numFmt?: string | undefined;
  fill?: string | undefined;
  fontColor?: string | undefined;
  bold?: boolean;
}

/** The first id ECMA-376 leaves to custom number formats (ids below are built in). */
const FIRST_CUSTOM_NUMFMT = 164;

export class StyleSheet {
  private readonly numFmts = new Map<string, number>();
  private readonly fonts = new Map<string, number>([['', 0]]);
  private readonly fills = new Map<string, number>([
    ['none', 0],
    ['gray125', 1],
  ]);
  /** Cell formats by key; 0 is the default format. */
  private readonly xfs = new Map<string, number>([['0,0,0', 0]]);

  /** The cellXfs index for a format, registering what it needs. 0 is the default look. */
  id(format: Format): number {
    const numFmtId = format.numFmt === undefined ? 0 : this.numFmtId(format.numFmt);
    const fontId = index(this.fonts, fontXml(format));
    const fillId = format.fill === undefined ? 0 : index(this.fills, format.fill);
    return index(this.xfs, `${numFmtId},${fontId},${fillId}`);
  }

  private numFmtId(code: string): number {
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = FIRST_CUSTOM_NUMFMT + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  xml(): string {
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code, true)}"/>`);
    // The default font: Excel's own (Calibri 11) without theme references, as the package has no theme part.
    const fonts = [...this.fonts.keys()].map((key) => (key === '' ? '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' : `<font>${key}</font>`));
    const fills = [...this.fills.keys()].map((key) =>
      key === 'none' || key === 'gray125' ? `<fill><patternFill patternType="${key}"/></fill>` : `<fill><patternFill patternType="solid"><fgColor rgb="${key}"/></patternFill></fill>`,
    );
    const xfs = [...this.xfs.keys()].map((key) => {
      const [numFmtId, fontId, fillId] = key.split(',');
      const apply = `${numFmtId !== '0' ? ' applyNumberFormat="1"' : ''}${fontId !== '0' ? ' applyFont="1"' : ''}${fillId !== '0' ? ' applyFill="1"' : ''}`;
      return `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${apply}/>`;
    });
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (numFmts.length > 0 ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '') +
      `<fonts count="${fonts.length}">${fonts.join('')}</fonts>` +
      `<fills count="${fills.length}">${fills.join('')}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}

/** A font's XML content, which is also its key; '' is the default font. */
function fontXml(format: Format): string {
  return `${format.bold ? '<b/>' : ''}${format.fontColor !== undefined ? `<color rgb="${format.fontColor}"/>` : ''}`;
}

function index(map: Map<string, number>, key: string): number {
  let id = map.get(key);
  if (id === undefined) {
    id = map.size;
    map.set(key, id);
  }
  return id;
}
