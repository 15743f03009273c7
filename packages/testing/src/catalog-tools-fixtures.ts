// A small lake's catalog and perfmet rows with every kind of value an export must carry exactly:
// millisecond timestamps, nulls, metadata objects, a collection_end, an empty ext, a DST day, a
// `public` row, text and instant perfmet timestamps. Numbers are exact in PostgreSQL's `real`
// (float4), so the rows survive the PostgreSQL driver unchanged too.
import type { CatalogDriver, CatalogEntry, LakeTime, PerfmetDriver, PerfmetJob, PerfmetObservation } from '@lake/core';
import type { FixtureCalendar } from './fixtures';

export interface CatalogToolsRows {
  entries: CatalogEntry[];
  jobs: PerfmetJob[];
  observations: PerfmetObservation[];
}

export function catalogToolsFixtures(time: FixtureCalendar & Pick<LakeTime, 'format'>): CatalogToolsRows {
  const day = (calendarDate: string): Date => time.dayStart(calendarDate);
  const entries: CatalogEntry[] = [
    {
      repository: 'atd-datalake-raw',
      dataSource: 'bt',
      base: 'Austin',
      ext: 'unmatched.txt',
      pointer: '2019/06/01/bt/Austin_bt_2019-06-01_unmatched.txt',
      collectionDate: day('2019-06-01'),
      processingDate: time.parse('2019-06-02 01:00:12.120000-05:00'),
    },
    {
      repository: 'atd-datalake-ready',
      dataSource: 'bt',
      base: 'Austin',
      ext: 'unit_data.json',
      pointer: '2019/06/01/bt/Austin_bt_2019-06-01_unit_data.json',
      collectionDate: day('2019-06-01'),
      collectionEnd: day('2019-06-03'),
      processingDate: time.parse('2019-06-02 01:05:00.001-05:00'),
      metadata: { devices: 3, note: 'snapshot "A"', nested: { ids: [1, null, 'x'], ok: true } },
    },
    {
      repository: 'atd-datalake-raw',
      dataSource: 'wt',
      base: 'Lamar & 38th½',
      ext: 'csv',
      pointer: '2020/03/08/wt/Lamar & 38th½_wt_2020-03-08.csv',
      collectionDate: day('2020-03-08'), // a 23-hour day
    },
    {
      repository: 'atd-datalake-rawjson',
      dataSource: 'gs',
      base: 'X',
      ext: '',
      pointer: '2020/10/01/gs/X_gs_2020-10-01.',
      collectionDate: time.parse('2020-10-01 06:15:00.999-05:00'),
      collectionEnd: time.parse('2020-10-01 06:30:00-05:00'),
      metadata: [],
    },
    {
      repository: 'socrata',
      dataSource: 'bt',
      base: 'Austin',
      ext: 'traf_match_summary',
      pointer: 'x44q-icha',
      collectionDate: day('2019-06-01'),
      processingDate: time.parse('2019-06-03 02:00:00-05:00'),
      metadata: { rows: 12 },
    },
  ];
  const jobs: PerfmetJob[] = [
    {
      dataSource: 'Bluetooth',
      stage: 'Ingest',
      seconds: 412.5,
      records: 9,
      processingDate: time.parse('2019-06-02 01:00:00.512-05:00'),
      collectionStart: day('2019-06-01'),
      collectionEnd: day('2019-06-02'),
      failures: 0,
    },
    {
      dataSource: 'GRIDSMART',
      stage: 'Standardize',
      seconds: 0.25,
      records: 0,
      processingDate: time.parse('2020-10-02 03:00:00-05:00'),
      collectionStart: null,
      collectionEnd: null,
      failures: 2,
    },
  ];
  const observations: PerfmetObservation[] = [
    {
      dataSource: 'Bluetooth',
      sensorName: 'Lamar_38th',
      dataType: 'Unmatched Entries',
      data: 18234,
      expected: 17000.5,
      collectionDate: day('2019-06-01'),
      timestampMin: time.parse('2019-06-01 00:00:05.250-05:00'),
      timestampMax: '2019-06-01 23:59:58-05:00',
    },
    {
      dataSource: 'GRIDSMART',
      sensorName: 'X',
      dataType: 'Vehicle Counts',
      data: null,
      expected: null,
      collectionDate: day('2020-10-01'),
      timestampMin: null,
      timestampMax: null,
    },
  ];
  return { entries, jobs, observations };
}

/** Writes the rows through the drivers. */
export async function seedCatalogTools(
  drivers: { catalog: Pick<CatalogDriver, 'upsert'>; perfmet: Pick<PerfmetDriver, 'writeJob' | 'writeObservations'> },
  rows: CatalogToolsRows,
): Promise<void> {
  await drivers.catalog.upsert(rows.entries);
  for (const job of rows.jobs) await drivers.perfmet.writeJob(job);
  await drivers.perfmet.writeObservations(rows.observations);
}
