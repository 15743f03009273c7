// A tiny AWAM share for the cli e2e tests: for each day, one line of each Bluetooth file type
// (IAF, ITMF, TMSR) named the way the AWAM share names them, plus the readers' inventory as a
// unit-data file for the core `file` driver. Small enough that every count a test expects is
// obvious: one record per file, three files per day.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const AWAM_DAYS = ['2019-06-01', '2019-06-02', '2019-06-03'];

/** The `-s/-e` window that covers AWAM_DAYS (end exclusive). */
export const AWAM_RANGE = ['-s', '2019-06-01', '-e', '2019-06-04'];

/** Lake ext of each raw file type, in the order a day's files are ingested. */
export const RAW_EXTS = ['unmatched.txt', 'matched.txt', 'traf_match_summary.txt'];

/** `6/1/2019`: AWAM writes dates without padding. */
function awamDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${month}/${date}/${year}`;
}

/** `06-01-2019`, the date in AWAM file names. */
function awamNameDate(day: string): string {
  const [year, month, date] = day.split('-');
  return `${month}-${date}-${year}`;
}

/** One record per file; every reader it names is in READERS, so the ready stage drops nothing. */
function dayFiles(day: string): Record<string, string> {
  const date = awamDay(day);
  return {
    [`Austin_bt_${awamNameDate(day)}.txt`]: `${date} 8:00:05 AM,10.66.1.11,${date} 8:00:03 AM,lamar_6th,QUJDREVG\r\n`,
    [`Austin_btmatch_${awamNameDate(day)}.txt`]: `QUJDREVG,lamar_mlk,lamar_6th,${date} 8:01:00 AM,${date} 8:02:30 AM,90,41.6,Valid,1\r\n`,
    [`Austin_bt_summary_15_${awamNameDate(day)}.txt`]:
      `lamar_mlk,lamar_6th,LAMAR BLVD,MLK BLVD,SB,LAMAR BLVD,6TH ST,SB,1.04,${date} 8:00 AM,90,41.6,15,1,0\r\n`,
  };
}

const READERS = [
  { name: 'lamar_6th', ip: '10.66.1.11', id: 701 },
  { name: 'lamar_mlk', ip: '10.66.1.12', id: 702 },
];

/** Writes each day's three AWAM files into `dir`; returns `dir`. */
export function writeAwamShare(dir: string, days = AWAM_DAYS): string {
  mkdirSync(dir, { recursive: true });
  for (const day of days) {
    for (const [name, text] of Object.entries(dayFiles(day))) writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Writes the readers' inventory as `<dir>/Austin_bt_unit_data.json`; returns `dir`. */
export function writeUnitData(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const devices = READERS.map((reader) => ({
    device_type: 'BLUETOOTH',
    atd_device_id: reader.id,
    device_name: reader.name,
    device_status: 'TURNED_ON',
    device_ip: reader.ip,
    ip_comm_status: 'ONLINE',
    atd_location_id: `LOC16-000${reader.id}`,
    coa_intersection_id: 5150000 + reader.id,
    lat: 30.27,
    lon: -97.75,
    primary_st: 'LAMAR BLVD',
    primary_st_segment_id: 2010000 + reader.id,
    cross_st: reader.name === 'lamar_6th' ? '6TH ST' : 'MLK BLVD',
    cross_st_segment_id: 2020000 + reader.id,
    kits_id: null,
  }));
  writeFileSync(path.join(dir, 'Austin_bt_unit_data.json'), JSON.stringify({ header: { data_type: 'bt_unit_data' }, devices }));
  return dir;
}

/** `2019/06/01/bt/Austin_bt_2019-06-01_matched.txt`: where a day's file lands in a repository. */
export function btPointer(day: string, ext: string): string {
  const [year, month, date] = day.split('-');
  return `${year}/${month}/${date}/bt/Austin_bt_${day}_${ext}`;
}
