import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { LakeSandbox, type LakeRun } from './test-support/lake-cli';

// Each test spawns `lake` a few times (each run bounded at 60 s by LakeSandbox); a slow, busy
// machine must not turn that into a failure.
jest.setTimeout(180_000);

const PY_STR = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{6})?[+-]\d{2}:\d{2}$/;

/** The rows the example plugin's samples publish (the malformed line of June 3 is skipped). */
const EXPECTED_ROWS = [
  ['lamar_6th', '2019-06-01', '120'],
  ['congress_5th', '2019-06-01', '80'],
  ['lamar_6th', '2019-06-02', '131'],
  ['congress_5th', '2019-06-02', '77'],
  ['lamar_6th', '2019-06-03', '118'],
  ['burnet_koenig', '2019-06-03', '42'],
].map(([sensor, day, count]) => [createHash('md5').update(`${sensor}${day}`).digest('hex'), sensor, day, count].join(','));

/** The `ex:…` result lines of `lake demo`, by stage. */
function stageLines(run: LakeRun): Record<string, string> {
  const lines = run.stdout.split('\n').filter((line) => line.startsWith('ex:'));
  return Object.fromEntries(lines.map((line) => [line.split(/\s+/)[0], line]));
}

describe('lake (help)', () => {
  const sandbox = new LakeSandbox();
  afterAll(() => sandbox.remove());

  it('lists the host\'s, the example plugin\'s and plugin-plugins\' topics', () => {
    const run = sandbox.lake('--help');
    expect(run.status).toBe(0);
    const topics = run.stdout.split('COMMANDS')[0];
    for (const topic of ['catalog', 'perfmet', 'ex', 'plugins']) expect(topics).toMatch(new RegExp(`^  ${topic} `, 'm'));
    expect(run.stdout).toMatch(/^ {2}demo /m);
    expect(run.stdout).toMatch(/^ {2}pipeline /m);
  });

  it('shows a stage command\'s own option beside the common flags', () => {
    const run = sandbox.lake('ex:insert', '--help');
    expect(run.status).toBe(0);
    for (const flag of ['-d, --sourcedir', '-s, --start_date', '-e, --end_date', '-r, --last_run_date', '-F, --force', '--simulate', '--debug', '--config', '--json']) {
      expect(run.stdout).toContain(flag);
    }
  });
});

