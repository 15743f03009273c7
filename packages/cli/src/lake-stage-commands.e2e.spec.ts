// A stage command from the command line: flags, config, errors and exit codes, shown with the
// shipped Bluetooth stages on a tiny AWAM share (one line per file, three files a day).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AWAM_DAYS, AWAM_RANGE, RAW_EXTS, btPointer, writeAwamShare, writeUnitData } from './test-support/awam-share';
import { LakeSandbox } from './test-support/lake-cli';

// Each test spawns `lake` a few times (each run bounded at 60 s by LakeSandbox); a slow, busy
// machine must not turn that into a failure.
jest.setTimeout(180_000);

const RANGE = AWAM_RANGE;

interface StageJson {
  stage: string;
  items: number;
  records: number;
  failures: { label: string; date: string; code: string; message: string }[];
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

describe('lake stage commands', () => {
  let sandbox: LakeSandbox;
  let sourceDir: string;

  beforeEach(() => {
    sandbox = new LakeSandbox();
    sourceDir = writeAwamShare(sandbox.path('awam'));
  });

  afterEach(() => sandbox.remove());

  /** The embedded default reads unit data from <LAKE_HOME>/unit-data (core `file` driver). */
  const writeDefaultUnitData = () => writeUnitData(path.join(sandbox.home, 'unit-data'));

  it('bt:insert stores each day\'s three AWAM files and catalogs them', () => {
    const run = sandbox.lake('bt:insert', '-d', sourceDir, ...RANGE);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('Records processed: 9');
    for (const day of AWAM_DAYS) {
      const [year, month, date] = day.split('-');
      expect(readdirSync(path.join(sandbox.home, 'atd-datalake-raw', year, month, date, 'bt')).sort()).toEqual(
        RAW_EXTS.map((ext) => `Austin_bt_${day}_${ext}`).sort(),
      );
    }
    expect(sandbox.json<unknown[]>('catalog:list', '--purpose', 'raw')).toHaveLength(9);
  });

  it('runs the same stage under its space-separated name', () => {
    const result = sandbox.json<StageJson>('bt', 'insert', '-d', sourceDir, ...RANGE);
    expect(result).toMatchObject({ stage: 'bt:insert', items: 9, records: 9, failures: [] });
  });

  it('-0 (simulate) stores nothing, catalogs nothing and logs no perfmet job', () => {
    const run = sandbox.lake('bt:insert', '-d', sourceDir, ...RANGE, '-0');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('Simulation mode on');
    expect(existsSync(path.join(sandbox.home, 'atd-datalake-raw'))).toBe(false);
    expect(sandbox.json<unknown[]>('catalog:list')).toEqual([]);
    expect(sandbox.json<unknown[]>('perfmet:jobs')).toEqual([]);
  });

  it('--debug stores under the debug repository names', () => {
    const run = sandbox.lake('bt:insert', '-d', sourceDir, ...RANGE, '--debug');
    expect(run.status).toBe(0);
    expect(readdirSync(path.join(sandbox.home, 'atd-datalake-raw-test', '2019', '06', '01', 'bt')).sort()).toEqual(
      RAW_EXTS.map((ext) => `Austin_bt_2019-06-01_${ext}`).sort(),
    );
    expect(existsSync(path.join(sandbox.home, 'atd-datalake-raw'))).toBe(false);
    const rows = sandbox.json<{ repository: string }[]>('catalog:list', '--purpose', 'raw', '--debug');
    expect(rows.map((row) => row.repository)).toEqual(Array(9).fill('atd-datalake-raw-test'));
    expect(sandbox.json<unknown[]>('catalog:list', '--purpose', 'raw')).toEqual([]);
  });

  it('takes a stage option from sources.<code> in the config when the flag is absent', () => {
    const config = sandbox.path('lake.config.json');
    writeFileSync(config, JSON.stringify({ sources: { bt: { sourcedir: sourceDir } } }));
    const run = sandbox.lake('bt:insert', '--config', config, ...RANGE);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('Records processed: 9');
  });

  it('without -s or -r exits 2 with the original\'s message and a hint', () => {
    const run = sandbox.lake('bt:insert', '-d', sourceDir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('A last_run_date or start_date must be specified.');
    expect(run.stderr).toContain('Hint:');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(path.join(sandbox.home, 'atd-datalake-raw'))).toBe(false);
  });

  it('with --json, a usage error is a JSON error object on stdout and exit 2', () => {
    const run = sandbox.lake('bt:insert', '-d', sourceDir, '--json');
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      error: { code: 'USAGE', message: 'A last_run_date or start_date must be specified.', hint: expect.any(String), exitCode: 2 },
    });
  });

