// Ready counts files (gridsmart.md §4 step g) and aggregation rows (§5.6) for the aggregation
// and publish tests.
import { gridsmartDevice } from '../../test-support/gs-lake';
import { siteFile, ZONE_NB } from '../../test-support/site-fixtures';

export const BASE = 'Lamar_Koenig';

/** A ready counts file of a day; `device` defaults to the matched inventory device. */
export function countsFile(day: string, counts: Record<string, unknown>[], device: unknown = { ...gridsmartDevice(), reversed: false }): Record<string, unknown> {
  return {
    header: { data_type: 'gridsmart', zip_name: `${BASE}_gs_${day}.zip`, collection_date: `${day} 00:00:00-06:00`, processing_date: '2020-03-06 05:30:01.000001-06:00', version: 8 },
    counts,
    site: siteFile(),
    device,
  };
}

/** A v8 count record as gs:ready writes it, of zone NB by default. */
export function count(timestampAdj: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { count_version: 8, site_version: 12, timestamp: 0, utc_offset: -360, turn: 'S', vehicle_length: 14, speed: 30, light_state: 'G', seconds_in_zone: 1.5, timestamp_adj: timestampAdj, zone: ZONE_NB, ...fields };
}

/** An aggregation row. */
export function aggregateRow(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    timestamp: '2020-03-04 07:45:00-06:00',
    zone_approach: 'Northbound',
    turn: 'S',
    heavy_vehicle: 0,
    volume: 37,
    speed_avg: 28.405,
    speed_std: 6.112,
    seconds_in_zone_avg: 1.873,
    seconds_in_zone_std: 0.95,
    ...fields,
  };
}
