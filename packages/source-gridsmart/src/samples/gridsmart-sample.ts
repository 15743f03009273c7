// Sample GRIDSMART archives for `lake demo`: three days around the November 2019 fall-back (a
// 25-hour day) from three intersections, as gs:insert stores them (`<base>_gs_<day>.zip` and a
// `<base>_gs_<day>_site.json` site file), imported with `sourcedir` (the demo has no cameras to
// poll). Generated deterministically. Each intersection shows one thing the pipeline handles:
// - Lamar & Koenig: a v8 camera on NTP, counts folder per day (ZIP layout A);
// - Burnet & Richcreek: a v8 camera whose clock runs 47 s fast, so each day's file starts 47 s
//   early and its last seconds sit in the next day's file (the newest day waits for it);
// - Loop 360 & Lakewood: a v4 camera (UTC day files, nested ZIP layout B) that the inventory names
//   "CAPITAL OF TEXAS HWY", matched through the street synonyms.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ZipFile } from 'yazl';
import { sampleRandom, rushHourShare, LakeTime, type SampleData } from '@lake/core';

interface SampleZone {
  id: string;
  approach: string;
  /** Vehicles per hour at the peak. */
  peak: number;
}

interface SampleCamera {
  base: string;
  street1: string;
  street2: string;
  ip: string;
  mac: string;
  lat: number;
  lon: number;
  version: 4 | 8;
  /** Device clock minus true time, in seconds. */
  clockAheadSeconds: number;
  zones: SampleZone[];
  inventory: { deviceId: number; locationId: string; primary: string; cross: string };
}

const CAMERAS: SampleCamera[] = [
  {
    base: 'Lamar_Koenig', street1: 'Lamar', street2: 'Koenig', ip: '10.66.30.11', mac: '00:30:53:26:e6:e1', lat: 30.3263, lon: -97.7261, version: 8, clockAheadSeconds: 0,
    zones: [
      { id: '0a1b2c3d00004e5f8a9b112233445566', approach: 'Northbound', peak: 220 },
      { id: '1a1b2c3d00004e5f8a9b112233445566', approach: 'Southbound', peak: 180 },
      { id: '2a1b2c3d00004e5f8a9b112233445566', approach: 'Eastbound', peak: 90 },
    ],
    inventory: { deviceId: 6548, locationId: 'LOC16-000390', primary: 'LAMAR BLVD', cross: 'KOENIG LN' },
  },
  {
    base: 'Burnet_Richcreek', street1: 'Burnet', street2: 'Richcreek', ip: '10.66.30.12', mac: '00:30:53:26:e6:e2', lat: 30.3456, lon: -97.7385, version: 8, clockAheadSeconds: 47,
    zones: [
      { id: '3a1b2c3d00004e5f8a9b112233445566', approach: 'Northbound', peak: 160 },
      { id: '4a1b2c3d00004e5f8a9b112233445566', approach: 'Westbound', peak: 60 },
    ],
    inventory: { deviceId: 6549, locationId: 'LOC16-000391', primary: 'BURNET RD', cross: 'RICHCREEK RD' },
  },
  {
    base: 'Loop 360_Lakewood', street1: 'Loop 360', street2: 'Lakewood', ip: '10.66.30.13', mac: '00:30:53:26:e6:e3', lat: 30.3634, lon: -97.7987, version: 4, clockAheadSeconds: 0,
    zones: [
      { id: '5a1b2c3d00004e5f8a9b112233445566', approach: 'Southbound', peak: 300 },
      { id: '6a1b2c3d00004e5f8a9b112233445566', approach: 'Northbound', peak: 280 },
    ],
    inventory: { deviceId: 6550, locationId: 'LOC16-000392', primary: 'CAPITAL OF TEXAS HWY', cross: 'LAKEWOOD DR' },
  },
];

// The middle day is the fall-back day: 25 hours, the 1 AM hour twice.
const DAYS = ['2019-11-02', '2019-11-03', '2019-11-04'];
const TURNS = ['S', 'S', 'S', 'S', 'L', 'R'];

interface Vehicle {
  /** True instant. */
  at: Date;
  turn: string;
  length: number;
  speed: number;
  secondsInZone: number;
}

