// A third party's view: scaffold a plugin in a temp folder OUTSIDE the monorepo, install its
// @lake dependencies from `npm pack` tarballs of this workspace (everything else offline from the
// npm cache), build it with its own tsc, `lake plugins link` it into the workspace's host (XDG
// folders isolated) and run its stages. Then the two ways a plugin can be wrong: built for
// another core, or clashing with a first-party plugin.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CORE_VERSION } from '@lake/core';
import { plain, run, runOk } from './test-support/bounded-run';
import { LakeSandbox, topicsOf } from './test-support/lake-sandbox';
import { WORKSPACE_ROOT, cleanNpmEnv, installOffline, packPackages } from './test-support/offline-npm';

// npm install (~10 s), tsc and a dozen `lake` runs; a busy machine must not turn that into a failure.
jest.setTimeout(300_000);

const GENERATOR = path.resolve(__dirname, '..', 'bin', 'create-lake-plugin.js');
const CLASH_FIXTURE = path.resolve(__dirname, '..', 'test-fixtures', 'clash-plugin');
const WINDOW = ['-s', '2019-06-01', '-e', '2019-06-04'];

const DAYS: Record<string, string[]> = {
  '2019-06-01': ['lamar_6th,2019-06-01 07:00:00,12', 'congress_5th,2019-06-01 07:30:00,5'],
  '2019-06-02': ['lamar_6th,2019-06-02 07:00:00,15'],
  '2019-06-03': ['lamar_6th,2019-06-03 07:00:00,11', 'congress_5th,2019-06-03 07:30:00,oops', 'congress_5th,2019-06-03 09:00:00,3'],
};

function seed(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [day, lines] of Object.entries(DAYS)) writeFileSync(path.join(dir, `dm_${day}.csv`), ['device_id,timestamp,count', ...lines, ''].join('\n'));
}

function scaffold(work: string, source: string, name: string): string {
  const dir = path.join(work, `lake-source-${source}`);
  runOk(process.execPath, [GENERATOR, dir, '--source', source, '--name', name], { cwd: work });
  return dir;
}

function build(pluginDir: string): void {
  runOk('npm', ['run', 'build'], { cwd: pluginDir, env: cleanNpmEnv(), timeoutMs: 120_000 });
}

