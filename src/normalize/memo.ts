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

/**
 * Values by intern key (RawRow.internKeys): an array, filled with undefined as it grows, never written past
 * its end (an array written far past its end turns into a slow dictionary).
 */
export class KeyedSlots<T> {
  private values: (T | undefined)[] = [];

  at(key: number): T | undefined {
    return this.values[key];
  }

  set(key: number, value: T): void {
    if (key >= this.values.length) this.grow(key);
    this.values[key] = value;
  }

  private grow(key: number): void {
    const grown = new Array<T | undefined>(Math.max(key + 1, this.values.length * 2, 1024)).fill(undefined);
    for (let i = 0; i < this.values.length; i++) grown[i] = this.values[i];
    this.values = grown;
  }
}

/** Keeps a value `undefined` in KeyedSlots, where undefined is an empty slot. */
const UNDEFINED = Symbol('undefined');

/**
 * A Memo in front of which a CSV cell is found by its intern key (RawRow.internKeys), in an array, before its
 * text is looked up in the Memo's map. A key names a text within one file only: one KeyedMemo per table.
 * Values are the Memo's own, so both paths hand out the same strings and objects. For speed: the map lookups
 * by text (~7.5M on the 1M-row input, mostly cache misses in maps of ~60k strings) were a fifth of the main
 * thread's ingest; by key, its CPU time went from ~1.75 s to ~1.47 s.
 */
export class KeyedMemo<T> {
  private readonly slots = new KeyedSlots<T | typeof UNDEFINED>();
  constructor(private readonly memo: Memo<T>) {}

  /** The value of `text`, whose key is `key` (-1: none, the text alone then finds it). */
  get(key: number, text: string, compute: (key: string) => T): T {
    if (key < 0) return this.memo.get(text, compute);
    const known = this.slots.at(key);
    if (known !== undefined) return (known === UNDEFINED ? undefined : known) as T;
    const value = this.memo.get(text, compute);
    this.slots.set(key, value === undefined ? UNDEFINED : value);
    return value;
  }
}
