// Small AWAM files for tests: made-up rows in the layout of each file type (bluetooth.md §3.3),
// written into temp folders named the way the AWAM share names them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BluetoothFileType } from '../formats/file-types';

/** One plausible line per type; values are made up. */
export const AWAM_LINES: Record<BluetoothFileType, string> = {
  unmatched: '6/1/2019 12:00:05 AM,10.1.2.3,5/31/2019 11:59:58 PM,lamar_6th,QUJDREVG',
  matched: 'QUJDREVG,lamar_mlk,lamar_6th,5/31/2019 11:48:20 PM,5/31/2019 11:59:46 PM,686,3.31,Y,1',
  traf_match_summary: '51st_springdale,51st_manor,51st St,Springdale Rd,EB,51st St,Manor Rd,EB,0.633,6/1/2019 12:00 AM,50,45.6,15,12,3.2',
};

const INFIX: Record<BluetoothFileType, string> = { unmatched: 'bt', matched: 'btmatch', traf_match_summary: 'bt_summary_15' };

/** `Austin_btmatch_06-01-2019.txt` for type matched and day `2019-06-01`. */
export function awamFileName(fileType: BluetoothFileType, day: string, areaBase = 'Austin'): string {
  const [year, month, date] = day.split('-');
  return `${areaBase}_${INFIX[fileType]}_${month}-${date}-${year}.txt`;
}

/** A fresh temp folder; remove it with `removeFolder`. */
export function tempFolder(prefix = 'awam-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeFolder(folder: string): void {
  fs.rmSync(folder, { recursive: true, force: true });
}

/** Writes `files` (name → content) into `folder`; returns the folder. */
export function writeFiles(folder: string, files: Record<string, string | Buffer>): string {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), content);
  }
  return folder;
}

/** All three files of each day, each holding the type's sample line (CRLF, as AWAM writes). */
export function awamDays(days: string[], areaBase = 'Austin'): Record<string, string> {
  const files: Record<string, string> = {};
  for (const day of days) {
    for (const fileType of Object.keys(AWAM_LINES) as BluetoothFileType[]) {
      files[awamFileName(fileType, day, areaBase)] = `${AWAM_LINES[fileType]}\r\n`;
    }
  }
  return files;
}

/** A Bluetooth unit-data file as the core `file` driver reads it. */
export function unitDataFile(devices: Record<string, unknown>[] = [BT_DEVICE]): string {
  return JSON.stringify({ header: { data_type: 'bt_unit_data' }, devices });
}

export const BT_DEVICE = {
  device_type: 'BLUETOOTH',
  atd_device_id: 7,
  device_name: 'lamar_6th',
  device_status: 'TURNED_ON',
  device_ip: '10.1.2.3',
  ip_comm_status: 'ONLINE',
  atd_location_id: 'LOC16-000001',
  coa_intersection_id: 5150001,
  lat: 30.25,
  lon: -97.75,
  primary_st: '6TH ST',
  primary_st_segment_id: 2010001,
  cross_st: 'LAMAR BLVD',
  cross_st_segment_id: 2010002,
  kits_id: null,
};