let work: string;
let pluginDir: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'lake-third-party-'));
  if (!path.relative(WORKSPACE_ROOT, work).startsWith('..')) throw new Error(`${work} is inside the workspace; the test needs a folder outside it`);
  const tarballs = packPackages([path.join(WORKSPACE_ROOT, 'packages', 'core'), path.join(WORKSPACE_ROOT, 'packages', 'command')], path.join(work, 'tarballs'));
  pluginDir = scaffold(work, 'dm', '@city/lake-source-dm');
  installOffline(pluginDir, tarballs);
  build(pluginDir);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a plugin scaffolded outside the workspace', () => {
  // Created in beforeAll, so a describe that a -t filter skips leaves no folder behind.
  let sandbox: LakeSandbox;
  afterAll(() => sandbox?.remove());

  beforeAll(() => {
    sandbox = new LakeSandbox();
    const link = sandbox.lake('plugins', 'link', pluginDir, '--no-install');
    if (link.status !== 0) throw new Error(`plugins link failed:\n${link.stdout}\n${link.stderr}`);
  });

  it('builds to dist/ with its own toolchain, and its generated tests pass there', () => {
    for (const file of ['index.js', 'index.d.ts', 'plugin.js', 'hooks/init.js', 'commands/dm/insert.js', 'commands/dm/standard.js']) {
      expect(existsSync(path.join(pluginDir, 'dist', file))).toBe(true);
    }
    expect(existsSync(path.join(pluginDir, 'dist', 'stages', 'dm-stages.spec.js'))).toBe(false);
    const tests = run('npm', ['test', '--', '--ci'], { cwd: pluginDir, env: cleanNpmEnv(), timeoutMs: 120_000 });
    expect(plain(`${tests.stdout}${tests.stderr}`)).toMatch(/Tests:\s+9 passed, 9 total/);
    expect(tests.status).toBe(0);
  });

  it('has its own copy of @lake/core and @lake/command, installed from the packed tarballs', () => {
    for (const name of ['core', 'command']) {
      const installed = realpathSync(path.join(pluginDir, 'node_modules', '@lake', name));
      expect(installed.startsWith(realpathSync(pluginDir))).toBe(true);
      expect(existsSync(path.join(installed, 'src'))).toBe(false);
    }
    expect(JSON.parse(readFileSync(path.join(pluginDir, 'node_modules', '@lake', 'core', 'package.json'), 'utf8')).version).toBe(CORE_VERSION);
    const manifest = JSON.parse(readFileSync(path.join(pluginDir, 'package.json'), 'utf8'));
    expect(manifest.dependencies['@lake/core']).toMatch(/^file:.*lake-core-.*\.tgz$/);
  });

  it('is listed as linked and shows its topic and stage flags in help', () => {
    expect(sandbox.lake('plugins').stdout).toContain(`@city/lake-source-dm 0.1.0 (link) ${pluginDir}`);
    const help = sandbox.lake('--help');
    expect(help.status).toBe(0);
    expect(topicsOf(help.stdout)).toEqual(expect.arrayContaining(['dm', 'bt', 'catalog', 'perfmet', 'plugins']));
    expect(help.stdout).toMatch(/^ {2}dm +dm readings: daily CSV files → raw → standardized$/m);
    const insertHelp = sandbox.lake('dm', 'insert', '--help');
    expect(insertHelp.stdout).toContain("Store each day's dm CSV file from a folder in the raw repository");
    expect(insertHelp.stdout).toContain('-d, --sourcedir=<value>');
    expect(insertHelp.stdout).toContain('-F, --force');
  });

  it('runs its stages through the compare loop into the embedded default, once', () => {
    const incoming = sandbox.path('incoming');
    seed(incoming);
    expect(sandbox.json('dm', 'insert', '-d', incoming, ...WINDOW)).toMatchObject({ stage: 'dm:insert', items: 3, records: 3, failures: [] });
    expect(sandbox.json('dm', 'standard', ...WINDOW)).toMatchObject({ stage: 'dm:standard', items: 3, records: 5, failures: [] });
    // The compare loop: both repositories hold every day now.
    expect(sandbox.json('dm', 'insert', '-d', incoming, ...WINDOW)).toMatchObject({ items: 0 });
    expect(sandbox.json('dm', 'standard', ...WINDOW)).toMatchObject({ items: 0 });

    const raw = path.join(sandbox.home, 'atd-datalake-raw', '2019', '06', '03', 'dm', 'Austin_dm_2019-06-03.csv');
    expect(readFileSync(raw, 'utf8')).toBe(readFileSync(path.join(incoming, 'dm_2019-06-03.csv'), 'utf8'));
    const standardized = JSON.parse(readFileSync(path.join(sandbox.home, 'atd-datalake-rawjson', '2019', '06', '03', 'dm', 'Austin_dm_2019-06-03.json'), 'utf8'));
    expect(standardized.header).toMatchObject({ data_type: 'dm', origin_filename: 'Austin_dm_2019-06-03.csv', rows_skipped: 1 });
    expect(standardized.data).toEqual([
      { device_id: 'lamar_6th', timestamp: '2019-06-03 07:00:00-05:00', count: 11 },
      { device_id: 'congress_5th', timestamp: '2019-06-03 09:00:00-05:00', count: 3 },
    ]);
  });

  it('shows its rows in `lake catalog list` and its runs in `lake perfmet jobs`', () => {
    const rows = sandbox.json<{ repository: string; pointer: string; data_source: string }[]>('catalog', 'list', '--source', 'dm');
    expect(rows.map((row) => `${row.repository}/${row.pointer}`).sort()).toEqual([
      'atd-datalake-raw/2019/06/01/dm/Austin_dm_2019-06-01.csv',
      'atd-datalake-raw/2019/06/02/dm/Austin_dm_2019-06-02.csv',
      'atd-datalake-raw/2019/06/03/dm/Austin_dm_2019-06-03.csv',
      'atd-datalake-rawjson/2019/06/01/dm/Austin_dm_2019-06-01.json',
      'atd-datalake-rawjson/2019/06/02/dm/Austin_dm_2019-06-02.json',
      'atd-datalake-rawjson/2019/06/03/dm/Austin_dm_2019-06-03.json',
    ]);
    const jobs = sandbox.json<{ data_source: string; stage: string; records: number }[]>('perfmet', 'jobs');
    expect(jobs.filter((job) => job.data_source === 'dm' && job.records > 0).map((job) => [job.stage, job.records])).toEqual(
      expect.arrayContaining([
        ['Ingest', 3],
        ['Standardize', 5],
      ]),
    );
  });

  // The plugin has its own copy of @lake/core: the host's errors must still be recognised.
  it('shows an error from the host\'s registry as lake does: code, hint, exit 2', () => {
    const config = sandbox.path('unknown-driver.config.json');
    writeFileSync(config, JSON.stringify({ storage: { driver: 'nope' } }));
    const run = sandbox.lake('dm', 'insert', '--config', config, ...WINDOW);
    expect(run.stderr).toContain('Error (UNKNOWN_DRIVER): no storage driver named "nope" is installed');
    expect(run.stderr).toContain('Hint: installed storage drivers:');
    expect(run.status).toBe(2);
  });

  it('takes sourcedir from sources.dm in the config, and `lake pipeline --source dm` runs both stages in order', () => {
    const incoming = sandbox.path('configured-incoming');
    seed(incoming);
    const config = sandbox.path('dm.config.json');
    writeFileSync(config, JSON.stringify({ home: sandbox.path('pipeline-home'), sources: { dm: { sourcedir: incoming } } }));
    const results = sandbox.json<{ stage: string; items: number }[]>('pipeline', '--config', config, '--source', 'dm', ...WINDOW);
    expect(results.map((result) => [result.stage, result.items])).toEqual([
      ['dm:insert', 3],
      ['dm:standard', 3],
    ]);
  });
});

