// standardized + unit data → ready (bluetooth.md §5.2): attach the device ids of the inventory to
// each record, keep only records whose readers are known, sort, embed the devices used.
//
// ReadyEnricher does it record by record (the stage streams); enrichStandardized does it for a
// whole file in memory (small files, tests, library use) and is the reference the stage's output
// is compared with.
import type { BluetoothFileType, BluetoothRecord, ReadyFile, StandardizedFile } from '../formats/file-types';
import { bluetoothDeviceId, type BluetoothDevice } from './device-id';
import { compareSortKeys, sortKeyOf, SORT_KEYS } from './ready-order';

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

interface IndexedDevice {
  index: number;
  device: BluetoothDevice;
  deviceId: string;
}

/** Enriches records one at a time, counting what it drops and which devices it used. */
export class ReadyEnricher {
  private readonly indexed: IndexedDevice[];
  private readonly byName: Map<string, IndexedDevice>;
  private readonly duplicates: Set<string>;
  private readonly joins: readonly (readonly [string, string])[];
  private readonly deviceProblems: string[] = [];
  private readonly dropped = Object.fromEntries(DROP_REASONS.map((reason) => [reason, 0])) as Record<DropReason, number>;
  private readonly unknownReaders = new Set<string>();
  private readonly duplicateDeviceNames = new Set<string>();
  private readonly used = new Set<number>();
  private rowsIn = 0;
  private rowsOut = 0;

  constructor(devices: readonly BluetoothDevice[], readonly fileType: BluetoothFileType) {
    this.indexed = devices.map((device, index) => ({ index, device, deviceId: bluetoothDeviceId(device, (problem) => this.deviceProblems.push(problem)) }));
    ({ byName: this.byName, duplicates: this.duplicates } = indexByName(this.indexed));
    this.joins = JOINS[fileType];
  }

  /**
   * The record with its id column(s) added after its own keys — the record itself, changed — or
   * null when it is dropped (counted by reason).
   */
  enrich(row: unknown): BluetoothRecord | null {
    this.rowsIn++;
    const record = isRecord(row) ? row : null;
    const joins = this.joins;
    let reason: DropReason | null = null;
    if (joins.length === 1) {
      const reader = record?.[joins[0][0]];
      if (typeof reader !== 'string') reason = 'no_reader';
      else if (!this.byName.has(reader)) {
        reason = 'unknown_reader';
        this.unknownReaders.add(reader);
      }
    } else {
      const origin = record?.[joins[0][0]];
      const destination = record?.[joins[1][0]];
      const originKnown = typeof origin === 'string' && this.byName.has(origin);
      const destinationKnown = typeof destination === 'string' && this.byName.has(destination);
      if (typeof origin === 'string' && !originKnown) this.unknownReaders.add(origin);
      if (typeof destination === 'string' && !destinationKnown) this.unknownReaders.add(destination);
      if (typeof origin !== 'string' || typeof destination !== 'string') reason = 'no_reader';
      else if (!originKnown) reason = destinationKnown ? 'unknown_origin' : 'unknown_origin_and_destination';
      else if (!destinationKnown) reason = 'unknown_destination';
    }
    if (reason !== null || record === null) {
      this.dropped[reason ?? 'no_reader']++;
      return null;
    }
    for (const [readerColumn, idColumn] of joins) {
      const reader = record[readerColumn] as string;
      const device = this.byName.get(reader) as IndexedDevice;
      record[idColumn] = device.deviceId;
      this.used.add(device.index);
      if (this.duplicates.has(reader)) this.duplicateDeviceNames.add(reader);
    }
    this.rowsOut++;
    return record;
  }

  /** The devices records referred to, in unit-data order, each with its device_id last. */
  devices(): Record<string, unknown>[] {
    return this.indexed.filter((entry) => this.used.has(entry.index)).map((entry) => ({ ...entry.device, device_id: entry.deviceId }));
  }

  report(): EnrichReport {
    return {
      rowsIn: this.rowsIn,
      rowsOut: this.rowsOut,
      dropped: { ...this.dropped },
      unknownReaders: [...this.unknownReaders].sort(),
      duplicateDeviceNames: [...this.duplicateDeviceNames].sort(),
      deviceProblems: [...this.deviceProblems],
    };
  }
}

/** The whole file in memory: the reference for the streamed stage. */
export function enrichStandardized(file: StandardizedFile, devices: readonly BluetoothDevice[], options: EnrichOptions): EnrichResult {
  const enricher = new ReadyEnricher(devices, options.fileType);
  const rows = Array.isArray(file.data) ? file.data : [];
  const data: BluetoothRecord[] = [];
  for (const row of rows) {
    // A copy: the caller's file stays as it was.
    const enriched = enricher.enrich(isRecord(row) ? { ...row } : row);
    if (enriched) data.push(enriched);
  }
  const keys = SORT_KEYS[options.fileType];
  const sortKeys = new Map(data.map((record) => [record, sortKeyOf(record, keys)]));
  data.sort((a, b) => compareSortKeys(sortKeys.get(a)!, sortKeys.get(b)!));
  return {
    ready: { header: { ...file.header, processing_date: options.processingDate }, data, devices: enricher.devices() },
    report: enricher.report(),
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

function isRecord(value: unknown): value is BluetoothRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
