import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LakeSandbox } from './test-support/lake-cli';

// Each test spawns `lake` a few times (each run bounded at 60 s by LakeSandbox); a slow, busy
// machine must not turn that into a failure.
jest.setTimeout(180_000);

const DAYS = ['2019-06-01', '2019-06-02', '2019-06-03'];
const RANGE = ['-s', '2019-06-01', '-e', '2019-06-04'];

interface StageJson {
  stage: string;
  items: number;
  records: number;
  failures: { label: string; date: string; code: string; message: string }[];
}

/** A folder of three days of counts files, as the example source reads them. */
function writeSourceDir(sandbox: LakeSandbox): string {
  const dir = sandbox.path('incoming');
  mkdirSync(dir, { recursive: true });
  for (const day of DAYS) writeFileSync(path.join(dir, `counts_${day}.csv`), `sensor,count\nlamar_6th,${day.slice(-1)}0\n`);
  return dir;
}

describe('lake stage commands', () => {
  let sandbox: LakeSandbox;
  let sourceDir: string;

  beforeEach(() => {
    sandbox = new LakeSandbox();
    sourceDir = writeSourceDir(sandbox);
  });

  afterEach(() => sandbox.remove());

  it('ex:insert stores each day\'s file and catalogs it', () => {
    const run = sandbox.lake('ex:insert', '-d', sourceDir, ...RANGE);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('Records processed: 3');
    for (const day of DAYS) {
      const [year, month, date] = day.split('-');
      expect(readdirSync(path.join(sandbox.home, 'atd-datalake-raw', year, month, date, 'ex'))).toEqual([`Example_ex_${day}.csv`]);
    }
    expect(sandbox.json<unknown[]>('catalog:list', '--purpose', 'raw')).toHaveLength(3);
  });

  it('-0 (simulate) stores nothing, catalogs nothing and logs no perfmet job', () => {
    const run = sandbox.lake('ex:insert', '-d', sourceDir, ...RANGE, '-0');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('Simulation mode on');
    expect(existsSync(path.join(sandbox.home, 'atd-datalake-raw'))).toBe(false);
    expect(sandbox.json<unknown[]>('catalog:list')).toEqual([]);
    expect(sandbox.json<unknown[]>('perfmet:jobs')).toEqual([]);
  });

  it('--debug stores under the debug repository names', () => {
    const run = sandbox.lake('ex:insert', '-d', sourceDir, ...RANGE, '--debug');
    expect(run.status).toBe(0);
    expect(readdirSync(path.join(sandbox.home, 'atd-datalake-raw-test', '2019', '06', '01', 'ex'))).toEqual(['Example_ex_2019-06-01.csv']);
    expect(existsSync(path.join(sandbox.home, 'atd-datalake-raw'))).toBe(false);
    const rows = sandbox.json<{ repository: string }[]>('catalog:list', '--purpose', 'raw', '--debug');
    expect(rows.map((row) => row.repository)).toEqual(['atd-datalake-raw-test', 'atd-datalake-raw-test', 'atd-datalake-raw-test']);
    expect(sandbox.json<unknown[]>('catalog:list', '--purpose', 'raw')).toEqual([]);
  });

  it('takes a stage option from sources.<code> in the config when the flag is absent', () => {
    const config = sandbox.path('lake.config.json');
    writeFileSync(config, JSON.stringify({ sources: { ex: { sourcedir: sourceDir } } }));
    const run = sandbox.lake('ex:insert', '--config', config, ...RANGE);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('Records processed: 3');
  });

  it('without -s or -r exits 2 with the original\'s message and a hint', () => {
    const run = sandbox.lake('ex:insert', '-d', sourceDir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('A last_run_date or start_date must be specified.');
    expect(run.stderr).toContain('Hint:');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(path.join(sandbox.home, 'atd-datalake-raw'))).toBe(false);
  });

  it('with --json, a usage error is a JSON error object on stdout and exit 2', () => {
    const run = sandbox.lake('ex:insert', '-d', sourceDir, '--json');
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      error: { code: 'USAGE', message: 'A last_run_date or start_date must be specified.', hint: expect.any(String), exitCode: 2 },
    });
  });

  it('with --json, an unknown flag is a short JSON error and exit 2', () => {
    const run = sandbox.lake('ex:insert', '-s', '1', '--bogus', '--json');
    expect(run.status).toBe(2);
    const printed = JSON.parse(run.stdout);
    expect(printed.error).toMatchObject({ code: 'USAGE', exitCode: 2, message: expect.stringContaining('Nonexistent flag: --bogus') });
    expect(run.stdout.length).toBeLessThan(1000);
  });

  it('an unreadable date exits 2 naming the option', () => {
    const run = sandbox.lake('ex:insert', '-d', sourceDir, '-s', 'yesterday-ish');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('-s/--start_date: cannot read "yesterday-ish" as a date');
  });

  it('an item failure is reported, exits 1 and the other items are still processed', () => {
    expect(sandbox.lake('ex:insert', '-d', sourceDir, ...RANGE).status).toBe(0);
    rmSync(path.join(sandbox.home, 'atd-datalake-raw', '2019', '06', '02', 'ex', 'Example_ex_2019-06-02.csv'));

    const run = sandbox.lake('ex:standard', ...RANGE, '--json');
    expect(run.status).toBe(1);
    const result = JSON.parse(run.stdout) as StageJson;
    expect(result).toMatchObject({ stage: 'ex:standard', items: 3, records: 2 });
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0].label).toBe('2019/06/02/ex/Example_ex_2019-06-02.csv');
    expect(new Date(result.failures[0].date).toISOString()).toBe(result.failures[0].date);
    expect(run.stderr).toContain('ERROR: 2019/06/02/ex/Example_ex_2019-06-02.csv');
    for (const day of ['01', '03']) {
      expect(readdirSync(path.join(sandbox.home, 'atd-datalake-rawjson', '2019', '06', day, 'ex'))).toEqual([`Example_ex_2019-06-${day}.json`]);
    }
    expect(existsSync(path.join(sandbox.home, 'atd-datalake-rawjson', '2019', '06', '02'))).toBe(false);
    const jobs = sandbox.json<{ stage: string; failures: number }[]>('perfmet:jobs', '--stage', 'Standardize');
    expect(jobs).toEqual([expect.objectContaining({ stage: 'Standardize', failures: 1 })]);
  });

  it('without --json prints the failed item on stderr and still exits 1', () => {
    expect(sandbox.lake('ex:insert', '-d', sourceDir, ...RANGE).status).toBe(0);
    rmSync(path.join(sandbox.home, 'atd-datalake-raw', '2019', '06', '01', 'ex', 'Example_ex_2019-06-01.csv'));
    const run = sandbox.lake('ex:standard', ...RANGE);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('ERROR: 2019/06/01/ex/Example_ex_2019-06-01.csv');
  });

  it('--json output of a clean run parses and has no failures', () => {
    const result = sandbox.json<StageJson>('ex:insert', '-d', sourceDir, ...RANGE);
    expect(result).toMatchObject({ stage: 'ex:insert', items: 3, records: 3, failures: [] });
    expect(typeof (result as unknown as { seconds: unknown }).seconds).toBe('number');
  });

  it('a missing --config file is a clear error with exit 2', () => {
    const missing = sandbox.path('nowhere', 'lake.config.json');
    const run = sandbox.lake('ex:insert', '--config', missing, ...RANGE);
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
    writeFileSync(config, JSON.stringify({ storage: { driver: 's3' } }));
    const run = sandbox.lake('ex:insert', '--config', config, '-d', sourceDir, ...RANGE);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no storage driver named "s3" is installed');
    expect(run.stderr).toContain('installed storage drivers: local');
  });

  it('lake demo checks the configured drivers before seeding anything', () => {
    const config = sandbox.path('lake.config.json');
    writeFileSync(config, JSON.stringify({ publish: { driver: 'socrata' } }));
    const run = sandbox.lake('demo', '--config', config);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Error (UNKNOWN_DRIVER): no publish driver named "socrata" is installed');
    expect(existsSync(path.join(sandbox.home, 'samples'))).toBe(false);
  });

  it('picks up ./lake.config.json from the working directory', () => {
    writeFileSync(path.join(sandbox.cwd, 'lake.config.json'), JSON.stringify({ home: sandbox.path('elsewhere') }));
    expect(sandbox.lake('ex:insert', '-d', sourceDir, ...RANGE).status).toBe(0);
    expect(existsSync(path.join(sandbox.path('elsewhere'), 'atd-datalake-raw'))).toBe(true);
    expect(existsSync(path.join(sandbox.home, 'atd-datalake-raw'))).toBe(false);
  });

  it('pipeline runs every stage in data-flow order with the same window', () => {
    const config = sandbox.path('lake.config.json');
    writeFileSync(config, JSON.stringify({ sources: { ex: { sourcedir: sourceDir } } }));
    const results = sandbox.json<StageJson[]>('pipeline', '--config', config, '--source', 'ex', ...RANGE);
    expect(results.map((result) => [result.stage, result.items, result.failures.length])).toEqual([
      ['ex:insert', 3, 0],
      ['ex:standard', 3, 0],
      ['ex:publish', 3, 0],
    ]);
  });
});
