import zlib from 'node:zlib';

/**
 * CRC-32 (the zip polynomial, APPNOTE.TXT 4.4.7), continued from `previous` so a stream can be checked
 * chunk by chunk. Node has it natively from 20.15 and 22.2; package.json allows any Node 20, so older ones
 * get the table-driven version below (a few hundred MB/s, enough for a report).
 */
export type Crc32 = (data: Uint8Array, previous?: number) => number;

/** Node's own, when it has one: the lean XLSX reader checks CRCs only then, as the table version is slow. */
export const nativeCrc32: Crc32 | undefined = (zlib as { crc32?: Crc32 }).crc32;

/** For writing zips (report.xlsx): always available. */
export const crc32: Crc32 = nativeCrc32 ?? tableCrc32;

let table: Int32Array | undefined;

function crcTable(): Int32Array {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
}

/** The classic byte-at-a-time CRC-32: exported so the tests can hold it to the native one. */
export function tableCrc32(data: Uint8Array, previous = 0): number {
  table ??= crcTable();
  let crc = ~previous;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}