describe('a plugin built for another core', () => {
  // Created in beforeAll, so a describe that a -t filter skips leaves no folder behind.
  let sandbox: LakeSandbox;
  let oldDir: string;
  afterAll(() => sandbox?.remove());

  beforeAll(() => {
    sandbox = new LakeSandbox();
    oldDir = scaffold(work, 'dx', '@city/lake-source-dx');
    // Same dependencies as the first plugin: share its node_modules instead of installing again.
    symlinkSync(path.join(pluginDir, 'node_modules'), path.join(oldDir, 'node_modules'), 'dir');
    const pluginFile = path.join(oldDir, 'src', 'plugin.ts');
    writeFileSync(pluginFile, readFileSync(pluginFile, 'utf8').replace(/coreRange: '[^']*'/, "coreRange: '^9.0.0'"));
    build(oldDir);
    const link = sandbox.lake('plugins', 'link', oldDir, '--no-install');
    if (link.status !== 0) throw new Error(`plugins link failed:\n${link.stdout}\n${link.stderr}`);
  });

  // This plugin has its own copy of @lake/core: the host's refusal must still be recognised.
  it('is refused on start with a message naming the plugin and both versions; the host still works', () => {
    const listing = sandbox.lake('catalog', 'list', '--json');
    expect(listing.status).toBe(0);
    expect(JSON.parse(listing.stdout)).toEqual([]);
    expect(listing.text).toContain(`Warning: plugin @city/lake-source-dx supports @lake/core ^9.0.0, but this host runs @lake/core ${CORE_VERSION}`);
    expect(listing.text).toContain(`Hint: install a version of @city/lake-source-dx built for @lake/core ${CORE_VERSION}`);
  });

  it('its commands exit 2 with the same message and write nothing', () => {
    const incoming = sandbox.path('incoming');
    seed(incoming);
    const refused = sandbox.lake('dx', 'insert', '-d', incoming, ...WINDOW);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`Error (INCOMPATIBLE_PLUGIN): plugin @city/lake-source-dx supports @lake/core ^9.0.0, but this host runs @lake/core ${CORE_VERSION}`);
    expect(existsSync(path.join(sandbox.home, 'atd-datalake-raw'))).toBe(false);
  });
});

describe('a plugin clashing with a first-party plugin', () => {
  // Created in beforeAll, so a describe that a -t filter skips leaves no folder behind.
  let sandbox: LakeSandbox;
  afterAll(() => sandbox?.remove());

  beforeAll(() => {
    sandbox = new LakeSandbox();
    const link = sandbox.lake('plugins', 'link', CLASH_FIXTURE, '--no-install');
    if (link.status !== 0) throw new Error(`plugins link failed:\n${link.stdout}\n${link.stderr}`);
  });

  it('cannot take a first-party command id: `lake bt insert` stays Bluetooth\'s', () => {
    const help = sandbox.lake('bt', 'insert', '--help');
    expect(help.stdout).toContain('Store the AWAM Bluetooth files of a folder');
    expect(help.stdout).not.toContain('Clash fixture');
  });

  it('is refused for contributing a stage name Bluetooth has, with a message naming both plugins', () => {
    const listing = sandbox.lake('catalog', 'list', '--json');
    expect(listing.status).toBe(0);
    expect(listing.text).toContain('Warning: stage bt:ready is contributed by both @lake/source-bluetooth and lake-plugin-clash');
    expect(sandbox.lake('bt', 'ready', '--help').stdout).not.toContain('Clash fixture');
  });

  it('leaves the Bluetooth stages running', () => {
    const demo = sandbox.lake('demo');
    expect(demo.status).toBe(0);
    for (const stage of ['bt:insert', 'bt:standard', 'bt:ready', 'bt:publish']) expect(demo.stdout).toMatch(new RegExp(`^${stage}\\s+ok`, 'm'));
    expect(existsSync(path.join(sandbox.home, 'atd-datalake-raw', '2019', '06', '01', 'clash'))).toBe(false);
  });

  it('a first-party plugin keeps its stages whatever the hook timing (NODE_ENV=development)', () => {
    const listing = sandbox.lakeWith({ NODE_ENV: 'development' }, 'catalog', 'list', '--json');
    expect(listing.text).toContain('Warning: stage bt:ready is contributed by both @lake/source-bluetooth and lake-plugin-clash');
    expect(sandbox.lakeWith({ NODE_ENV: 'development' }, 'demo').status).toBe(0);
  });

  it('a refused plugin\'s own commands do not run', () => {
    const run = sandbox.lake('clash', 'ready', '-s', '2019-06-01', '-e', '2019-06-02');
    expect(existsSync(path.join(sandbox.home, 'atd-datalake-raw', '2019', '06', '01', 'clash'))).toBe(false);
    expect(run.status).toBe(2);
  });

  it('a command id already taken by a first-party plugin is reported on start', () => {
    const listing = sandbox.lake('catalog', 'list', '--json');
    expect(listing.text).toMatch(/bt:insert[^.]*lake-plugin-clash|lake-plugin-clash[^.]*bt:insert/);
  });
});