/** Vehicles passing one zone between `from` and `to`, in time order. */
function vehicles(zone: SampleZone, from: Date, to: Date, time: LakeTime, random: () => number): Vehicle[] {
  const passing: Vehicle[] = [];
  for (let hourStart = from.getTime(); hourStart < to.getTime(); hourStart += 3_600_000) {
    const wall = time.wall(new Date(hourStart));
    const count = Math.round((zone.peak * rushHourShare(wall.hour, 0.04)) / 6); // a sixth of the flow, to keep the demo small
    const offsets = Array.from({ length: count }, () => Math.floor(random() * 36_000) * 100).sort((a, b) => a - b);
    for (const offset of offsets) {
      const heavy = random() < 0.06;
      passing.push({
        at: new Date(hourStart + offset),
        turn: TURNS[Math.floor(random() * TURNS.length)],
        length: heavy ? 18 + Math.round(random() * 40) : 12 + Math.round(random() * 4),
        speed: Math.round(25 + random() * 20),
        secondsInZone: Math.round((0.6 + random() * 2) * 10) / 10,
      });
    }
  }
  return passing;
}

/** A v8 line: the device's local time of day and its UTC offset (it follows DST). */
function v8Line(vehicle: Vehicle, camera: SampleCamera, time: LakeTime): string {
  const deviceTime = new Date(vehicle.at.getTime() + camera.clockAheadSeconds * 1000);
  const wall = time.wall(deviceTime);
  const hhmmss = wall.hour * 10_000 + wall.minute * 100 + wall.second;
  const timestamp = `${hhmmss}.${Math.floor(wall.millisecond / 100)}`;
  return [8, 12, timestamp, time.offsetMinutes(deviceTime), vehicle.turn, vehicle.length, vehicle.speed, 'G', vehicle.secondsInZone, 1, 8.5, 8.5, 35, 33].join(',');
}

/** A v4 line: a UTC timestamp `YYYYMMDDTHHMMSS.f`. */
function v4Line(vehicle: Vehicle): string {
  const iso = vehicle.at.toISOString(); // 2019-11-02T06:00:18.600Z
  const timestamp = `${iso.slice(0, 10).replace(/-/g, '')}T${iso.slice(11, 19).replace(/:/g, '')}.${iso.slice(20, 21)}`;
  return [4, 3, timestamp, 1, 'Car', vehicle.length, vehicle.speed, vehicle.turn, 'SLR', vehicle.secondsInZone, 4.2, 0, 'G', 8.5, 120, 'Day'].join(',');
}

/** The first instant of a counts file's day: local midnight on the device's clock (v8) or UTC midnight (v4). */
function fileStart(camera: SampleCamera, day: string, time: LakeTime): Date {
  if (camera.version === 4) return new Date(`${day}T00:00:00Z`);
  return new Date(time.dayStart(day).getTime() - camera.clockAheadSeconds * 1000);
}

