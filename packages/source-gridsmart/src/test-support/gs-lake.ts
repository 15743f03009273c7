// The embedded test lake of the GRIDSMART stage tests (see @lake/testing's SourceTestLake).
import { SourceTestLake, type SourceTestLakeOptions } from '@lake/testing';

export const GS_TEST_NOW = '2020-03-06T07:30:00Z'; // 01:30 CST

export const RAW = 'atd-datalake-raw';
export const STANDARDIZED = 'atd-datalake-rawjson';
export const READY = 'atd-datalake-ready';
export const PUBLIC = 'socrata';

export class GsTestLake extends SourceTestLake {
  constructor(options: SourceTestLakeOptions = {}) {
    super('gs', GS_TEST_NOW, options);
  }

  /** Puts a GRIDSMART unit-data file where the `file` driver looks. */
  writeUnitData(devices: Record<string, unknown>[]): void {
    this.writeUnitDataFile(JSON.stringify({ header: { data_type: 'gs_unit_data' }, devices }));
  }

  /** `<base> <ext> <day>` per catalog row of a repository (a day has one file per intersection). */
  override async catalogDays(repository: string): Promise<string[]> {
    return (await this.catalogRows(repository)).map((row) => `${row.base} ${row.ext} ${this.lake.time.calendarDate(row.collectionDate)}`);
  }
}

/** A GRIDSMART detector of the inventory (unitdata.md §1.1 GRIDSMART keys, in order). */
export function gridsmartDevice(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    device_type: 'GRIDSMART',
    atd_device_id: 6548,
    device_ip: '10.0.0.7',
    device_status: 'OK',
    ip_comm_status: 'OFFLINE',
    atd_location_id: 'LOC16-000390',
    coa_intersection_id: 5157931,
    lat: 30.35,
    lon: -97.73,
    primary_st: 'LAMAR BLVD',
    primary_st_segment_id: 2011236,
    cross_st: 'KOENIG LN',
    cross_st_segment_id: 2011237,
    ...overrides,
  };
}
