// Counts ZIPs as GRIDSMART devices serve them (gridsmart.md §3.1), built from CSV text for tests:
// Type A `<MAC>/<YYYY-MM-DD>/<GUID>.csv`, Type B `<MAC>/<YYYY-MM-DD>.zip` holding `<GUID>.csv`.
import { ZipFile } from 'yazl';

export type ZipLayout = 'A' | 'B';

export interface CountsZipCamera {
  /** Camera directory name, e.g. `00-30-53-26-e6-e1`. */
  mac: string;
  /** Dated folder (Type A) or nested archive name (Type B), `YYYY-MM-DD`. */
  day: string;
  /** Dashed GUID → CSV text (the file is `<GUID>.csv`). */
  zones: Record<string, string>;
  /** More files beside the zone CSVs (name → content), e.g. `notes.txt`. */
  extraFiles?: Record<string, string | Buffer>;
  /** Type B: the bytes of the nested archive instead of a built one (e.g. a corrupt one). */
  innerZip?: Buffer;
}

export interface CountsZipOptions {
  layout: ZipLayout;
  /** The same MAC twice with two days makes two dated folders (or two nested archives). */
  cameras: CountsZipCamera[];
  /** Further entries of the outer archive, path → content. */
  entries?: Record<string, string | Buffer>;
}

/** A ZIP of `path → content` entries, in the given order. */
export function zipOf(entries: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, content] of Object.entries(entries)) {
    zip.addBuffer(Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), name, { mtime: new Date('2020-03-05T07:31:00Z') });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** A device's counts ZIP for one or more cameras/days. */
export async function countsZip(options: CountsZipOptions): Promise<Buffer> {
  const entries: Record<string, string | Buffer> = {};
  for (const camera of options.cameras) {
    const files: Record<string, string | Buffer> = { ...camera.extraFiles };
    for (const [guid, csv] of Object.entries(camera.zones)) files[`${guid}.csv`] = csv;
    if (options.layout === 'A') {
      for (const [name, content] of Object.entries(files)) entries[`${camera.mac}/${camera.day}/${name}`] = content;
    } else {
      entries[`${camera.mac}/${camera.day}.zip`] = camera.innerZip ?? (await zipOf(files));
    }
  }
  return zipOf({ ...entries, ...options.entries });
}

/**
 * The archive with every occurrence of entry name `from` replaced by `to` (same byte length):
 * yazl refuses names such as `../x`, real archives do not.
 */
export function withEntryRenamed(zip: Buffer, from: string, to: string): Buffer {
  const source = Buffer.from(from, 'utf8');
  const target = Buffer.from(to, 'utf8');
  if (source.length !== target.length) throw new Error(`withEntryRenamed: "${from}" and "${to}" differ in length`);
  const copy = Buffer.from(zip);
  let at = copy.indexOf(source);
  if (at < 0) throw new Error(`withEntryRenamed: no entry named "${from}"`);
  while (at >= 0) {
    target.copy(copy, at);
    at = copy.indexOf(source, at + target.length);
  }
  return copy;
}

export type CsvCell = string | number | null | undefined;

/** One CSV line of cells (null/undefined → blank), without the line break. */
export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map((cell) => (cell === null || cell === undefined ? '' : String(cell))).join(',');
}

/** CSV text of rows (lines such as `v8Row()` gives, or arrays of cells), each ended by CRLF. */
export function csvOf(rows: readonly (string | readonly CsvCell[])[]): string {
  return rows.map((row) => `${typeof row === 'string' ? row : csvLine(row)}\r\n`).join('');
}

export interface V8Fields {
  count_version?: number | string | null;
  site_version?: number | null;
  /** `HHMMSS.f` device-local time of day. */
  timestamp?: number | string | null;
  utc_offset?: number | string | null;
  turn?: string | null;
  vehicle_length?: number | null;
  speed?: number | null;
  light_state?: string | null;
  seconds_in_zone?: number | null;
  vehicles_in_zone?: number | null;
  light_state_sec?: number | null;
  sec_since_green?: number | null;
  zone_freeflow_speed?: number | null;
  zone_freeflow_speed_cal?: number | null;
}

const V8_DEFAULTS: Required<V8Fields> = {
  count_version: 8, site_version: 12, timestamp: 3.4, utc_offset: -360, turn: 'L', vehicle_length: 14, speed: 21,
  light_state: 'G', seconds_in_zone: 1.2, vehicles_in_zone: 1, light_state_sec: 8.5, sec_since_green: 8.5,
  zone_freeflow_speed: 35, zone_freeflow_speed_cal: 33,
};

function v8Cells(fields: V8Fields): CsvCell[] {
  const row = { ...V8_DEFAULTS, ...fields };
  return (Object.keys(V8_DEFAULTS) as (keyof V8Fields)[]).map((key) => row[key]);
}

/** One v8 CSV line (14 cells, spec §3.2 order, no line break); unset fields take the spec's example values. */
export function v8Row(fields: V8Fields = {}): string {
  return csvLine(v8Cells(fields));
}

/** One v7 CSV line (11 cells: v8's first 10, then confidence). */
export function v7Row(fields: Omit<V8Fields, 'light_state_sec' | 'sec_since_green' | 'zone_freeflow_speed' | 'zone_freeflow_speed_cal'> & { confidence?: number | null } = {}): string {
  const { confidence, ...rest } = fields;
  return csvLine([...v8Cells({ count_version: 7, ...rest }).slice(0, 10), confidence === undefined ? 90 : confidence]);
}

export interface V4Fields {
  count_version?: number | string | null;
  site_version?: number | null;
  /** `YYYYMMDDTHHMMSS[.f]`, UTC. */
  timestamp?: string | null;
  internal_veh_id?: number | null;
  internal_veh_type?: number | null;
  vehicle_length?: number | null;
  speed?: number | null;
  turn?: string | null;
  allowable_turns?: string | null;
  seconds_in_zone?: number | null;
  seconds_since_last_exit?: number | null;
  queue_length?: number | null;
  light_state_on_exit?: string | null;
  sec_since_green?: number | null;
  internal_frame_count?: number | null;
  day_night?: string | null;
}

const V4_DEFAULTS: Required<V4Fields> = {
  count_version: 4, site_version: 3, timestamp: '20200304T060005.1', internal_veh_id: 1001, internal_veh_type: 2,
  vehicle_length: 14, speed: 21, turn: 'S', allowable_turns: 'SRL', seconds_in_zone: 1.2, seconds_since_last_exit: 3.5,
  queue_length: 0, light_state_on_exit: 'G', sec_since_green: 8.5, internal_frame_count: 12345, day_night: 'D',
};

/** One v4 CSV line (16 cells, spec §3.2 order, no line break). */
export function v4Row(fields: V4Fields = {}): string {
  const row = { ...V4_DEFAULTS, ...fields };
  return csvLine((Object.keys(V4_DEFAULTS) as (keyof V4Fields)[]).map((key) => row[key]));
}

export const GUID_NB = '0a1b2c3d-0000-4e5f-8a9b-112233445566';
export const GUID_SB = '2c6dff02-cb0c-4da0-adc5-28dd1946df40';
export const CAMERA_MAC = '00-30-53-26-e6-e1';