async function zipOf(entries: { name: string; body: Buffer }[]): Promise<Buffer> {
  const zip = new ZipFile();
  // A fixed modification time keeps the archives byte-identical between runs.
  for (const entry of entries) zip.addBuffer(entry.body, entry.name, { mtime: new Date('2019-11-05T07:00:00Z') });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The day's counts archive in the camera's layout. */
async function countsZip(camera: SampleCamera, day: string, time: LakeTime, seed: number): Promise<Buffer> {
  const random = sampleRandom(seed);
  const start = fileStart(camera, day, time);
  const end = fileStart(camera, time.calendarDate(time.addDays(time.dayStart(day), 1)), time);
  const macFolder = camera.mac.replace(/:/g, '-');
  const zoneFiles = camera.zones.map((zone) => {
    const guid = `${zone.id.slice(0, 8)}-${zone.id.slice(8, 12)}-${zone.id.slice(12, 16)}-${zone.id.slice(16, 20)}-${zone.id.slice(20)}`;
    const lines = vehicles(zone, start, end, time, random).map((vehicle) => (camera.version === 8 ? v8Line(vehicle, camera, time) : v4Line(vehicle)));
    return { guid, body: Buffer.from(lines.map((line) => `${line}\r\n`).join('')) };
  });
  if (camera.version === 8) return zipOf(zoneFiles.map((file) => ({ name: `${macFolder}/${day}/${file.guid}.csv`, body: file.body })));
  const inner = await zipOf(zoneFiles.map((file) => ({ name: `${file.guid}.csv`, body: file.body })));
  return zipOf([{ name: `${macFolder}/${day}.zip`, body: inner }]);
}

/** The site file gs:insert would have stored for the camera on `day` at 01:30. */
function siteFile(camera: SampleCamera, day: string, time: LakeTime): object {
  const polled = new Date(time.dayStart(day).getTime() + 90 * 60_000);
  const device = new Date(polled.getTime() + camera.clockAheadSeconds * 1000);
  // The device shows its clock in its zone's standard offset (UTC-06:00), DST or not.
  const shown = new Date(device.getTime() - 6 * 3_600_000);
  return {
    header: { data_type: 'gs_site', target_filename: `${camera.base}_site_${day}.json`, collection_date: time.format(time.dayStart(day)), device_net_addr: camera.ip },
    site: {
      Id: `site-${camera.inventory.deviceId}`,
      Location: { Street1: camera.street1, Street2: camera.street2, Latitude: camera.lat, Longitude: camera.lon },
      CameraDevices: [
        {
          Fisheye: {
            MACAddress: camera.mac,
            IsConfigured: true,
            CameraMasks: {
              ZoneMasks: camera.zones.map((zone) => ({
                Vehicle: { Id: zone.id, Name: `${zone.approach} through`, TurnType: 'Straight', ApproachType: zone.approach, IncludeInData: true },
              })),
            },
          },
        },
      ],
    },
    datetime: { DateTime: usClock(shown), TimeZoneId: '(UTC-06:00) Central Time (US & Canada)', HostTimeUTC: usClock(polled, true) },
    hardware_info: { BoxSerialNumber: `GS-${camera.inventory.deviceId}`, HardwareId: `hw-${camera.inventory.deviceId}`, HardwareVersion: camera.version === 8 ? '5' : '4' },
  };
}

/** `M/D/YYYY h:mm:ss AM` as the device writes it, or zero-padded as the host writes HostTimeUTC. */
function usClock(instant: Date, padded = false): string {
  const pad = (value: number) => (padded ? String(value).padStart(2, '0') : String(value));
  const hour12 = instant.getUTCHours() % 12 || 12;
  const clock = [hour12, instant.getUTCMinutes(), instant.getUTCSeconds()].map((value, index) => (index === 0 ? pad(value) : String(value).padStart(2, '0'))).join(':');
  return `${pad(instant.getUTCMonth() + 1)}/${pad(instant.getUTCDate())}/${instant.getUTCFullYear()} ${clock} ${instant.getUTCHours() < 12 ? 'AM' : 'PM'}`;
}

function unitData(): object {
  const devices = CAMERAS.map((camera, index) => ({
    device_type: 'GRIDSMART',
    atd_device_id: camera.inventory.deviceId,
    device_ip: camera.ip,
    device_status: 'OK',
    ip_comm_status: 'ONLINE',
    atd_location_id: camera.inventory.locationId,
    coa_intersection_id: 5157931 + index,
    lat: camera.lat,
    lon: camera.lon,
    primary_st: camera.inventory.primary,
    primary_st_segment_id: 2011236 + index,
    cross_st: camera.inventory.cross,
    cross_st_segment_id: 2011336 + index,
  }));
  return {
    header: { data_type: 'gs_unit_data', target_filename: 'Austin_gs_2019-11-05_unit_data.json', collection_date: '2019-11-05 00:00:00-06:00', processing_date: '2019-11-05 01:30:00-06:00' },
    devices,
  };
}

export const gridsmartSample: SampleData = {
  dataSource: 'gs',
  async seed(dir) {
    const archiveDir = path.join(dir, 'archive');
    const unitDataDir = path.join(dir, 'unit-data');
    await mkdir(archiveDir, { recursive: true });
    await mkdir(unitDataDir, { recursive: true });
    const time = new LakeTime('America/Chicago');
    for (const [cameraIndex, camera] of CAMERAS.entries()) {
      await writeFile(path.join(archiveDir, `${camera.base}_gs_${DAYS[0]}_site.json`), JSON.stringify(siteFile(camera, DAYS[0], time)));
      for (const [dayIndex, day] of DAYS.entries()) {
        await writeFile(path.join(archiveDir, `${camera.base}_gs_${day}.zip`), await countsZip(camera, day, time, 20191102 + cameraIndex * 10 + dayIndex));
      }
    }
    await writeFile(path.join(unitDataDir, 'Austin_gs_unit_data.json'), JSON.stringify(unitData()));
    return {
      startDate: DAYS[0],
      endDate: '2019-11-05',
      stageOptions: { 'gs:insert': { sourcedir: archiveDir } },
      config: { unitData: { gs: { driver: 'file', path: unitDataDir } } },
    };
  },
};
