// Sample AWAM files for `lake demo`: three days of IAF, ITMF and TMSR files around the November
// 2019 fall-back (a 25-hour day) from four readers on two corridors, plus the readers' inventory
// as a unit-data file. Generated deterministically so
// every demo run sees the same data; one IAF line is malformed on purpose to show how a bad line
// is reported without stopping the file.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sampleRandom, type SampleData } from '@lake/core';

interface SampleReader {
  name: string;
  ip: string;
  lat: number;
  lon: number;
  road: string;
  cross: string;
  locationId: string;
}

const READERS: SampleReader[] = [
  { name: 'lamar_6th', ip: '10.66.1.11', lat: 30.2697, lon: -97.7534, road: 'LAMAR BLVD', cross: '6TH ST', locationId: 'LOC16-000101' },
  { name: 'lamar_mlk', ip: '10.66.1.12', lat: 30.2834, lon: -97.7502, road: 'LAMAR BLVD', cross: 'MARTIN LUTHER KING JR BLVD', locationId: 'LOC16-000102' },
  { name: 'congress_5th', ip: '10.66.1.13', lat: 30.2672, lon: -97.7431, road: 'CONGRESS AVE', cross: '5TH ST', locationId: 'LOC16-000103' },
  { name: 'congress_riverside', ip: '10.66.1.14', lat: 30.2586, lon: -97.7454, road: 'CONGRESS AVE', cross: 'RIVERSIDE DR', locationId: 'LOC16-000104' },
];

const SEGMENTS: [number, number, string][] = [
  [0, 1, '1.04'],
  [2, 3, '0.633'],
];

// The middle day is the fall-back day: 25 hours, the 1 AM hour twice.
const DAYS = ['2019-11-02', '2019-11-03', '2019-11-04'];

/** `6/1/2019 1:05:09 PM`, the AWAM long form (short form without seconds). */
function awamTime(day: string, secondsOfDay: number, withSeconds = true): string {
  const [year, month, date] = day.split('-').map(Number);
  const hour24 = Math.floor(secondsOfDay / 3600);
  const minute = Math.floor((secondsOfDay % 3600) / 60);
  const second = secondsOfDay % 60;
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  const suffix = hour24 < 12 ? 'AM' : 'PM';
  const mm = String(minute).padStart(2, '0');
  const ss = String(second).padStart(2, '0');
  return `${month}/${date}/${year} ${hour12}:${mm}${withSeconds ? `:${ss}` : ''} ${suffix}`;
}

function awamDate(day: string): string {
  const [year, month, date] = day.split('-');
  return `${month}-${date}-${year}`;
}

function dayFiles(day: string, dayIndex: number): { iaf: string[]; itmf: string[]; tmsr: string[] } {
  const random = sampleRandom(20191102 + dayIndex);
  const iaf: string[] = [];
  const itmf: string[] = [];
  const devices = Array.from({ length: 40 }, (_, n) => Buffer.from(`dev-${dayIndex}-${n}`).toString('base64').slice(0, 12));
  for (let n = 0; n < 240; n++) {
    const seconds = Math.floor((n / 240) * 86_400 + random() * 300);
    const reader = READERS[Math.floor(random() * READERS.length)];
    const device = devices[Math.floor(random() * devices.length)];
    const fieldSeconds = Math.max(0, seconds - 2);
    iaf.push([awamTime(day, seconds), reader.ip, awamTime(day, fieldSeconds), reader.name, device].join(','));
  }
  iaf.splice(17, 0, 'this line,is not,an IAF record');
  for (let n = 0; n < 90; n++) {
    const [from, to, length] = SEGMENTS[n % SEGMENTS.length];
    const start = Math.floor((n / 90) * 86_000 + random() * 200);
    const travel = 60 + Math.floor(random() * 120);
    const speed = ((Number(length) / travel) * 3600).toFixed(2);
    const device = devices[Math.floor(random() * devices.length)];
    itmf.push([device, READERS[from].name, READERS[to].name, awamTime(day, start), awamTime(day, start + travel), travel, speed, 'Valid', 1].join(','));
  }
  const tmsr: string[] = [];
  for (let interval = 0; interval < 96; interval++) {
    for (const [from, to, length] of SEGMENTS) {
      const samples = 1 + Math.floor(random() * 12);
      const travel = 70 + Math.floor(random() * 90);
      const origin = READERS[from];
      const dest = READERS[to];
      tmsr.push([
        origin.name, dest.name, origin.road, origin.cross, 'NB', dest.road, dest.cross, 'NB', length,
        awamTime(day, interval * 900, false), travel, ((Number(length) / travel) * 3600).toFixed(2), 15, samples, (random() * 20).toFixed(2),
      ].join(','));
    }
  }
  return { iaf, itmf, tmsr };
}

function unitData(): object {
  return {
    header: {
      data_type: 'bt_unit_data',
      target_filename: 'Austin_bt_2019-11-05_unit_data.json',
      collection_date: '2019-11-05 00:00:00-06:00',
      processing_date: '2019-11-05 03:00:00-06:00',
    },
    devices: READERS.map((reader, index) => ({
      device_type: 'BLUETOOTH',
      atd_device_id: 700 + index,
      device_name: reader.name,
      device_status: 'TURNED_ON',
      device_ip: reader.ip,
      ip_comm_status: 'ONLINE',
      atd_location_id: reader.locationId,
      coa_intersection_id: 5150100 + index,
      lat: reader.lat,
      lon: reader.lon,
      primary_st: reader.road,
      primary_st_segment_id: 2010100 + index,
      cross_st: reader.cross,
      cross_st_segment_id: 2010200 + index,
      kits_id: null,
    })),
  };
}

export const bluetoothSample: SampleData = {
  dataSource: 'bt',
  async seed(dir) {
    const awamDir = path.join(dir, 'awam');
    const unitDataDir = path.join(dir, 'unit-data');
    await mkdir(awamDir, { recursive: true });
    await mkdir(unitDataDir, { recursive: true });
    for (const [index, day] of DAYS.entries()) {
      const { iaf, itmf, tmsr } = dayFiles(day, index);
      await writeFile(path.join(awamDir, `Austin_bt_${awamDate(day)}.txt`), `${iaf.join('\r\n')}\r\n`);
      await writeFile(path.join(awamDir, `Austin_btmatch_${awamDate(day)}.txt`), `${itmf.join('\r\n')}\r\n`);
      await writeFile(path.join(awamDir, `Austin_bt_summary_15_${awamDate(day)}.txt`), `${tmsr.join('\r\n')}\r\n`);
    }
    await writeFile(path.join(unitDataDir, 'Austin_bt_unit_data.json'), JSON.stringify(unitData()));
    return {
      startDate: DAYS[0],
      endDate: '2019-11-05',
      stageOptions: { 'bt:insert': { sourcedir: awamDir } },
      config: { unitData: { bt: { driver: 'file', path: unitDataDir } } },
    };
  },
};
