// The aggregation's time bins (gridsmart.md §5.4): `width` wide, anchored at 00:00 UTC of the
// earliest record's UTC date, as pandas' Grouper(freq=…) placed them upstream. For widths that
// divide a day (15 min) this is plain flooring of the epoch; for others (7 min) the anchor matters.
const MINUTE_MS = 60_000;

export class TimeBuckets {
  readonly widthMs: number;
  readonly anchorMs: number;

  constructor(widthMinutes: number, earliestMs: number) {
    this.widthMs = widthMinutes * MINUTE_MS;
    const earliest = new Date(earliestMs);
    this.anchorMs = Date.UTC(earliest.getUTCFullYear(), earliest.getUTCMonth(), earliest.getUTCDate());
  }

  /** Start (epoch ms) of the bin holding an instant. */
  startOf(instantMs: number): number {
    return this.anchorMs + Math.floor((instantMs - this.anchorMs) / this.widthMs) * this.widthMs;
  }
}
