import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { CcmError } from '../errors.js';
import { IrregularCsv, tokenizeCsv } from './csv-tokenizer.js';
import { sniffDelimiter, type Delimiter } from './delimiter.js';
import { sniffEncoding, Utf8Repair, type ReadEncoding, type SniffedEncoding } from './encoding.js';
import type { RawRow, RawSheet } from './types.js';

const SAMPLE_BYTES = 64 * 1024;
/** An unclosed quote must not buffer the rest of the file into one record. */
const MAX_RECORD_BYTES = 1024 * 1024;

export interface CsvFormat extends SniffedEncoding {
  delimiter: Delimiter;
}

/** Read the first bytes once to settle encoding and delimiter before streaming the whole file. */
export async function sniffCsv(path: string): Promise<CsvFormat> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    const encoding = sniffEncoding(head);
    if (encoding.bomLength === 0 && head.includes(0)) throw new CcmError(`${basename(path)}: ${describeNulBytes(head)}`);
    const sample = head.subarray(encoding.bomLength);
    const text = encoding.encoding === 'utf-8' ? new Utf8Repair().push(sample).toString('utf8') : new TextDecoder(encoding.encoding).decode(sample, { stream: true });
    return { ...encoding, delimiter: sniffDelimiter(text) };
  } finally {
    await handle.close();
  }
}

/**
 * Text exports have no NUL bytes. UTF-16 without a byte-order mark has one in every other byte; anything
 * else with NULs is a binary file with a CSV name.
 */
function describeNulBytes(head: Buffer): string {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 0) (i % 2 === 0 ? even++ : odd++);
  const utf16 = Math.max(even, odd) > head.length / 4 && Math.min(even, odd) < head.length / 50;
  return utf16
    ? 'the file is UTF-16 text without a byte-order mark; save it again as "CSV UTF-8" in Excel.'
    : 'the file contains NUL bytes, so it is not a text export; export it again as CSV or XLSX.';
}

/** Decode a UTF-16 byte stream to text; TextDecoder keeps characters split across chunks whole. */
async function* decodeUtf16(path: string, format: SniffedEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(format.encoding);
  const stream = createReadStream(path, { start: format.bomLength, highWaterMark: 256 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** What reading a CSV to the end found out: the file's SHA-256 when the tokenizer hashed it, and its encoding. */
interface ReadFacts {
  sha256?: string;
  encoding?: ReadEncoding;
}

/**
 * A CSV file as one table. Row numbers count records, as Excel numbers rows when it opens the file. UTF-8
 * files go through the lean tokenizer, which also hashes the bytes as it reads them (`sha256`); csv-parse
 * reads UTF-16, and takes over from the first record the tokenizer leaves to it.
 */
export function readCsv(path: string, displayName: string, format: CsvFormat): RawSheet {
  const facts: ReadFacts = {};
  if (format.encoding !== 'utf-8') facts.encoding = format.encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE';
  return { file: displayName, sheet: null, rows: csvRows(path, displayName, format, facts), sha256: () => facts.sha256, encoding: () => facts.encoding };
}

async function* csvRows(path: string, displayName: string, format: CsvFormat, facts: ReadFacts): AsyncGenerator<RawRow> {
  let row = 0;
  if (format.encoding === 'utf-8') {
    const hash = createHash('sha256');
    const repair = new Utf8Repair();
    try {
      for await (const records of tokenizeCsv(repaired(hashedBytes(path, format.bomLength, hash), repair), format.delimiter, MAX_RECORD_BYTES)) {
        for (const cells of records) yield { row: ++row, cells };
      }
      facts.sha256 = hash.digest('hex');
      facts.encoding = repair.encoding;
      return;
    } catch (error) {
      if (!(error instanceof IrregularCsv)) throw new CcmError(`${displayName}: the file could not be read (${csvReason(error)}).`);
    }
  }
  yield* parsedRows(path, displayName, format, row, facts);
}

/** UTF-8 bytes with Windows-1252 read for the bytes that are not UTF-8 (./encoding.ts). */
async function* repaired(chunks: AsyncIterable<Buffer>, repair: Utf8Repair): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    const bytes = repair.push(chunk);
    if (bytes.length > 0) yield bytes;
  }
  const rest = repair.end();
  if (rest.length > 0) yield rest;
}

/** The file's bytes after the byte-order mark, each chunk hashed on the way (the mark included). */
async function* hashedBytes(path: string, bomLength: number, hash: Hash): AsyncGenerator<Buffer> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (bomLength > 0) {
      const rest = chunk.subarray(bomLength);
      bomLength = 0;
      if (rest.length > 0) yield rest;
    } else yield chunk;
  }
}

/** csv-parse, the reference reader; the first `skip` records were already delivered by the tokenizer. */
async function* parsedRows(path: string, displayName: string, format: CsvFormat, skip: number, facts: ReadFacts): AsyncGenerator<RawRow> {
  const parser = parse({
    delimiter: format.delimiter,
    // csv-parse takes the record delimiter from the first line and then merges records when a file mixes
    // CRLF and LF further on (tools append rows with LF to CRLF exports); the list never loses a row.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_RECORD_BYTES,
    skip_empty_lines: false,
  });
  // UTF-8 goes to csv-parse as repaired bytes (it joins characters split across chunks itself); UTF-16 is
  // decoded first. pipeline, not pipe: a read error must reach the loop below instead of hanging it.
  const repair = format.encoding === 'utf-8' ? new Utf8Repair() : undefined;
  const source = repair
    ? Readable.from(repaired(createReadStream(path, { start: format.bomLength, highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>, repair))
    : Readable.from(decodeUtf16(path, format));
  pipeline(source, parser, () => {});
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      if (row > skip) yield { row, cells: record };
    }
    if (repair) facts.encoding = repair.encoding;
  } catch (error) {
    throw new CcmError(`${displayName}, row ${row + 1}: the file is not valid CSV (${csvReason(error)}); re-export it as CSV or XLSX.`);
  } finally {
    parser.destroy();
  }
}

function csvReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Invalid Record Length:.*$/, 'inconsistent columns').split('\n')[0] ?? message;
}
