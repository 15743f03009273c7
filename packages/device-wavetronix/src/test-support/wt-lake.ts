// The embedded test lake of the Wavetronix stage tests (see @lake/testing's SourceTestLake).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SourceTestLake, type SourceTestLakeOptions } from '@lake/testing';

export const WT_TEST_NOW = '2019-11-06T09:30:00Z'; // 03:30 CST

export const RAW = 'atd-datalake-raw';
export const STANDARDIZED = 'atd-datalake-rawjson';
export const READY = 'atd-datalake-ready';
export const PUBLIC = 'socrata';

export class WtTestLake extends SourceTestLake {
  constructor(options: SourceTestLakeOptions = {}) {
    super('wt', WT_TEST_NOW, options);
  }

  /** Puts a Wavetronix unit-data file where the `file` driver looks. */
  writeUnitData(devices: Record<string, unknown>[]): void {
    this.writeUnitDataFile(JSON.stringify({ header: { data_type: 'wt_unit_data' }, devices }));
  }
}

/** A fresh temp folder with these files (name → content). */
export function folderWith(files: Record<string, string>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wt-files-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), content);
  return folder;
}

export function removeFolder(folder: string): void {
  fs.rmSync(folder, { recursive: true, force: true });
}

/** A radar record of the inventory (unitdata.md §1.1 keys, in order). */
export function radar(kitsId: number | null, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    device_type: 'RADAR',
    atd_device_id: 900 + (kitsId ?? 0),
    device_name: null,
    device_status: 'TURNED_ON',
    device_ip: `10.9.8.${kitsId ?? 0}`,
    ip_comm_status: 'ONLINE',
    atd_location_id: `LOC16-00${kitsId ?? 0}`,
    coa_intersection_id: 5160000 + (kitsId ?? 0),
    lat: 30.1,
    lon: -97.8,
    primary_st: 'LAMAR BLVD',
    primary_st_segment_id: 2010001,
    cross_st: 'MANCHACA RD',
    cross_st_segment_id: 2010002,
    kits_id: kitsId,
    ...overrides,
  };
}

/** Writes a standardized day file and catalogs it, as wt:standard would have. */
export async function storeStandardized(test: WtTestLake, day: string, data: Record<string, unknown>[]): Promise<void> {
  await storeDayFile(test, STANDARDIZED, day, { data });
}

/** Writes a ready day file and catalogs it, as wt:ready would have. */
export async function storeReady(test: WtTestLake, day: string, data: Record<string, unknown>[], ext = 'json'): Promise<void> {
  await storeDayFile(test, READY, day, { data, devices: [] }, ext);
}

async function storeDayFile(test: WtTestLake, repository: string, day: string, body: Record<string, unknown>, ext = 'json'): Promise<void> {
  const date = test.lake.time.dayStart(day);
  const header = {
    data_type: 'wavetronix',
    origin_filename: `Austin_wt_${day}.csv`,
    target_filename: `Austin_wt_${day}.json`,
    collection_date: test.lake.time.format(date),
    processing_date: '2019-11-06 03:30:00-06:00',
  };
  await test.storeJson(repository, 'Austin', ext, day, { header, ...body });
}

/** Stores a unit-data snapshot collected on `day` in the standardized repository. */
export async function storeUnitData(test: WtTestLake, day: string, devices: Record<string, unknown>[]): Promise<void> {
  await test.storeUnitData(STANDARDIZED, day, devices);
}

/** A standardized record (wavetronix.md §2.2). */
export function standardizedRow(detID: number, intID: number, curDateTime: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    detID,
    intID,
    curDateTime,
    intName: `INT${intID}`,
    detName: 'NB_in',
    volume: 19,
    occupancy: 0,
    speed: 34,
    status: 'Working',
    uploadSuccess: 100,
    detCountComparison: 1,
    dailyCumulative: 19,
    ...overrides,
  };
}
