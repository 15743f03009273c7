// Ready counts file → aggregation file (gridsmart.md §5.7), as streams. The counts file is read
// twice: pass one takes the members after `counts` (site, device) and finds the earliest record
// (the bins' anchor) and whether the records are in time order; pass two aggregates and writes
// `{"header", "data", "site", "device"}` while it reads.
import type { Readable } from 'node:stream';
import { LakeError, lakeJsonObjectStream, readLakeJsonStream, type JsonInput, type LakeTime } from '@lake/core';
import { CountsAggregator, type AggregateRow, type AggregationTally } from './counts-aggregator';
import { deviceSiteOf, movementsOf } from './movements';
import { TimeBuckets } from './time-buckets';
import { recordInstant } from './timestamp-adj';

export class InvalidCountsFile extends LakeError {
  constructor(where: string, problem: string) {
    super('INVALID_GS_COUNTS_FILE', `${where} is not a GRIDSMART counts file: ${problem}`, 'make the ready file again (lake gs:ready -s DAY -e DAY+1 -F)');
  }
}

export interface AggregationFileOptions {
  time: LakeTime;
  /** Bin width in minutes (`-a`). */
  widthMinutes: number;
  heavyVehicleFeet: number;
  /** Timestamp text of "now": the header's processing_date. */
  processingDate: string;
  /** Names the counts file in errors. */
  where: string;
}

export interface AggregationReport extends AggregationTally {
  rowsOut: number;
  /** The records were not in time order, so every group was held until the end. */
  heldUntilEnd: boolean;
}

interface CountsOutline {
  header: Record<string, unknown>;
  site: unknown;
  device: unknown;
  earliestMs: number | null;
  inOrder: boolean;
}

/** Reads the counts file (opened twice) and hands the aggregation file's bytes to `write`. */
export async function makeAggregationFile(
  open: () => Promise<JsonInput>,
  options: AggregationFileOptions,
  write: (body: Readable) => Promise<unknown>,
): Promise<AggregationReport> {
  const outline = await outlineCounts(await open(), options);
  const deviceSite = deviceSiteOf(outline.site);
  if (!deviceSite) throw new InvalidCountsFile(options.where, 'it has no site file (member "site")');
  const aggregator = new CountsAggregator({
    movements: movementsOf(deviceSite),
    heavyVehicleFeet: options.heavyVehicleFeet,
    // Without a timed record there is nothing to bin; any anchor will do.
    buckets: new TimeBuckets(options.widthMinutes, outline.earliestMs ?? 0),
    inOrder: outline.inOrder,
    time: options.time,
  });
  let rowsOut = 0;

  async function* rowBatches(): AsyncGenerator<AggregateRow[]> {
    for await (const event of readLakeJsonStream(await open(), { arrays: ['counts'], source: options.where })) {
      if (event.kind === 'arrayEnd') break;
      if (event.kind !== 'elements') continue;
      const rows: AggregateRow[] = [];
      for (const value of event.values) for (const row of aggregator.add(value)) rows.push(row);
      rowsOut += rows.length;
      yield rows;
    }
    const rows = aggregator.finish();
    rowsOut += rows.length;
    yield rows;
  }

  // processing_date keeps its place in the copied header; agg_interval_sec goes last (§5.7).
  const header = { ...outline.header, processing_date: options.processingDate, agg_interval_sec: options.widthMinutes * 60 };
  await write(lakeJsonObjectStream({ header }, 'data', rowBatches(), { site: outline.site, device: outline.device ?? [] }));
  return { ...aggregator.tally, rowsOut, heldUntilEnd: !outline.inOrder };
}

async function outlineCounts(input: JsonInput, options: AggregationFileOptions): Promise<CountsOutline> {
  const members: Record<string, unknown> = {};
  let countsSeen = false;
  let earliestMs: number | null = null;
  let latestMs = Number.NEGATIVE_INFINITY;
  let inOrder = true;
  for await (const event of readLakeJsonStream(input, { arrays: ['counts'], source: options.where })) {
    if (event.kind === 'member') {
      members[event.key] = event.value;
    } else if (event.kind === 'arrayEnd') {
      countsSeen = true;
    } else if (event.kind === 'elements') {
      for (const value of event.values) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
        const instant = recordInstant(value as Record<string, unknown>, options.time);
        if (instant === null) continue;
        if (instant < latestMs) inOrder = false;
        else latestMs = instant;
        if (earliestMs === null || instant < earliestMs) earliestMs = instant;
      }
    }
  }
  const { header } = members;
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw new InvalidCountsFile(options.where, 'it has no header object');
  if (!countsSeen) throw new InvalidCountsFile(options.where, 'it has no "counts" array');
  return { header: header as Record<string, unknown>, site: members.site, device: members.device, earliestMs, inOrder };
}
