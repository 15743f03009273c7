// Standardized zone files (gridsmart.md §3.4) as gs:standard leaves them, for the gs:ready tests.
import { dashGuid } from '../../site/site-file';
import { STANDARDIZED, type GsTestLake } from '../../test-support/gs-lake';
import { zoneExt } from '../../gridsmart-names';

/** A v8 count record that happened at `timestampAdj` (PyStr), plus any field to change. */
export function countRecord(timestampAdj: string | undefined, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const record: Record<string, unknown> = {
    count_version: 8,
    site_version: 12,
    timestamp: 3.4,
    utc_offset: -360,
    turn: 'S',
    vehicle_length: 14,
    speed: 21,
    light_state: 'G',
    seconds_in_zone: 1.2,
    vehicles_in_zone: 1,
    light_state_sec: 8.5,
    sec_since_green: 8.5,
    zone_freeflow_speed: 35,
    zone_freeflow_speed_cal: 33,
  };
  if (timestampAdj !== undefined) record.timestamp_adj = timestampAdj;
  return { ...record, ...overrides };
}

export interface ZoneFileOptions {
  base?: string;
  /** Omitted: no day_covered in the header (it could not be computed). */
  dayCovered?: number;
  offset?: string;
}

/** The zone file of `zoneId` (undashed) collected on `day`. */
export function zoneFile(zoneId: string, day: string, records: unknown[], options: ZoneFileOptions = {}): Record<string, unknown> {
  const base = options.base ?? 'Lamar_Koenig';
  const guid = dashGuid(zoneId);
  const header: Record<string, unknown> = {
    data_type: 'gridsmart',
    zip_name: `${base}_gs_${day}.zip`,
    origin_filename: `${guid}.csv`,
    target_filename: `${base}_${guid}_${day}.json`,
    collection_date: `${day} 00:00:00${options.offset ?? '-06:00'}`,
    processing_date: `${day} 04:00:12.345678${options.offset ?? '-06:00'}`,
    version: 8,
    guid,
  };
  if (options.dayCovered !== undefined) header.day_covered = options.dayCovered;
  return { header, data: records };
}

/** Stores a zone file in the standardized repository. */
export async function storeZone(lake: GsTestLake, zoneId: string, day: string, records: unknown[], options: ZoneFileOptions = {}): Promise<void> {
  await lake.storeJson(STANDARDIZED, options.base ?? 'Lamar_Koenig', zoneExt(dashGuid(zoneId)), day, zoneFile(zoneId, day, records, options));
}
