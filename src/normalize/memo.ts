/**
 * A bounded memo keyed by a cell's raw text. An export repeats the same dates, clock times, durations, ids,
 * staff and credentials on row after row: parsing each distinct text once saves the regexes, and handing
 * every row the same result string keeps a million entries from holding a million copies of "Maria Lopez".
 * The bound keeps a column of unique values (notes, free text) from growing it without limit.
 */
export class Memo<T> {
  private readonly map = new Map<string, T>();
  /** The last key and its value: consecutive rows often repeat a staff-day's staff, date and credential. */
  private lastKey: string | undefined;
  private lastValue: T | undefined;
  constructor(private readonly limit = 100_000) {}

  get(key: string, compute: (key: string) => T): T {
    if (key === this.lastKey) return this.lastValue as T;
    this.lastKey = key;
    this.lastValue = this.lookup(key, compute);
    return this.lastValue;
  }

  private lookup(key: string, compute: (key: string) => T): T {
    const hit = this.map.get(key);
    if (hit !== undefined || this.map.has(key)) return hit as T;
    const value = compute(key);
    if (this.map.size < this.limit) this.map.set(key, value);
    return value;
  }
}
