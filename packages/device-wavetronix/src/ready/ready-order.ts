// The ready order (wavetronix.md §4.2 step 4): by time, then detector. Upstream sorted the
// timestamp *text*, which puts the fall-back day's second pass through the repeated hour
// (`01:00-06:00`) before the end of the first (`01:45-05:00`); here the instant decides. Rows
// without a readable time go last, as pandas put missing values.
//
// Standardized files come in wall-clock order (the database sorts by CURDATETIME), so rows can be
// handed on as soon as no later row can sort before them: only one wall time's rows (the whole
// repeated hour on the fall-back day) are held. A file not in wall-clock order is sorted in memory.
import type { LakeTime } from '@lake/core';
import { parseWallText, wallInstants } from '../formats/wall-time';

export interface OrderKey {
  /** Epoch ms, or null when the time is missing or unreadable. */
  instant: number | null;
  detID: number | null;
  /** The wall clock `YYYY-MM-DD HH:MM:SS` the time was written with. */
  wall: string | null;
}

interface Keyed<T> {
  key: OrderKey;
  record: T;
  sequence: number;
}

/** Reads the order keys of records, remembering each distinct time text (a day has few). */
export class OrderKeys {
  private readonly instants = new Map<string, number | null>();
  private readonly earliest = new Map<string, number>();

  constructor(private readonly time: LakeTime) {}

  of(record: Record<string, unknown>): OrderKey {
    const text = record.curDateTime;
    const detID = typeof record.detID === 'number' && Number.isFinite(record.detID) ? record.detID : null;
    if (typeof text !== 'string') return { instant: null, detID, wall: null };
    let instant = this.instants.get(text);
    if (instant === undefined) {
      instant = this.parse(text);
      this.instants.set(text, instant);
    }
    return { instant, detID, wall: instant === null ? null : text.trim().slice(0, 19) };
  }

  /** The first instant a wall clock names: no later row of a file in wall order comes before it. */
  earliestOf(wall: string): number {
    let earliest = this.earliest.get(wall);
    if (earliest === undefined) {
      const fields = parseWallText(wall);
      earliest = fields ? wallInstants(fields, this.time).earlier.getTime() : Number.NEGATIVE_INFINITY;
      this.earliest.set(wall, earliest);
    }
    return earliest;
  }

  private parse(text: string): number | null {
    try {
      return this.time.parse(text).getTime();
    } catch {
      return null;
    }
  }
}

export function compareKeys(a: OrderKey, b: OrderKey): number {
  return compareNullLast(a.instant, b.instant) || compareNullLast(a.detID, b.detID);
}

function compareNullLast(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

/** True when the rows' wall clocks never go backwards (what the streaming sort needs). */
export class WallOrderCheck {
  private last = '';
  ordered = true;

  add(key: OrderKey): void {
    if (key.wall === null) return;
    if (key.wall < this.last) this.ordered = false;
    else this.last = key.wall;
  }
}

/**
 * Puts records into the ready order. Streaming (rows in wall-clock order): hands out what can no
 * longer be preceded. Otherwise: holds everything until `finish`. Stable for equal keys.
 */
export class ReadySorter<T> {
  private held: Keyed<T>[] = [];
  private undated: Keyed<T>[] = [];
  private wall: string | null = null;
  private sequence = 0;

  constructor(
    private readonly keys: OrderKeys,
    private readonly streaming: boolean,
  ) {}

  /** The records that are now in place, in order. */
  add(record: T, key: OrderKey): T[] {
    const keyed = { key, record, sequence: this.sequence++ };
    if (key.instant === null) {
      this.undated.push(keyed);
      return [];
    }
    let ready: T[] = [];
    if (this.streaming && key.wall !== this.wall) {
      this.wall = key.wall;
      ready = this.release(this.keys.earliestOf(key.wall as string));
    }
    this.held.push(keyed);
    return ready;
  }

  /** Everything still held, in order. */
  finish(): T[] {
    const rest = [...sorted(this.held), ...sorted(this.undated)];
    this.held = [];
    this.undated = [];
    return rest.map((keyed) => keyed.record);
  }

  /** Hands out the held records earlier than `before`. */
  private release(before: number): T[] {
    const earlier: Keyed<T>[] = [];
    const later: Keyed<T>[] = [];
    for (const keyed of this.held) (keyed.key.instant! < before ? earlier : later).push(keyed);
    this.held = later;
    return sorted(earlier).map((keyed) => keyed.record);
  }
}

function sorted<T>(records: Keyed<T>[]): Keyed<T>[] {
  return records.sort((a, b) => compareKeys(a.key, b.key) || a.sequence - b.sequence);
}