  it('with --json, an unknown flag is a short JSON error and exit 2', () => {
    const run = sandbox.lake('bt:insert', '-s', '1', '--bogus', '--json');
    expect(run.status).toBe(2);
    const printed = JSON.parse(run.stdout);
    expect(printed.error).toMatchObject({ code: 'USAGE', exitCode: 2, message: expect.stringContaining('Nonexistent flag: --bogus') });
    expect(run.stdout.length).toBeLessThan(1000);
  });

  it('an unreadable date exits 2 naming the option', () => {
    const run = sandbox.lake('bt:insert', '-d', sourceDir, '-s', 'yesterday-ish');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('-s/--start_date: cannot read "yesterday-ish" as a date');
  });

  it('an item failure is reported, exits 1 and the other items are still processed', () => {
    writeDefaultUnitData();
    expect(sandbox.lake('bt:insert', '-d', sourceDir, ...RANGE).status).toBe(0);
    const missing = btPointer('2019-06-02', 'matched.txt');
    rmSync(path.join(sandbox.home, 'atd-datalake-raw', missing));

    const run = sandbox.lake('bt:standard', ...RANGE, '--json');
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout) as StageJson;
    expect(result).toMatchObject({ stage: 'bt:standard', items: 9, records: 8 });
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0].label).toBe(missing);
    expect(new Date(result.failures[0].date).toISOString()).toBe(result.failures[0].date);
    expect(run.stderr).toContain(`ERROR: ${missing}`);
    const standardized = (day: string) => readdirSync(path.join(sandbox.home, 'atd-datalake-rawjson', ...day.split('-'), 'bt')).sort();
    for (const day of ['2019-06-01', '2019-06-03']) {
      expect(standardized(day)).toEqual(['matched', 'traf_match_summary', 'unmatched'].map((type) => `Austin_bt_${day}_${type}.json`));
    }
    expect(standardized('2019-06-02')).toEqual(['Austin_bt_2019-06-02_traf_match_summary.json', 'Austin_bt_2019-06-02_unmatched.json']);
    const jobs = sandbox.json<{ stage: string; failures: number }[]>('perfmet:jobs', '--stage', 'Standardize');
    expect(jobs).toEqual([expect.objectContaining({ stage: 'Standardize', failures: 1 })]);
  });

  it('without --json prints the failed item on stderr and still exits 1', () => {
    writeDefaultUnitData();
    expect(sandbox.lake('bt:insert', '-d', sourceDir, ...RANGE).status).toBe(0);
    const missing = btPointer('2019-06-01', 'unmatched.txt');
    rmSync(path.join(sandbox.home, 'atd-datalake-raw', missing));
    const run = sandbox.lake('bt:standard', ...RANGE);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`ERROR: ${missing}`);
  });

  it('--json output of a clean run parses and has no failures', () => {
    const result = sandbox.json<StageJson>('bt:insert', '-d', sourceDir, ...RANGE);
    expect(result).toMatchObject({ stage: 'bt:insert', items: 9, records: 9, failures: [] });
    expect(typeof (result as unknown as { seconds: unknown }).seconds).toBe('number');
  });

  it('a missing --config file is a clear error with exit 2', () => {
    const missing = sandbox.path('nowhere', 'lake.config.json');
    const run = sandbox.lake('bt:insert', '--config', missing, ...RANGE);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`Error (CONFIG): config file ${missing} does not exist`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a config that is not JSON is a clear error with exit 2', () => {
    const config = sandbox.path('broken.json');
    writeFileSync(config, '{ "storage": ');
    const run = sandbox.lake('catalog:list', '--config', config);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`Error (CONFIG): cannot read config ${config}`);
  });

  it('a config naming a driver nobody installed exits 2 and lists the installed ones', () => {
    const config = sandbox.path('lake.config.json');
    writeFileSync(config, JSON.stringify({ storage: { driver: 'ftp' } }));
    const run = sandbox.lake('bt:insert', '--config', config, '-d', sourceDir, ...RANGE);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no storage driver named "ftp" is installed');
    expect(run.stderr).toContain('installed storage drivers: local, s3');
    expect(existsSync(path.join(sandbox.home, 'atd-datalake-raw'))).toBe(false);
  });

  it('lake demo checks the configured drivers before seeding anything', () => {
    const config = sandbox.path('lake.config.json');
    writeFileSync(config, JSON.stringify({ publish: { driver: 'carrier-pigeon' } }));
    const run = sandbox.lake('demo', '--config', config);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Error (UNKNOWN_DRIVER): no publish driver named "carrier-pigeon" is installed');
    expect(existsSync(path.join(sandbox.home, 'samples'))).toBe(false);
  });

  it('picks up ./lake.config.json from the working directory', () => {
    writeFileSync(path.join(sandbox.cwd, 'lake.config.json'), JSON.stringify({ home: sandbox.path('elsewhere') }));
    expect(sandbox.lake('bt:insert', '-d', sourceDir, ...RANGE).status).toBe(0);
    expect(existsSync(path.join(sandbox.path('elsewhere'), 'atd-datalake-raw', btPointer('2019-06-01', 'unmatched.txt')))).toBe(true);
    expect(existsSync(path.join(sandbox.home, 'atd-datalake-raw'))).toBe(false);
  });

  it('pipeline runs every stage in data-flow order with the same window, through to the published rows', () => {
    const config = sandbox.path('lake.config.json');
    const unitData = writeUnitData(sandbox.path('inventory'));
    writeFileSync(config, JSON.stringify({ sources: { bt: { sourcedir: sourceDir } }, unitData: { bt: { driver: 'file', path: unitData } } }));
    const results = sandbox.json<StageJson[]>('pipeline', '--config', config, '--source', 'bt', ...RANGE);
    expect(results.map((result) => [result.stage, result.items, result.records, result.failures.length])).toEqual([
      ['bt:insert', 9, 9, 0],
      ['bt:standard', 9, 9, 0],
      ['bt:ready', 9, 9, 0],
      ['bt:publish', 9, 9, 0],
    ]);
    // The one IAF line of each day, as a Socrata row; the day's first (only) device is number 1.
    const iaf = readFileSync(path.join(sandbox.home, 'publish', 'qnpj-zrb9.csv'), 'utf8').split('\r\n').filter(Boolean);
    expect(iaf).toEqual([
      'host_read_time,field_device_read_time,reader_identifier,device_address,record_id',
      ...AWAM_DAYS.map((day) => `${day}T08:00:05,${day}T08:00:03,lamar_6th,1,${md5(`${day}T08:00:05lamar_6th1`)}`),
    ]);
    for (const dataset of ['x44q-icha', 'v7zg-5jg9']) {
      const rows = readFileSync(path.join(sandbox.home, 'publish', `${dataset}.csv`), 'utf8').split('\r\n').filter(Boolean);
      expect(rows).toHaveLength(1 + AWAM_DAYS.length);
    }
  });
});
