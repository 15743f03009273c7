// standardized + unit data → ready (bluetooth.md §5.2): attach the device ids of the inventory to
// each record, keep only records whose readers are known, sort, embed the devices used.
//
// This transform holds the whole day in memory: the ready order is a sort over the full file
// (B-18 accepted here; the standardized file is one JSON document anyway).
import type { BluetoothFileType, BluetoothRecord, ReadyFile, StandardizedFile } from '../formats/file-types';
import { bluetoothDeviceId, type BluetoothDevice } from './device-id';

/** Why a record was left out of the ready file. */
export type DropReason = 'no_reader' | 'unknown_reader' | 'unknown_origin' | 'unknown_destination' | 'unknown_origin_and_destination';

export const DROP_REASONS: readonly DropReason[] = ['no_reader', 'unknown_reader', 'unknown_origin', 'unknown_destination', 'unknown_origin_and_destination'];

export interface EnrichReport {
  rowsIn: number;
  rowsOut: number;
  /** Records dropped, per reason (B-6: the original dropped them without a word). */
  dropped: Record<DropReason, number>;
  /** Reader ids found in the file but not in the inventory, sorted. */
  unknownReaders: string[];
  /** Inventory names shared by several devices that records referred to; the first device was used. */
  duplicateDeviceNames: string[];
  /** Devices whose id had to be made from a missing type or IP (B-5). */
  deviceProblems: string[];
}

export interface EnrichResult {
  ready: ReadyFile;
  report: EnrichReport;
}

export interface EnrichOptions {
  fileType: BluetoothFileType;
  /** The original's timestamp text of "now": the ready header's processing_date. */
  processingDate: string;
}

/** Reader column → the id column added beside it, per file type (in the order they are added). */
const JOINS: Readonly<Record<BluetoothFileType, readonly (readonly [string, string])[]>> = {
  unmatched: [['reader_id', 'device_id']],
  matched: [['origin_reader_id', 'origin_device_id'], ['dest_reader_id', 'dest_device_id']],
  traf_match_summary: [['origin_reader_id', 'origin_device_id'], ['dest_reader_id', 'dest_device_id']],
};

/** Sort keys per file type (bluetooth.md §5.2 step 4). */
const SORT_KEYS: Readonly<Record<BluetoothFileType, readonly string[]>> = {
  unmatched: ['host_timestamp', 'reader_id'],
  matched: ['start_time', 'origin_reader_id', 'dest_reader_id'],
  traf_match_summary: ['timestamp', 'origin_reader_id', 'dest_reader_id'],
};

interface IndexedDevice {
  index: number;
  device: BluetoothDevice;
  deviceId: string;
}

export function enrichStandardized(file: StandardizedFile, devices: readonly BluetoothDevice[], options: EnrichOptions): EnrichResult {
  const deviceProblems: string[] = [];
  const indexed = devices.map((device, index) => ({ index, device, deviceId: bluetoothDeviceId(device, (problem) => deviceProblems.push(problem)) }));
  const { byName, duplicates } = indexByName(indexed);
  const joins = JOINS[options.fileType];

  const dropped = Object.fromEntries(DROP_REASONS.map((reason) => [reason, 0])) as Record<DropReason, number>;
  const unknownReaders = new Set<string>();
  const duplicateDeviceNames = new Set<string>();
  const used = new Set<number>();
  const data: BluetoothRecord[] = [];
  const rows = Array.isArray(file.data) ? file.data : [];

  for (const row of rows) {
    const matches = joins.map(([readerColumn]) => {
      const reader = isRecord(row) ? row[readerColumn] : undefined;
      if (typeof reader !== 'string') return { reader: null, device: undefined };
      return { reader, device: byName.get(reader) };
    });
    const reason = dropReason(matches.map((match) => (match.reader === null ? 'none' : match.device ? 'known' : 'unknown')));
    if (reason) {
      dropped[reason]++;
      for (const match of matches) if (match.reader !== null && !match.device) unknownReaders.add(match.reader);
      continue;
    }
    const enriched: BluetoothRecord = { ...row };
    joins.forEach(([, idColumn], position) => {
      const device = matches[position].device as IndexedDevice;
      enriched[idColumn] = device.deviceId;
      used.add(device.index);
      if (duplicates.has(matches[position].reader as string)) duplicateDeviceNames.add(matches[position].reader as string);
    });
    data.push(enriched);
  }

  sortRecords(data, SORT_KEYS[options.fileType]);
  return {
    ready: {
      header: { ...file.header, processing_date: options.processingDate },
      data,
      devices: indexed.filter((entry) => used.has(entry.index)).map((entry) => ({ ...entry.device, device_id: entry.deviceId })),
    },
    report: {
      rowsIn: rows.length,
      rowsOut: data.length,
      dropped,
      unknownReaders: [...unknownReaders].sort(),
      duplicateDeviceNames: [...duplicateDeviceNames].sort(),
      deviceProblems,
    },
  };
}

/** Rows dropped in total. */
export function droppedCount(report: EnrichReport): number {
  return DROP_REASONS.reduce((sum, reason) => sum + report.dropped[reason], 0);
}

/**
 * Name → the first device of that name. The original joined on the name and so repeated a record
 * once per device sharing it (B-6); a record is one observation and stays one row here.
 */
function indexByName(devices: IndexedDevice[]): { byName: Map<string, IndexedDevice>; duplicates: Set<string> } {
  const byName = new Map<string, IndexedDevice>();
  const duplicates = new Set<string>();
  for (const entry of devices) {
    const name = entry.device.device_name;
    if (typeof name !== 'string') continue;
    if (byName.has(name)) duplicates.add(name);
    else byName.set(name, entry);
  }
  return { byName, duplicates };
}

function dropReason(ends: ('known' | 'unknown' | 'none')[]): DropReason | null {
  if (ends.includes('none')) return 'no_reader';
  if (ends.length === 1) return ends[0] === 'unknown' ? 'unknown_reader' : null;
  const [origin, destination] = ends;
  if (origin === 'unknown' && destination === 'unknown') return 'unknown_origin_and_destination';
  if (origin === 'unknown') return 'unknown_origin';
  if (destination === 'unknown') return 'unknown_destination';
  return null;
}

/**
 * Stable sort by each key in turn, missing values last (pandas' na_position). Times are the
 * original's timestamp text and compare as text, as the original compared them.
 */
function sortRecords(records: BluetoothRecord[], keys: readonly string[]): void {
  records.sort((a, b) => {
    for (const key of keys) {
      const order = compareValues(a[key], b[key]);
      if (order !== 0) return order;
    }
    return 0;
  });
}

function compareValues(a: unknown, b: unknown): number {
  const aMissing = a === null || a === undefined;
  const bMissing = b === null || b === undefined;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const aText = String(a);
  const bText = String(b);
  return aText < bText ? -1 : aText > bText ? 1 : 0;
}

function isRecord(value: unknown): value is BluetoothRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
