/**
 * Intervals that do not overlap, added one by one until one overlaps: whether a staff-day's or a patient's clock
 * times overlap at all, answered on numbers in two reused arrays. Nearly every staff-day and patient has no
 * overlap, and an interval object per entry, sorted, only to find none was most of overlapping-time's and
 * concurrent-staff-time's time on a million-row log. The intervals held do not overlap, so they are sorted by
 * start and by stop alike, and a new one can only overlap its neighbours there.
 *
 * Exports list times in clock order, or close to it, so a new interval's place is found from the end. Times
 * further out of order (a log listed newest first) are not placed one by one, which would make a long list
 * quadratic: they are held as they come and checked by one sort at the end (hasOverlap).
 */
export class DisjointIntervals {
  private starts = new Float64Array(64);
  private stops = new Float64Array(64);
  private count = 0;
  /** An interval came more than BACKTRACK places out of order: the rest are held unchecked, for hasOverlap. */
  private unordered = false;

  clear(): void {
    this.count = 0;
    this.unordered = false;
  }

  /**
   * Adds [start, stop) (stop > start); false, and nothing added, when it overlaps an interval held. Intervals
   * that only touch do not overlap. Once the times come far out of order, every interval is added unchecked
   * (true): hasOverlap then answers for all of them.
   */
  add(start: number, stop: number): boolean {
    if (this.count === this.starts.length) this.grow();
    const { starts, stops, count } = this;
    let at = count;
    if (!this.unordered) {
      while (at > 0 && starts[at - 1]! > start) {
        if (count - at === BACKTRACK) {
          this.unordered = true;
          at = count;
          break;
        }
        at--;
      }
    }
    if (!this.unordered) {
      if (at > 0 && stops[at - 1]! > start) return false;
      if (at < count && starts[at]! < stop) return false;
      starts.copyWithin(at + 1, at, count);
      stops.copyWithin(at + 1, at, count);
    }
    starts[at] = start;
    stops[at] = stop;
    this.count = count + 1;
    return true;
  }

  /** Whether two of the intervals added overlap, when add() found no overlap as they came. */
  hasOverlap(): boolean {
    if (!this.unordered) return false;
    const order = Array.from({ length: this.count }, (_, i) => i).sort((a, b) => this.starts[a]! - this.starts[b]!);
    let end = -Infinity;
    for (const i of order) {
      if (this.starts[i]! < end) return true;
      end = Math.max(end, this.stops[i]!);
    }
    return false;
  }

  private grow(): void {
    const starts = new Float64Array(this.starts.length * 2);
    const stops = new Float64Array(this.stops.length * 2);
    starts.set(this.starts);
    stops.set(this.stops);
    this.starts = starts;
    this.stops = stops;
  }
}

/** How many places before the last a new interval is placed; further out of order, see DisjointIntervals. */
const BACKTRACK = 8;
