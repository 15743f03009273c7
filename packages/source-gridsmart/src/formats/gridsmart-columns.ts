// The columns of a zone CSV per counts version (gridsmart.md §3.2). The files have no header row:
// columns are positional. Each column declares how its values are typed, instead of upstream's
// pandas inference (which turned a whole column into text or floats because of one odd value).

/**
 * `integer`: a whole number (the version column); `number`: any decimal; `text`: kept as written;
 * `auto`: a number when the value reads as one, else the text (columns the vendor documents as
 * text but devices fill with numbers, e.g. `site_version`).
 */
export type ColumnKind = 'integer' | 'number' | 'text' | 'auto';

export interface Column {
  name: string;
  kind: ColumnKind;
}

export type CountsVersion = 4 | 7 | 8;

const V8_COLUMNS: readonly Column[] = [
  { name: 'count_version', kind: 'integer' },
  { name: 'site_version', kind: 'auto' },
  // Device-local time of day `HHMMSS.f` (the docs' "UTC" is wrong, see §3.2).
  { name: 'timestamp', kind: 'number' },
  { name: 'utc_offset', kind: 'number' },
  { name: 'turn', kind: 'text' },
  { name: 'vehicle_length', kind: 'number' },
  { name: 'speed', kind: 'number' },
  { name: 'light_state', kind: 'text' },
  { name: 'seconds_in_zone', kind: 'number' },
  { name: 'vehicles_in_zone', kind: 'number' },
  { name: 'light_state_sec', kind: 'number' },
  { name: 'sec_since_green', kind: 'number' },
  { name: 'zone_freeflow_speed', kind: 'number' },
  { name: 'zone_freeflow_speed_cal', kind: 'number' },
];

const V7_COLUMNS: readonly Column[] = [...V8_COLUMNS.slice(0, 10), { name: 'confidence', kind: 'number' }];

const V4_COLUMNS: readonly Column[] = [
  { name: 'count_version', kind: 'integer' },
  { name: 'site_version', kind: 'auto' },
  // `YYYYMMDDTHHMMSS[.f]`, read as UTC.
  { name: 'timestamp', kind: 'text' },
  { name: 'internal_veh_id', kind: 'number' },
  { name: 'internal_veh_type', kind: 'auto' },
  { name: 'vehicle_length', kind: 'number' },
  { name: 'speed', kind: 'number' },
  { name: 'turn', kind: 'text' },
  { name: 'allowable_turns', kind: 'auto' },
  { name: 'seconds_in_zone', kind: 'number' },
  { name: 'seconds_since_last_exit', kind: 'number' },
  { name: 'queue_length', kind: 'number' },
  { name: 'light_state_on_exit', kind: 'text' },
  { name: 'sec_since_green', kind: 'number' },
  { name: 'internal_frame_count', kind: 'number' },
  { name: 'day_night', kind: 'auto' },
];

const COLUMNS_BY_VERSION: Record<CountsVersion, readonly Column[]> = { 8: V8_COLUMNS, 7: V7_COLUMNS, 4: V4_COLUMNS };

export function isCountsVersion(value: unknown): value is CountsVersion {
  return value === 4 || value === 7 || value === 8;
}

export function columnsOf(version: CountsVersion): readonly Column[] {
  return COLUMNS_BY_VERSION[version];
}

/** A standardized record: the CSV columns by name, then `timestamp_adj` for v8/v4. */
export type ZoneRecord = Record<string, string | number | null>;
