// A lake for `lake perfmet report` tests: `lake demo` (Bluetooth, Wavetronix and GRIDSMART samples
// collected 2019-11-02 … 11-04, all steady), then perfmet rows imported through `lake catalog
// import` that make known sensors dead, silent and anomalous on 2019-11-04 and one stage fail today.
import { writeFileSync } from 'node:fs';
import type { LakeSandbox } from './lake-cli';

/** A name that would load an image (a request) if the page did not escape it. */
export const HOSTILE_SENSOR = 'DEAD <img src=x onerror=alert(1)>';

/** What the report must flag, in its order: dead, silent, anomalous; by data source, type, name. */
export const EXPECTED_FLAGS: { kind: string; dataSource: string; dataType: string; sensorName: string }[] = [
  { kind: 'dead', dataSource: 'Wavetronix', dataType: 'Vehicle Counts', sensorName: HOSTILE_SENSOR },
  { kind: 'silent', dataSource: 'Wavetronix', dataType: 'Vehicle Counts', sensorName: 'LAMARMANCHACA' },
  { kind: 'silent', dataSource: 'Wavetronix', dataType: 'Vehicle Counts', sensorName: 'NULL_SENSOR' },
  { kind: 'anomalous', dataSource: 'Wavetronix', dataType: 'Vehicle Counts', sensorName: 'BURNETRUTLAND' },
  { kind: 'anomalous', dataSource: 'GRIDSMART', dataType: 'Vehicle Counts', sensorName: 'Lamar_Koenig' },
];

/** Local midnights (America/Chicago) of the sample days, as ISO instants. */
const DAY = { '2019-11-02': '2019-11-02T05:00:00.000Z', '2019-11-03': '2019-11-03T05:00:00.000Z', '2019-11-04': '2019-11-04T06:00:00.000Z' };

function observation(dataSource: string, sensorName: string, day: keyof typeof DAY, data: number | null) {
  return { table: 'perfmet_obs', data_source: dataSource, sensor_name: sensorName, data_type: 'Vehicle Counts', data, expected: null, collection_date: DAY[day], timestamp_min: null, timestamp_max: null };
}

/** Runs the demo and imports the extra rows; throws when either fails. */
export function seedPerfmetReportLake(sandbox: LakeSandbox): void {
  const demo = sandbox.lake('demo');
  if (demo.status !== 0) throw new Error(`lake demo exited ${demo.status}:\n${demo.stderr}`);
  const now = new Date();
  const lines = [
    { format: 'lake-catalog-export', version: 1, exported_at: now.toISOString(), time_zone: 'America/Chicago', tables: ['perfmet_job', 'perfmet_obs'], filters: { data_source: null, repository: null } },
    // Reported on the two days before, not on 11-04.
    observation('Wavetronix', HOSTILE_SENSOR, '2019-11-02', 100),
    observation('Wavetronix', HOSTILE_SENSOR, '2019-11-03', 110),
    // 7930 and 7951 before; 0 now.
    observation('Wavetronix', 'LAMARMANCHACA', '2019-11-04', 0),
    observation('Wavetronix', 'NULL_SENSOR', '2019-11-02', 50),
    observation('Wavetronix', 'NULL_SENSOR', '2019-11-03', 52),
    observation('Wavetronix', 'NULL_SENSOR', '2019-11-04', null),
    // 5972 and 6066 before (+232 %); 673 and 676 before (−85 %).
    observation('Wavetronix', 'BURNETRUTLAND', '2019-11-04', 20000),
    observation('GRIDSMART', 'Lamar_Koenig', '2019-11-04', 100),
    // No history: nothing to compare with, so not flagged.
    { ...observation('Bluetooth', 'new_reader', '2019-11-04', 5), data_type: 'Unmatched Entries' },
    // Today's Wavetronix Ready run had failed items.
    {
      table: 'perfmet_job',
      data_source: 'Wavetronix',
      stage: 'Ready',
      seconds: 1.5,
      records: 10,
      failures: 2,
      processing_date: new Date(now.getTime() - 60_000).toISOString(),
      collection_start: DAY['2019-11-03'],
      collection_end: DAY['2019-11-04'],
    },
  ];
  const file = sandbox.path('perfmet-seed.jsonl');
  writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  const imported = sandbox.lake('catalog', 'import', file);
  if (imported.status !== 0) throw new Error(`lake catalog import exited ${imported.status}:\n${imported.stderr}`);
}
