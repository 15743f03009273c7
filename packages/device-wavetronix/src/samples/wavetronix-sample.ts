// Sample radar counts for `lake demo`: three days around the November 2019 fall-back (a 25-hour
// day whose 1 AM hour the database lists twice under the same wall time) from four Austin
// intersections, as the day CSVs wt:insert writes, imported with `sourcedir` (the demo has no SQL
// Server). Also the radars' inventory as a unit-data file. Generated deterministically; on
// purpose one intersection has no radar in the inventory, two radar records share a kits_id (one
// of them REMOVED), and one value is blank, to show how each is reported.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sampleRandom, rushHourShare, LakeTime, type SampleData } from '@lake/core';
import { csvLine, RAW_CSV_HEADER } from '../formats/raw-csv';

interface SampleIntersection {
  intID: number;
  intName: string;
  /** Peak 15-minute volume per detector. */
  peak: number;
  /** In the inventory? (one is not, to show dropped rows) */
  inventory?: { ip: string; lat: number; lon: number; road: string; cross: string; locationId: string };
}

const INTERSECTIONS: SampleIntersection[] = [
  { intID: 12, intName: 'LAMARMANCHACA', peak: 60, inventory: { ip: '10.66.21.12', lat: 30.2446, lon: -97.7837, road: 'LAMAR BLVD', cross: 'MANCHACA RD', locationId: 'LOC16-002112' } },
  { intID: 57, intName: 'BURNETRUTLAND', peak: 45, inventory: { ip: '10.66.21.57', lat: 30.3679, lon: -97.7266, road: 'BURNET RD', cross: 'RUTLAND DR', locationId: 'LOC16-002157' } },
  { intID: 83, intName: 'CONGRESSOLTORF', peak: 35, inventory: { ip: '10.66.21.83', lat: 30.2317, lon: -97.7604, road: 'CONGRESS AVE', cross: 'OLTORF ST', locationId: 'LOC16-002183' } },
  { intID: 91, intName: 'LOOP360LAKEWOOD', peak: 70 },
];

const DETECTORS = ['EB_in', 'NB_in', 'SB_in', 'WB_in'];

// The middle day is the fall-back day: 25 hours, the 1 AM hour twice.
const DAYS = ['2019-11-02', '2019-11-03', '2019-11-04'];

/** The day's rows in the database's order (time as the wall clock shows it, intersection, detector). */
function dayCsv(day: string, dayIndex: number, time: LakeTime): string {
  const random = sampleRandom(20191102 + dayIndex);
  const start = time.dayStart(day);
  const end = time.addDays(start, 1);
  const rows: { wall: string; intName: string; detName: string; fields: string[] }[] = [];
  const cumulative = new Map<number, number>();
  for (let instant = start; instant < end; instant = new Date(instant.getTime() + 15 * 60_000)) {
    const wall = time.formatWall(instant);
    const hour = time.wall(instant).hour + time.wall(instant).minute / 60;
    for (const intersection of INTERSECTIONS) {
      for (const [detIndex, detName] of DETECTORS.entries()) {
        const detID = intersection.intID * 10 + detIndex;
        const volume = Math.round(intersection.peak * rushHourShare(hour, 0.05) * (0.8 + 0.4 * random()));
        const total = (cumulative.get(detID) ?? 0) + volume;
        cumulative.set(detID, total);
        const occupancy = Math.min(40, Math.round(volume / 3 + random() * 3));
        const speed = Math.round(42 - occupancy / 2 + random() * 4);
        rows.push({
          wall,
          intName: intersection.intName,
          detName,
          fields: [String(detID), String(intersection.intID), wall, intersection.intName, detName, String(volume), String(occupancy), String(speed), 'Working', '100', '1', String(total)],
        });
      }
    }
  }
  // ORDER BY CURDATETIME, INTNAME, DETNAME: the two passes of the repeated hour end up side by side.
  rows.sort((a, b) => (a.wall < b.wall ? -1 : a.wall > b.wall ? 1 : a.intName.localeCompare(b.intName) || a.detName.localeCompare(b.detName)));
  if (dayIndex === 0) rows[200].fields[7] = ''; // a NULL speed in the database
  return RAW_CSV_HEADER + rows.map((row) => csvLine(row.fields)).join('');
}

function unitData(): object {
  const devices = INTERSECTIONS.filter((intersection) => intersection.inventory).map((intersection, index) => {
    const inventory = intersection.inventory!;
    return {
      device_type: 'RADAR',
      atd_device_id: 900 + index,
      device_name: null,
      device_status: 'TURNED_ON',
      device_ip: inventory.ip,
      ip_comm_status: 'ONLINE',
      atd_location_id: inventory.locationId,
      coa_intersection_id: 5160100 + index,
      lat: inventory.lat,
      lon: inventory.lon,
      primary_st: inventory.road,
      primary_st_segment_id: 2020100 + index,
      cross_st: inventory.cross,
      cross_st_segment_id: 2020200 + index,
      kits_id: intersection.intID,
    };
  });
  // The radar that was replaced at Lamar & Manchaca: same kits_id, removed.
  devices.push({ ...devices[0], atd_device_id: 899, device_status: 'REMOVED', device_ip: '10.66.20.12' });
  return {
    header: {
      data_type: 'wt_unit_data',
      target_filename: 'Austin_wt_2019-11-05_unit_data.json',
      collection_date: '2019-11-05 00:00:00-06:00',
      processing_date: '2019-11-05 03:30:00-06:00',
    },
    devices,
  };
}

export const wavetronixSample: SampleData = {
  dataSource: 'wt',
  async seed(dir) {
    const csvDir = path.join(dir, 'kits-export');
    const unitDataDir = path.join(dir, 'unit-data');
    await mkdir(csvDir, { recursive: true });
    await mkdir(unitDataDir, { recursive: true });
    const time = new LakeTime('America/Chicago');
    for (const [index, day] of DAYS.entries()) {
      // Both names an export may have: the ingest's temp name and the lake's name.
      const name = index === 0 ? `Austin_${day}.csv` : `Austin_wt_${day}.csv`;
      await writeFile(path.join(csvDir, name), dayCsv(day, index, time));
    }
    await writeFile(path.join(unitDataDir, 'Austin_wt_unit_data.json'), JSON.stringify(unitData()));
    return {
      startDate: DAYS[0],
      endDate: '2019-11-05',
      stageOptions: { 'wt:insert': { sourcedir: csvDir } },
      config: { unitData: { wt: { driver: 'file', path: unitDataDir } } },
    };
  },
};
