import type { RawRow } from './types.js';

/**
 * Rows one by one as RawSheet batches (the readers that have them one at a time: csv-parse, exceljs). When the
 * reader fails, the rows before the failure are handed over first: a problem ingest finds in them (a row over
 * the limits) is earlier in the file than the read error, and is the one a user must be told about.
 */
export async function* inBatches(rows: AsyncIterable<RawRow>, size = 512): AsyncGenerator<RawRow[]> {
  let batch: RawRow[] = [];
  try {
    for await (const row of rows) {
      batch.push(row);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    if (batch.length > 0) yield batch;
    throw error;
  }
  if (batch.length > 0) yield batch;
}
