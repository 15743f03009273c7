// `lake demo` with the shipped Bluetooth source: its sample AWAM share (3 days, 9 files) goes
// through bt:insert, bt:standard, bt:ready and bt:publish into an isolated LAKE_HOME, which the
// catalog and perfmet commands then look into.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { btPointer } from './test-support/awam-share';
import { LakeSandbox, type LakeRun } from './test-support/lake-cli';

// Each test spawns `lake` a few times (each run bounded at 60 s by LakeSandbox); a slow, busy
// machine must not turn that into a failure.
jest.setTimeout(180_000);

const PY_STR = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{6})?[+-]\d{2}:\d{2}$/;
const DAYS = ['2019-11-02', '2019-11-03', '2019-11-04'];
const BT_STAGES = ['bt:insert', 'bt:standard', 'bt:ready', 'bt:publish'];

/**
 * What the sample holds per day: the file type, its AWAM name prefix, its lines, its dataset and
 * the header of that dataset. One IAF line (line 18) is malformed on purpose: it is standardized
 * with nulls and a warning, then dropped by bt:ready because it names no reader.
 */
const SAMPLE = [
  {
    ext: 'unmatched',
    prefix: 'Austin_bt_',
    lines: 241,
    dataset: 'qnpj-zrb9',
    header: 'host_read_time,field_device_read_time,reader_identifier,device_address,record_id',
  },
  {
    ext: 'matched',
    prefix: 'Austin_btmatch_',
    lines: 90,
    dataset: 'x44q-icha',
    header:
      'device_address,origin_reader_identifier,destination_reader_identifier,travel_time_seconds,speed_miles_per_hour,match_validity,filter_identifier,start_time,end_time,day_of_week,record_id',
  },
  {
    ext: 'traf_match_summary',
    prefix: 'Austin_bt_summary_15_',
    lines: 192,
    dataset: 'v7zg-5jg9',
    header:
      'origin_reader_identifier,destination_reader_identifier,origin_roadway,origin_cross_street,origin_direction,destination_roadway,destination_cross_street,destination_direction,segment_length_miles,timestamp,average_travel_time_seconds,average_speed_mph,summary_interval_minutes,number_samples,standard_deviation,record_id',
  },
];
const MALFORMED_PER_DAY = 1;
const STANDARDIZED_RECORDS = DAYS.length * SAMPLE.reduce((sum, type) => sum + type.lines, 0); // 1569
const READY_RECORDS = STANDARDIZED_RECORDS - DAYS.length * MALFORMED_PER_DAY; // 1566

/** `06-01-2019`, the date in AWAM file names. */
function awamNameDate(day: string): string {
  const [year, month, date] = day.split('-');
  return `${month}-${date}-${year}`;
}

