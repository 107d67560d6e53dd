import ExcelJS from 'exceljs';
import XLSX from 'xlsx';

/**
 * What two independent readers see in a workbook, reduced to plain data so the lean writer's workbook and
 * the exceljs writer's can be compared with one `toEqual`: every cell's value, type, number format, font and
 * fill, and each sheet's name, order, frozen pane, filter and column widths.
 */

export interface SheetJsView {
  names: string[];
  sheets: Record<string, { ref: string | undefined; autofilter: unknown; widths: (number | undefined)[]; cells: Record<string, { t: string; v: unknown; z: unknown }> }>;
}

export function sheetJsView(bytes: Buffer): SheetJsView {
  const book = XLSX.read(bytes, { cellNF: true });
  const sheets: SheetJsView['sheets'] = {};
  for (const name of book.SheetNames) {
    const sheet = book.Sheets[name]!;
    const cells: SheetJsView['sheets'][string]['cells'] = {};
    for (const [address, cell] of Object.entries(sheet)) {
      if (address.startsWith('!')) continue;
      const { t, v, z } = cell as XLSX.CellObject;
      cells[address] = { t, v, z: z ?? null };
    }
    const widths = (sheet['!cols'] ?? []).map((c) => c?.width);
    sheets[name] = { ref: sheet['!ref'], autofilter: sheet['!autofilter'] ?? null, widths, cells };
  }
  return { names: book.SheetNames, sheets };
}

export interface ExceljsView {
  creator: string | undefined;
  created: string | undefined;
  names: string[];
  sheets: Record<
    string,
    {
      views: unknown;
      autoFilter: unknown;
      widths: (number | undefined)[];
      headerFont: unknown;
      cells: Record<string, { type: number; value: unknown; numFmt: unknown; font: unknown; fill: unknown }>;
    }
  >;
}

export async function exceljsView(bytes: Buffer): Promise<ExceljsView> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: ExceljsView['sheets'] = {};
  const names: string[] = [];
  book.eachSheet((sheet) => {
    names.push(sheet.name);
    const cells: ExceljsView['sheets'][string]['cells'] = {};
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        const value = cell.value instanceof Date ? cell.value.toISOString() : cell.value;
        cells[cell.address] = { type: cell.type, value, numFmt: cell.numFmt ?? null, font: cell.font ?? null, fill: cell.fill ?? null };
      });
    });
    const widths = Array.from({ length: sheet.columnCount }, (_, i) => sheet.getColumn(i + 1).width);
    sheets[sheet.name] = { views: sheet.views, autoFilter: sheet.autoFilter ?? null, widths, headerFont: sheet.getRow(1).font ?? null, cells };
  });
  return { creator: book.creator, created: book.created?.toISOString(), names, sheets };
}
