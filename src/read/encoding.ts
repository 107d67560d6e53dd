/**
 * Text encodings of CSV exports. csv-parse decodes only Node's Buffer encodings, which have no UTF-16BE and
 * treat latin1 as if it were Windows-1252 (it is not: € “ ” differ), so decoding happens here with the
 * WHATWG TextDecoder before the parser sees the text.
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface SniffedEncoding {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
}

/**
 * Decide from the first bytes of a file. A BOM is decisive; without one, text that is valid UTF-8 is UTF-8
 * and anything else is taken as Windows-1252, the encoding of Excel's "CSV" on US Windows.
 */
export function sniffEncoding(head: Uint8Array, atEndOfFile: boolean): SniffedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  try {
    // `stream: true` unless the sample is the whole file, so a character cut at the sample's end is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !atEndOfFile });
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { encoding: 'windows-1252', bomLength: 0 };
  }
}