/** `6/1/2019 1:05:09 PM` → `2019-06-01T13:05:09`, the Socrata floating time of the same wall clock. */
function socrataTime(awam: string): string {
  const match = /^(\d+)\/(\d+)\/(\d{4}) (\d+):(\d{2}):(\d{2}) (AM|PM)$/.exec(awam);
  if (!match) throw new Error(`not a long AWAM time: ${awam}`);
  const [, month, date, year, hour12, minute, second, half] = match;
  const hour = (Number(hour12) % 12) + (half === 'PM' ? 12 : 0);
  const pad = (value: string | number) => String(value).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(date)}T${pad(hour)}:${minute}:${second}`;
}

/** The `bt:…` result lines of `lake demo`, by stage. */
function stageLines(run: LakeRun): Record<string, string> {
  const lines = run.stdout.split('\n').filter((line) => line.startsWith('bt:'));
  return Object.fromEntries(lines.map((line) => [line.split(/\s+/)[0], line]));
}

describe('lake demo', () => {
  const sandbox = new LakeSandbox();
  const samples = path.join(sandbox.home, 'samples', 'bt', 'awam');
  let first: LakeRun;
  afterAll(() => sandbox.remove());

  beforeAll(() => {
    first = sandbox.lake('demo');
  });

  /** Data rows of a published dataset (CRLF lines, as the CSV publisher writes them). */
  const published = (dataset: string) => readFileSync(path.join(sandbox.home, 'publish', `${dataset}.csv`), 'utf8').split('\r\n').filter(Boolean);

  it('runs every Bluetooth stage and says where the lake is', () => {
    expect(first.status).toBe(0);
    const lines = stageLines(first);
    expect(Object.keys(lines)).toEqual(BT_STAGES);
    expect(lines['bt:insert']).toMatch(/ok\s+items\s+9\s+records\s+9 /);
    expect(lines['bt:standard']).toMatch(new RegExp(`ok\\s+items\\s+9\\s+records\\s+${STANDARDIZED_RECORDS} `));
    expect(lines['bt:ready']).toMatch(new RegExp(`ok\\s+items\\s+9\\s+records\\s+${READY_RECORDS} `));
    expect(lines['bt:publish']).toMatch(new RegExp(`ok\\s+items\\s+9\\s+records\\s+${READY_RECORDS} `));
    expect(first.stdout).toContain(`The lake is in ${sandbox.home}`);
    // The sample's bad line is a warning in two stages, not a failure.
    expect(first.stderr).toContain('WARNING: Austin_bt_2019-11-04_unmatched.txt: 2 bad times, 1 short line (line 18: 3 of 5 fields');
    expect(first.stderr).toContain(
      'WARNING: 2019/11/04/bt/Austin_bt_2019-11-04_unmatched.json: dropped 1 of 241 records without a known reader on 2019-11-04 (no_reader 1)',
    );
  });

  it('seeds the sample AWAM share and the readers\' inventory under LAKE_HOME', () => {
    const expected = DAYS.flatMap((day) => SAMPLE.map((type) => `${type.prefix}${awamNameDate(day)}.txt`));
    expect(readdirSync(samples).sort()).toEqual(expected.sort());
    for (const day of DAYS) {
      for (const type of SAMPLE) {
        const text = readFileSync(path.join(samples, `${type.prefix}${awamNameDate(day)}.txt`), 'utf8');
        expect(text.split('\r\n').filter(Boolean)).toHaveLength(type.lines);
      }
    }
    expect(readdirSync(path.join(sandbox.home, 'samples', 'bt', 'unit-data'))).toEqual(['Austin_bt_unit_data.json']);
  });

  it('keeps everything under LAKE_HOME: the SQLite file, each layer\'s files, the published CSVs', () => {
    expect(existsSync(path.join(sandbox.home, 'lake.sqlite'))).toBe(true);
    for (const day of DAYS) {
      const [year, month, date] = day.split('-');
      const names = (ext: string) => SAMPLE.map((type) => `Austin_bt_${day}_${type.ext}.${ext}`).sort();
      expect(readdirSync(path.join(sandbox.home, 'atd-datalake-raw', year, month, date, 'bt')).sort()).toEqual(names('txt'));
      expect(readdirSync(path.join(sandbox.home, 'atd-datalake-rawjson', year, month, date, 'bt')).sort()).toEqual(names('json'));
      expect(readdirSync(path.join(sandbox.home, 'atd-datalake-ready', year, month, date, 'bt')).sort()).toEqual(names('json'));
      // The raw layer is the AWAM file byte for byte.
      for (const type of SAMPLE) {
        const raw = readFileSync(path.join(sandbox.home, 'atd-datalake-raw', btPointer(day, `${type.ext}.txt`)));
        expect(raw.equals(readFileSync(path.join(samples, `${type.prefix}${awamNameDate(day)}.txt`)))).toBe(true);
      }
    }
    // The Bluetooth datasets, and the Wavetronix and GRIDSMART ones (their samples run in the same demo).
    expect(readdirSync(path.join(sandbox.home, 'publish')).sort()).toEqual([...SAMPLE.map((type) => `${type.dataset}.csv`), 'i626-g7ub.csv', 'sh59-i6y9.csv'].sort());
    expect(existsSync(path.join(sandbox.cwd, 'lake-data'))).toBe(false);
  });

  it('runs the GRIDSMART stages in order on the sample archives, the newest drifting days waiting for their next day', () => {
    const lines = first.stdout.split('\n').filter((line) => line.startsWith('gs:')).map((line) => line.split(/\s+/).slice(0, 2).join(' '));
    expect(lines).toEqual(['gs:insert ok', 'gs:standard ok', 'gs:ready ok', 'gs:ready-agg ok', 'gs:publish ok']);
    expect(first.stderr).toContain("Burnet_Richcreek 2019-11-04: waits for the next day's data");
    expect(published('sh59-i6y9').length).toBeGreaterThan(1000);
  });

  it('publishes every well-formed record once, to its dataset, under the original\'s record ids', () => {
    for (const type of SAMPLE) {
      const [header, ...rows] = published(type.dataset);
      expect(header).toBe(type.header);
      const wellFormed = type.lines - (type.ext === 'unmatched' ? MALFORMED_PER_DAY : 0);
      expect(rows).toHaveLength(DAYS.length * wellFormed);
      const ids = rows.map((row) => row.slice(row.lastIndexOf(',') + 1));
      expect(new Set(ids).size).toBe(rows.length);
    }

    // The IAF rows are the sample's lines, times as Socrata floating times; record_id is the MD5
    // of host_read_time, reader_identifier and device_address, as the original computed it.
    const iafRows = published('qnpj-zrb9').slice(1).map((row) => row.split(','));
    for (const [host, , reader, address, id] of iafRows) {
      expect(id).toBe(createHash('md5').update(`${host}${reader}${address}`).digest('hex'));
    }
    const sampleLines = DAYS.flatMap((day) => readFileSync(path.join(samples, `Austin_bt_${awamNameDate(day)}.txt`), 'utf8').split('\r\n'))
      .map((line) => line.split(','))
      .filter((fields) => fields.length === 5)
      .map(([host, , field, reader]) => [socrataTime(host), socrataTime(field), reader].join(','));
    expect(iafRows.map((row) => row.slice(0, 3).join(',')).sort()).toEqual(sampleLines.sort());
  });

  it('lists the raw catalog rows as JSON with the original\'s timestamp text', () => {
    const rows = sandbox.json<Record<string, string | null>[]>('catalog:list', '--source', 'bt', '--purpose', 'raw');
    expect(rows.map((row) => [row.collection_date, row.id_ext, row.pointer])).toEqual(
      DAYS.flatMap((day) =>
        // After the fall-back day midnight is standard time.
        ['matched.txt', 'traf_match_summary.txt', 'unmatched.txt'].map((ext) => [`${day} 00:00:00${day === '2019-11-04' ? '-06:00' : '-05:00'}`, ext, btPointer(day, ext)]),
      ),
    );
    for (const row of rows) {
      expect(row).toMatchObject({ repository: 'atd-datalake-raw', data_source: 'bt', id_base: 'Austin', collection_end: null });
      expect(row.processing_date).toMatch(PY_STR);
    }
  });

  it('filters catalog rows by date and prints a count without --json', () => {
    const run = sandbox.lake('catalog', 'list', '--source', 'bt', '--purpose', 'standardized', '-s', '2019-11-03', '-e', '2019-11-04');
    expect(run.status).toBe(0);
    for (const ext of ['matched.json', 'traf_match_summary.json', 'unmatched.json']) {
      expect(run.stdout).toContain(`2019-11-03 00:00:00-05:00  atd-datalake-rawjson  bt  Austin  ${ext}  ${btPointer('2019-11-03', ext)}`);
    }
    expect(run.stdout).toContain('3 row(s)');
  });

  it('stores the sample inventory, fetched through the file driver, as unit data beside the standardized files', () => {
    const rows = sandbox.json<Record<string, string | null>[]>('catalog:list', '--source', 'bt', '--purpose', 'standardized', '--ext', 'unit_data.json');
    expect(rows).toEqual([expect.objectContaining({ repository: 'atd-datalake-rawjson', id_base: 'Austin', id_ext: 'unit_data.json' })]);
    const stored = JSON.parse(readFileSync(path.join(sandbox.home, 'atd-datalake-rawjson', rows[0].pointer as string), 'utf8'));
    expect(stored.header.data_type).toBe('bt_unit_data');
    expect(stored.devices.map((device: { device_name: string }) => device.device_name)).toEqual(['lamar_6th', 'lamar_mlk', 'congress_5th', 'congress_riverside']);
  });

  it('lists the perfmet jobs of the run', () => {
    const jobs = sandbox.json<Record<string, unknown>[]>('perfmet:jobs', '--source', 'bt');
    expect(jobs.map((job) => job.stage).sort()).toEqual(['Ingest', 'Publish', 'Ready', 'Standardize']);
    for (const job of jobs) {
      // Perfmet names the source the way the original's dashboards did.
      expect(job).toMatchObject({ data_source: 'Bluetooth', failures: 0, collection_start: '2019-11-02 00:00:00-05:00', collection_end: '2019-11-05 00:00:00-06:00' });
      expect(job.processing_date).toMatch(PY_STR);
    }
    const records = Object.fromEntries(jobs.map((job) => [job.stage, job.records]));
    expect(records).toEqual({ Ingest: 9, Standardize: STANDARDIZED_RECORDS, Ready: READY_RECORDS, Publish: READY_RECORDS });
    expect(sandbox.json<unknown[]>('perfmet', 'jobs', '--source', 'bt', '--stage', 'Ingest')).toHaveLength(1);
    // --source takes the perfmet name as well as the code.
    expect(sandbox.json<unknown[]>('perfmet:jobs', '--source', 'Bluetooth')).toEqual(jobs);
  });

  it('processes nothing the second time and publishes no row twice', () => {
    const before = SAMPLE.map((type) => published(type.dataset));
    const second = sandbox.lake('demo');
    expect(second.status).toBe(0);
    const lines = stageLines(second);
    for (const stage of BT_STAGES) expect(lines[stage]).toMatch(/ok\s+items\s+0\s+records\s+0 /);
    expect(SAMPLE.map((type) => published(type.dataset))).toEqual(before);
    expect(sandbox.json<unknown[]>('catalog:list', '--source', 'bt', '--purpose', 'raw')).toHaveLength(9);
  });

  it('with --json returns the home and one result per stage', () => {
    const demo = sandbox.json<{ home: string; results: { stage: string; items: number; failures: unknown[] }[] }>('demo');
    expect(demo.home).toBe(sandbox.home);
    expect(demo.results.filter((result) => result.stage.startsWith('bt:'))).toEqual(
      BT_STAGES.map((stage) => expect.objectContaining({ stage, items: 0, failures: [] })),
    );
  });
});
