// standardized file → ready file (wavetronix.md §4.2), as streams: pass one reads the header and
// checks that the rows come in wall-clock order; pass two joins each row to its device, puts the
// rows in the ready order and writes `{"header", "data", "devices"}` (devices last: they are known
// once every row was seen).
import type { Readable } from 'node:stream';
import { LakeError, readLakeJsonStream, type JsonInput, type LakeTime } from '@lake/core';
import { jsonFileStream } from '../formats/standardized-json';
import type { UnitDevice } from './device-id';
import { KitsDevices, type SharedKitsId } from './kits-devices';
import { OrderKeys, ReadySorter, WallOrderCheck } from './ready-order';

export class InvalidWavetronixFile extends LakeError {
  constructor(where: string, problem: string) {
    super('INVALID_WAVETRONIX_FILE', `${where} is not a standardized Wavetronix file: ${problem}`, 'standardize the day again (lake wt standard -s DAY -e DAY+1 -F)');
  }
}

export interface ReadyReport {
  rowsIn: number;
  rowsOut: number;
  /** Rows dropped because no device has their intID as kits_id, by intID (`null` for none). */
  unknownIntIds: Map<string, number>;
  /** Data entries that are not objects (skipped). */
  notRecords: number;
  sharedKitsIds: SharedKitsId[];
  /** The rows were not in wall-clock order and were sorted in memory. */
  sortedInMemory: boolean;
}

export interface ReadyFileOptions {
  time: LakeTime;
  /** The original's timestamp text of "now": the ready header's processing_date. */
  processingDate: string;
  /** Names the standardized file in errors. */
  where: string;
}

export function droppedRows(report: ReadyReport): number {
  let dropped = 0;
  for (const count of report.unknownIntIds.values()) dropped += count;
  return dropped;
}

/** Reads the standardized file (opened twice) and hands the ready file's bytes to `write`. */
export async function makeReadyFile(
  open: () => Promise<JsonInput>,
  unitDevices: readonly UnitDevice[],
  options: ReadyFileOptions,
  write: (body: Readable) => Promise<unknown>,
): Promise<ReadyReport> {
  const keys = new OrderKeys(options.time);
  const { header, ordered } = await outline(await open(), keys, options.where);
  const devices = new KitsDevices(unitDevices);
  const report: ReadyReport = { rowsIn: 0, rowsOut: 0, unknownIntIds: new Map(), notRecords: 0, sharedKitsIds: devices.shared, sortedInMemory: !ordered };
  const usedIds = new Set<string>();
  const sorter = new ReadySorter<Record<string, unknown>>(keys, ordered);

  async function* readyBatches(): AsyncGenerator<Record<string, unknown>[]> {
    for await (const event of readLakeJsonStream(await open(), { arrays: ['data'], source: options.where })) {
      if (event.kind === 'arrayEnd') break;
      if (event.kind !== 'elements') continue;
      const batch: Record<string, unknown>[] = [];
      for (const value of event.values) {
        if (!isObject(value)) {
          report.notRecords++;
          continue;
        }
        report.rowsIn++;
        const match = devices.forIntId(value.intID);
        if (!match) {
          const intId = String(value.intID ?? null);
          report.unknownIntIds.set(intId, (report.unknownIntIds.get(intId) ?? 0) + 1);
          continue;
        }
        usedIds.add(match.deviceId);
        const record = { ...value, device_id: match.deviceId };
        for (const ready of sorter.add(record, keys.of(record))) batch.push(ready);
      }
      report.rowsOut += batch.length;
      yield batch;
    }
    const rest = sorter.finish();
    report.rowsOut += rest.length;
    yield rest;
  }

  const readyHeader = { ...header, processing_date: options.processingDate };
  await write(jsonFileStream(readyHeader, readyBatches(), () => ({ devices: devices.embedded(usedIds) })));
  return report;
}

/** Pass one: the header, and whether the rows' wall clocks never go backwards. */
async function outline(input: JsonInput, keys: OrderKeys, where: string): Promise<{ header: Record<string, unknown>; ordered: boolean }> {
  let header: unknown;
  let hasData = false;
  const order = new WallOrderCheck();
  for await (const event of readLakeJsonStream(input, { arrays: ['data'], source: where })) {
    if (event.kind === 'member' && event.key === 'header') {
      header = event.value;
    } else if (event.kind === 'elements') {
      for (const value of event.values) if (isObject(value)) order.add(keys.of(value));
    } else if (event.kind === 'arrayEnd') {
      hasData = true;
    }
  }
  if (!isObject(header)) throw new InvalidWavetronixFile(where, 'no "header" object');
  if (!hasData) throw new InvalidWavetronixFile(where, 'no "data" list');
  return { header, ordered: order.ordered };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