describe('lake demo', () => {
  const sandbox = new LakeSandbox();
  let first: LakeRun;
  afterAll(() => sandbox.remove());

  beforeAll(() => {
    first = sandbox.lake('demo');
  });

  it('runs every example stage and says where the lake is', () => {
    expect(first.status).toBe(0);
    const lines = stageLines(first);
    expect(Object.keys(lines).sort()).toEqual(['ex:insert', 'ex:publish', 'ex:standard']);
    expect(lines['ex:insert']).toMatch(/ok\s+items\s+3\s+records\s+3 /);
    expect(lines['ex:standard']).toMatch(/ok\s+items\s+3\s+records\s+6 /);
    expect(lines['ex:publish']).toMatch(/ok\s+items\s+3\s+records\s+6 /);
    expect(first.stdout).toContain(`The lake is in ${sandbox.home}`);
    // The sample's bad line is a warning, not a failure.
    expect(first.stderr).toContain('WARNING: Example_ex_2019-06-03.csv line 3: expected "sensor,count", got "congress_5th,not-a-number"');
  });

  it('keeps everything under LAKE_HOME: the SQLite file, raw and standardized files, published CSV', () => {
    expect(existsSync(path.join(sandbox.home, 'lake.sqlite'))).toBe(true);
    for (const day of ['01', '02', '03']) {
      expect(readdirSync(path.join(sandbox.home, 'atd-datalake-raw', '2019', '06', day, 'ex'))).toEqual([`Example_ex_2019-06-${day}.csv`]);
      expect(readdirSync(path.join(sandbox.home, 'atd-datalake-rawjson', '2019', '06', day, 'ex'))).toEqual([`Example_ex_2019-06-${day}.json`]);
    }
    expect(readFileSync(path.join(sandbox.home, 'atd-datalake-raw', '2019', '06', '01', 'ex', 'Example_ex_2019-06-01.csv'), 'utf8')).toBe(
      'sensor,count\nlamar_6th,120\ncongress_5th,80\n',
    );
    const csv = readFileSync(path.join(sandbox.home, 'publish', 'example-counts.csv'), 'utf8').split('\r\n').filter(Boolean);
    expect(csv).toEqual(['row_id,sensor,day,count', ...EXPECTED_ROWS]);
    expect(existsSync(path.join(sandbox.cwd, 'lake-data'))).toBe(false);
  });

  it('lists the raw catalog rows as JSON with the original\'s timestamp text', () => {
    const rows = sandbox.json<Record<string, string | null>[]>('catalog:list', '--source', 'ex', '--purpose', 'raw');
    expect(rows).toHaveLength(3);
    expect(rows.map((row) => row.collection_date)).toEqual(['2019-06-01 00:00:00-05:00', '2019-06-02 00:00:00-05:00', '2019-06-03 00:00:00-05:00']);
    for (const row of rows) {
      expect(row).toMatchObject({ repository: 'atd-datalake-raw', data_source: 'ex', id_base: 'Example', id_ext: 'csv', collection_end: null });
      expect(row.processing_date).toMatch(PY_STR);
    }
    expect(rows[0].pointer).toBe('2019/06/01/ex/Example_ex_2019-06-01.csv');
  });

  it('filters catalog rows by date and prints a count without --json', () => {
    const run = sandbox.lake('catalog:list', '--source', 'ex', '--purpose', 'standardized', '-s', '2019-06-02', '-e', '2019-06-03');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('2019-06-02 00:00:00-05:00  atd-datalake-rawjson  ex  Example  json  2019/06/02/ex/Example_ex_2019-06-02.json');
    expect(run.stdout).toContain('1 row(s)');
  });

  it('lists the perfmet jobs of the run', () => {
    const jobs = sandbox.json<Record<string, unknown>[]>('perfmet:jobs', '--source', 'ex');
    expect(jobs.map((job) => job.stage).sort()).toEqual(['Ingest', 'Publish', 'Standardize']);
    for (const job of jobs) {
      expect(job).toMatchObject({ data_source: 'ex', failures: 0, collection_start: '2019-06-01 00:00:00-05:00', collection_end: '2019-06-04 00:00:00-05:00' });
      expect(job.processing_date).toMatch(PY_STR);
    }
    expect(jobs.find((job) => job.stage === 'Publish')).toMatchObject({ records: 6 });
    expect(sandbox.json<unknown[]>('perfmet:jobs', '--source', 'ex', '--stage', 'Ingest')).toHaveLength(1);
  });

  it('processes nothing the second time and publishes no row twice', () => {
    const second = sandbox.lake('demo');
    expect(second.status).toBe(0);
    const lines = stageLines(second);
    for (const stage of ['ex:insert', 'ex:standard', 'ex:publish']) expect(lines[stage]).toMatch(/ok\s+items\s+0\s+records\s+0 /);
    const csv = readFileSync(path.join(sandbox.home, 'publish', 'example-counts.csv'), 'utf8').split('\r\n').filter(Boolean);
    expect(csv).toEqual(['row_id,sensor,day,count', ...EXPECTED_ROWS]);
    expect(sandbox.json<unknown[]>('catalog:list', '--source', 'ex', '--purpose', 'raw')).toHaveLength(3);
  });

  it('with --json returns the home and one result per stage', () => {
    const demo = sandbox.json<{ home: string; results: { stage: string; items: number; failures: unknown[] }[] }>('demo');
    expect(demo.home).toBe(sandbox.home);
    expect(demo.results.filter((result) => result.stage.startsWith('ex:'))).toEqual([
      expect.objectContaining({ stage: 'ex:insert', items: 0, failures: [] }),
      expect.objectContaining({ stage: 'ex:standard', items: 0, failures: [] }),
      expect.objectContaining({ stage: 'ex:publish', items: 0, failures: [] }),
    ]);
  });
});
