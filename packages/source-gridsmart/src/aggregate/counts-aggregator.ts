// The 15-minute aggregation of one ready counts file (gridsmart.md §5), fed record by record.
// Only group statistics are held, never records. When the records come in time order (gs:ready
// sorts them by instant) each bin is handed out as soon as a later one starts; otherwise every
// group is held until the end (a day has a few thousand groups at most) and sorted then.
import type { LakeTime } from '@lake/core';
import type { Movements } from './movements';
import { numpyRound } from './numpy-round';
import { RunningStats } from './running-stats';
import type { TimeBuckets } from './time-buckets';
import { recordInstant } from './timestamp-adj';

/** One row of an aggregation file, keys in upstream's order (§5.6). */
export interface AggregateRow {
  timestamp: string;
  zone_approach: string;
  turn: unknown;
  heavy_vehicle: 0 | 1;
  volume: number;
  /** null when no record of the group had a speed (upstream: NaN). */
  speed_avg: number | null;
  speed_std: number;
  seconds_in_zone_avg: number | null;
  seconds_in_zone_std: number;
}

/** What happened to the records of a file. */
export interface AggregationTally {
  /** Count records read (objects). */
  records: number;
  /** `counts` entries that are not objects (skipped). */
  notRecords: number;
  /** Records without a readable `timestamp_adj` (dropped). */
  unreadableTimes: number;
  /** Records whose zone is not a vehicle zone of the site file (dropped by the inner join). */
  unknownZones: number;
  /** Joined records whose zone has no ApproachType (dropped). */
  missingApproaches: number;
  /** Joined records without a per-vehicle turn (dropped). */
  missingTurns: number;
  /** Aggregated records without a vehicle_length: counted heavy, as upstream (§8.16). */
  missingLengths: number;
}

export interface AggregationOptions {
  movements: Movements;
  /** Vehicles this long or longer (feet) are heavy. */
  heavyVehicleFeet: number;
  buckets: TimeBuckets;
  /** The records come in time order: bins can be handed out as soon as they are complete. */
  inOrder: boolean;
  time: LakeTime;
}

interface Group {
  approach: string;
  turn: unknown;
  heavy: 0 | 1;
  volume: number;
  speed: RunningStats;
  secondsInZone: RunningStats;
}

export function emptyAggregationTally(): AggregationTally {
  return { records: 0, notRecords: 0, unreadableTimes: 0, unknownZones: 0, missingApproaches: 0, missingTurns: 0, missingLengths: 0 };
}

export class CountsAggregator {
  readonly tally = emptyAggregationTally();
  /** Bin start (epoch ms) → group key → group. */
  private readonly bins = new Map<number, Map<string, Group>>();
  /** In-order mode: the latest bin seen; every earlier one is complete. */
  private latestBin = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: AggregationOptions) {}

  /** Adds a `counts` entry; returns the rows of the bins it completed (in time order). */
  add(value: unknown): AggregateRow[] {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.tally.notRecords++;
      return [];
    }
    const record = value as Record<string, unknown>;
    this.tally.records++;
    const instant = recordInstant(record, this.options.time);
    if (instant === null) {
      this.tally.unreadableTimes++;
      return [];
    }
    const bin = this.options.buckets.startOf(instant);
    let completed: AggregateRow[] = [];
    if (this.options.inOrder && bin > this.latestBin) {
      completed = this.takeBinsBefore(bin);
      this.latestBin = bin;
    }
    const approaches = typeof record.zone === 'string' ? this.options.movements.get(record.zone) : undefined;
    if (!approaches) {
      this.tally.unknownZones++;
      return completed;
    }
    for (const approach of approaches) this.addJoined(bin, approach, record);
    return completed;
  }

  /** The rows of every bin still held, in order. */
  finish(): AggregateRow[] {
    return this.takeBinsBefore(Number.POSITIVE_INFINITY);
  }

  private addJoined(bin: number, approach: string | null, record: Record<string, unknown>): void {
    if (approach === null) {
      this.tally.missingApproaches++;
      return;
    }
    const turn = record.turn;
    if (turn === null || turn === undefined) {
      this.tally.missingTurns++;
      return;
    }
    const heavy = this.heavy(record.vehicle_length);
    const key = `${approach}\u0000${typeof turn}:${String(turn)}\u0000${heavy}`;
    let groups = this.bins.get(bin);
    if (!groups) {
      groups = new Map();
      this.bins.set(bin, groups);
    }
    let group = groups.get(key);
    if (!group) {
      group = { approach, turn, heavy, volume: 0, speed: new RunningStats(), secondsInZone: new RunningStats() };
      groups.set(key, group);
    }
    group.volume++;
    if (isNumber(record.speed)) group.speed.add(record.speed);
    if (isNumber(record.seconds_in_zone)) group.secondsInZone.add(record.seconds_in_zone);
  }

  /** `vehicle_length < threshold` → 0, else 1; upstream's comparison made a missing length heavy. */
  private heavy(length: unknown): 0 | 1 {
    if (!isNumber(length)) {
      this.tally.missingLengths++;
      return 1;
    }
    return length < this.options.heavyVehicleFeet ? 0 : 1;
  }

  private takeBinsBefore(limit: number): AggregateRow[] {
    const starts = [...this.bins.keys()].filter((start) => start < limit).sort((a, b) => a - b);
    const rows: AggregateRow[] = [];
    for (const start of starts) {
      const timestamp = this.options.time.format(new Date(start));
      const groups = [...this.bins.get(start)!.values()].sort(compareGroups);
      for (const group of groups) rows.push(rowOf(timestamp, group));
      this.bins.delete(start);
    }
    return rows;
  }
}

function rowOf(timestamp: string, group: Group): AggregateRow {
  return {
    timestamp,
    zone_approach: group.approach,
    turn: group.turn,
    heavy_vehicle: group.heavy,
    volume: group.volume,
    speed_avg: averageOf(group.speed),
    speed_std: deviationOf(group.speed),
    seconds_in_zone_avg: averageOf(group.secondsInZone),
    seconds_in_zone_std: deviationOf(group.secondsInZone),
  };
}

function averageOf(stats: RunningStats): number | null {
  const mean = stats.mean();
  return Number.isNaN(mean) ? null : numpyRound(mean, 3);
}

/** Upstream filled a NaN deviation (one value, or none) with 0. */
function deviationOf(stats: RunningStats): number {
  const std = stats.sampleStd();
  return Number.isNaN(std) ? 0 : numpyRound(std, 3);
}

/** pandas' sorted group keys: approach, turn, heavy. */
function compareGroups(a: Group, b: Group): number {
  return compareText(a.approach, b.approach) || compareText(String(a.turn), String(b.turn)) || a.heavy - b.heavy;
}

function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
