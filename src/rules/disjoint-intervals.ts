/**
 * Intervals that do not overlap, added one by one until one overlaps: whether a staff-day's or a patient's clock
 * times overlap at all, answered on numbers in two reused arrays. Nearly every staff-day and patient has no
 * overlap, and an interval object per entry, sorted, only to find none was most of overlapping-time's and
 * concurrent-staff-time's time on a million-row log. The intervals held do not overlap, so they are sorted by
 * start and by stop alike, and a new one can only overlap its neighbours there.
 */
export class DisjointIntervals {
  private starts = new Float64Array(64);
  private stops = new Float64Array(64);
  private count = 0;

  clear(): void {
    this.count = 0;
  }

  /**
   * Adds [start, stop) (stop > start) unless it overlaps an interval held; false, and nothing added, when it
   * does. Intervals that only touch do not overlap.
   */
  add(start: number, stop: number): boolean {
    if (this.count === this.starts.length) this.grow();
    const { starts, stops, count } = this;
    // Its place by start: at the end when the times come in clock order, as exports usually list them.
    let at = count;
    while (at > 0 && starts[at - 1]! > start) at--;
    if (at > 0 && stops[at - 1]! > start) return false;
    if (at < count && starts[at]! < stop) return false;
    starts.copyWithin(at + 1, at, count);
    stops.copyWithin(at + 1, at, count);
    starts[at] = start;
    stops[at] = stop;
    this.count = count + 1;
    return true;
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
