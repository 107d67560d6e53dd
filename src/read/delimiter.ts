export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/**
 * Pick the delimiter from a sample of the file's first lines. csv-parse's own `delimiter_auto` throws on a
 * quoted field in its sample and a delimiter list splits on all of them, so the choice is made here:
 * count each candidate outside quotes on every line, and prefer the one that splits the most lines into the
 * same number of fields (title lines above the header have none, so they do not vote).
 */
export function sniffDelimiter(sample: string): Delimiter {
  const lines = splitSampleLines(sample).slice(0, 50);
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const n = countOutsideQuotes(line, delimiter);
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    let score = 0;
    for (const [fields, lineCount] of counts) score = Math.max(score, lineCount * 1000 + fields);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

/** Lines of the sample, treating newlines inside quotes as part of the line. */
function splitSampleLines(sample: string): string[] {
  const lines: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < sample.length; i++) {
    const ch = sample[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === '\n' && !inQuotes) {
      lines.push(sample.slice(start, i));
      start = i + 1;
    }
  }
  // The last line may be cut by the sample's end; it is still useful unless it is empty.
  if (start < sample.length) lines.push(sample.slice(start));
  return lines;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let inQuotes = false;
  let n = 0;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === delimiter && !inQuotes) n++;
  }
  return n;
}
