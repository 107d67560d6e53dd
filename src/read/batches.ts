import type { RawRow } from './types.js';

/** Rows one by one as RawSheet batches (the readers that have them one at a time: csv-parse, exceljs). */
export async function* inBatches(rows: AsyncIterable<RawRow>, size = 512): AsyncGenerator<RawRow[]> {
  let batch: RawRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
