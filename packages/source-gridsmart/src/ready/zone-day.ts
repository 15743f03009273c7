// One standardized zone file (gridsmart.md §3.4) read for a local day (upstream fillDayRecords):
// the records whose `timestamp_adj` falls in [midnight D, midnight D+1), tagged with their zone.
// Read as a stream: the day's records are handed on as they are read, never held whole.
import { LakeError, readLakeJsonStream, type JsonInput, type LakeTime } from '@lake/core';
import { timedRecord, TIMESTAMP_COLUMN, type TimedRecord } from './record-time';

/** The local day: 23 or 25 hours long across a DST change. */
export interface DayWindow {
  startMs: number;
  endMs: number;
}

export interface ZoneDayRead {
  /** The file's header (null only when the read stopped before it). */
  header: Record<string, unknown> | null;
  /** Records inside the window handed to `onRecords` (each with `zone` added). */
  kept: number;
  /**
   * The element index of the first record without a readable `timestamp_adj`: the zone stops
   * there (upstream's KeyError), and none of this file's records may be used — the caller drops
   * those it was already handed.
   */
  stoppedAt: number | null;
  /** Records outside the window (they belong to the adjacent day's ready file). */
  outside: number;
  /** Data entries that are not objects (skipped). */
  notRecords: number;
}

export class InvalidZoneFile extends LakeError {
  constructor(where: string, problem: string) {
    super('INVALID_ZONE_FILE', `${where} is not a standardized GRIDSMART zone file: ${problem}`, 'standardize that day again (lake gs standard -s DAY -e DAY+1 -F)');
  }
}

export function dayWindow(day: Date, time: LakeTime): DayWindow {
  return { startMs: day.getTime(), endMs: time.addDays(day, 1).getTime() };
}

/** The records of the window, a chunk of the file at a time, in file order. */
export type ZoneRecordsSink = (records: TimedRecord[]) => Promise<void> | void;

/** Reads `{"header": …, "data": […]}`; `zone` is the zone's raw (undashed) id. */
export async function readZoneDay(input: JsonInput, where: string, window: DayWindow, zone: string, time: LakeTime, onRecords: ZoneRecordsSink): Promise<ZoneDayRead> {
  const read: ZoneDayRead = { header: null, kept: 0, stoppedAt: null, outside: 0, notRecords: 0 };
  let index = 0;
  let sawData = false;
  for await (const event of readLakeJsonStream(input, { arrays: ['data'], source: where })) {
    if (event.kind === 'member' && event.key === 'header') {
      if (!isObject(event.value)) throw new InvalidZoneFile(where, '"header" is not an object');
      read.header = event.value;
    } else if (event.kind === 'member' && event.key === 'data') {
      throw new InvalidZoneFile(where, '"data" is not a list');
    } else if (event.kind === 'arrayEnd') {
      sawData = true;
    } else if (event.kind === 'elements') {
      const records: TimedRecord[] = [];
      for (const value of event.values) {
        if (!isObject(value)) {
          read.notRecords++;
        } else {
          const timed = timedRecord(value, time);
          if (!timed) {
            // Leaving the loop closes the stream: the rest of the file is not needed.
            return { ...read, stoppedAt: index };
          }
          if (timed.epochMs >= window.startMs && timed.epochMs < window.endMs) {
            value.zone = zone;
            records.push(timed);
          } else {
            read.outside++;
          }
        }
        index++;
      }
      if (records.length > 0) {
        read.kept += records.length;
        await onRecords(records);
      }
    }
  }
  if (!read.header) throw new InvalidZoneFile(where, 'no "header" object');
  if (!sawData) throw new InvalidZoneFile(where, 'no "data" list');
  return read;
}

/** Why a zone stopped, for the log. */
export function stopReason(where: string, read: ZoneDayRead): string {
  return `${where}: record ${read.stoppedAt} has no readable ${TIMESTAMP_COLUMN} (the clock correction failed when it was standardized)`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
