// The perfmet observation of wt:standard (wavetronix.md §2.3, perfmet.md §5): per intersection the
// day's summed volume and the first and last times, as the raw CSV spells them.

export interface IntersectionCounts {
  intName: string;
  volume: number;
  /** Smallest / largest raw `curDateTime` text (text order is time order for this form). */
  minTimestamp: string | null;
  maxTimestamp: string | null;
}

export class VehicleCountTally {
  private readonly byIntersection = new Map<string, IntersectionCounts>();

  /**
   * Rows without an intersection name are not counted. Upstream also meant to skip the text
   * `nan` but its test was always true (W-11); `nan` is counted here too, as upstream did.
   */
  add(intName: string | null, volume: number | null, rawTime: string | null): void {
    if (!intName) return;
    let counts = this.byIntersection.get(intName);
    if (!counts) {
      counts = { intName, volume: 0, minTimestamp: null, maxTimestamp: null };
      this.byIntersection.set(intName, counts);
    }
    if (volume !== null) counts.volume += volume;
    if (rawTime !== null) {
      if (counts.minTimestamp === null || rawTime < counts.minTimestamp) counts.minTimestamp = rawTime;
      if (counts.maxTimestamp === null || rawTime > counts.maxTimestamp) counts.maxTimestamp = rawTime;
    }
  }

  /** In order of first appearance. */
  intersections(): IntersectionCounts[] {
    return [...this.byIntersection.values()];
  }
}
