// Everything the target holds for one key, answering "does any of it overlap this source item?".
// Upstream looked only at the first target dated at or after the source (C-14), so a target that
// starts earlier and reaches into the source was missed. Here every target counts.
import { type Interval, intervalsOverlap } from './interval';

export class TargetTimeline {
  private readonly targets: Interval[];
  /** Targets before the cursor start before the last source asked about. */
  private cursor = 0;
  /** The latest end among the targets before the cursor. */
  private reachBeforeCursor = Number.NEGATIVE_INFINITY;
  private lastSourceStart = Number.NEGATIVE_INFINITY;

  constructor(targets: Interval[]) {
    this.targets = [...targets].sort((a, b) => a.start - b.start);
  }

  /**
   * Sources normally arrive in date order, so the cursor only moves forward and each call costs
   * about O(1); a source earlier than the previous one rewinds (correct, just slower).
   */
  overlaps(source: Interval): boolean {
    if (source.end <= source.start) return this.targets.some((target) => intervalsOverlap(source, target));
    if (source.start < this.lastSourceStart) this.rewind();
    this.lastSourceStart = source.start;

    while (this.cursor < this.targets.length && this.targets[this.cursor].start < source.start) {
      this.reachBeforeCursor = Math.max(this.reachBeforeCursor, this.targets[this.cursor].end);
      this.cursor += 1;
    }
    // An earlier-starting target overlaps exactly when it ends after the source starts.
    if (this.reachBeforeCursor > source.start) return true;

    for (let index = this.cursor; index < this.targets.length; index += 1) {
      const target = this.targets[index];
      if (target.start >= source.end) break;
      if (target.end > source.start) return true;
    }
    return false;
  }

  private rewind(): void {
    this.cursor = 0;
    this.reachBeforeCursor = Number.NEGATIVE_INFINITY;
  }
}
