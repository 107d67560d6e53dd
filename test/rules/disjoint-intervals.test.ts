import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DisjointIntervals } from '../../src/rules/disjoint-intervals.js';

/** Whether two of the intervals share a minute, pair by pair. */
function anyPairOverlaps(list: readonly [number, number][]): boolean {
  return list.some(([a, b], i) => list.some(([c, d], j) => i < j && a < d && c < b));
}

/** Adds the intervals in order, as the rules do: an overlap found on the way, or hasOverlap at the end. */
function overlaps(seen: DisjointIntervals, list: readonly [number, number][]): boolean {
  seen.clear();
  for (const [start, stop] of list) if (!seen.add(start, stop)) return true;
  return seen.hasOverlap();
}

describe('DisjointIntervals', () => {
  const interval = fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 90 })).map(([start, length]): [number, number] => [start, start + length]);

  it('finds an overlap exactly when two intervals share a minute, in any order (touching is none)', () => {
    const seen = new DisjointIntervals();
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 40 }), fc.constantFrom('as given', 'sorted', 'reversed'), (list, order) => {
        const ordered = order === 'as given' ? list : [...list].sort((a, b) => a[0] - b[0]);
        if (order === 'reversed') ordered.reverse();
        expect(overlaps(seen, ordered)).toBe(anyPairOverlaps(ordered));
      }),
      { numRuns: 3000 },
    );
  });

  it('takes a long list in reverse clock order (a log listed newest first) and still answers', () => {
    const seen = new DisjointIntervals();
    const apart = Array.from({ length: 20_000 }, (_, i): [number, number] => [i * 30, i * 30 + 20]).reverse();
    expect(overlaps(seen, apart)).toBe(false);
    expect(overlaps(seen, [...apart, [15, 25]])).toBe(true);
    // Reused after a list out of order, it starts in order again.
    expect(overlaps(seen, [[0, 10], [10, 20], [5, 12]])).toBe(true);
    expect(overlaps(seen, [[0, 10], [10, 20]])).toBe(false);
  });
});
