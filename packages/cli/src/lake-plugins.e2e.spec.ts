// `lake plugins link` with third-party plugins written in plain JS (test-fixtures/), under
// isolated XDG folders so the machine's own plugin state is never read or changed. The shipped
// Bluetooth source stands for the plugins that come with the host.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CORE_VERSION } from '@lake/core';
import { FIXTURES, LakeSandbox } from './test-support/lake-cli';

// Each test spawns `lake` a few times (each run bounded at 60 s by LakeSandbox); a slow, busy
// machine must not turn that into a failure.
jest.setTimeout(180_000);

const THIRD_PARTY = path.join(FIXTURES, 'third-party-plugin');
const INCOMPATIBLE = path.join(FIXTURES, 'incompatible-plugin');
const DAY = ['-s', '2019-06-01', '-e', '2019-06-02'];

function topicsOf(help: string): string[] {
  const section = help.split('TOPICS')[1]?.split('COMMANDS')[0] ?? '';
  return [...section.matchAll(/^ {2}(\S+) /gm)].map((match) => match[1]);
}

describe('lake plugins link with a third-party plugin', () => {
  const sandbox = new LakeSandbox();
  afterAll(() => sandbox.remove());

  beforeAll(() => {
    // The space-separated form; the other describe uses `plugins:link`.
    const link = sandbox.lake('plugins', 'link', THIRD_PARTY, '--no-install');
    if (link.status !== 0) throw new Error(`plugins link failed:\n${link.stderr}`);
  });

  it('lists the linked plugin and shows its topic in help', () => {
    const plugins = sandbox.lake('plugins');
    expect(plugins.status).toBe(0);
    expect(plugins.stdout).toContain(`lake-plugin-tp 1.0.0 (link) ${THIRD_PARTY}`);
    expect(topicsOf(sandbox.lake('--help').stdout)).toEqual(expect.arrayContaining(['tp', 'bt', 'catalog', 'perfmet', 'plugins']));
    expect(sandbox.lake('tp:hello', '--help').stdout).toContain('-g, --greeting');
  });

  it('keeps link state in the isolated XDG data folder', () => {
    const state = JSON.parse(readFileSync(sandbox.path('xdg-data', 'lake', 'package.json'), 'utf8'));
    expect(state.oclif.plugins).toEqual([expect.objectContaining({ name: 'lake-plugin-tp', root: THIRD_PARTY, type: 'link' })]);
  });

  it('runs the plugin\'s stage command with its own option, into the embedded storage', () => {
    const run = sandbox.lake('tp:hello', ...DAY, '-g', 'howdy');
    expect(run.status).toBe(0);
    const stored = path.join(sandbox.home, 'atd-datalake-raw', '2019', '06', '01', 'tp', 'Hello_tp_2019-06-01.txt');
    expect(readFileSync(stored, 'utf8')).toBe('howdy from tp\n');
    const rows = JSON.parse(sandbox.lake('catalog:list', '--source', 'tp', '--json').stdout);
    expect(rows).toEqual([expect.objectContaining({ data_source: 'tp', id_base: 'Hello', id_ext: 'txt', pointer: '2019/06/01/tp/Hello_tp_2019-06-01.txt' })]);
  });

  it('registered its storage driver in the init hook: a config can name it', () => {
    const config = sandbox.path('tp.config.json');
    writeFileSync(config, JSON.stringify({ home: sandbox.path('tp-home'), storage: { driver: 'tp-memory', manifest: 'manifest.json' } }));
    const run = sandbox.lake('tp:hello', '--config', config, ...DAY);
    expect(run.status).toBe(0);
    const manifest = JSON.parse(readFileSync(sandbox.path('tp-home', 'manifest.json'), 'utf8'));
    expect(manifest).toEqual([{ name: 'atd-datalake-raw/2019/06/01/tp/Hello_tp_2019-06-01.txt', text: 'hello from tp\n' }]);
    expect(existsSync(sandbox.path('tp-home', 'atd-datalake-raw'))).toBe(false);
  });

  it('the host\'s stages can use the plugin\'s driver too', () => {
    const config = sandbox.path('tp-demo.config.json');
    writeFileSync(config, JSON.stringify({ home: sandbox.path('tp-demo-home'), storage: { driver: 'tp-memory' } }));
    const run = sandbox.lake('demo', '--config', config);
    expect(run.status).toBe(0);
    const names = JSON.parse(readFileSync(sandbox.path('tp-demo-home', 'tp-memory.json'), 'utf8')).map((object: { name: string }) => object.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'atd-datalake-raw/2019/11/02/bt/Austin_bt_2019-11-02_unmatched.txt',
        'atd-datalake-rawjson/2019/11/04/bt/Austin_bt_2019-11-04_matched.json',
        'atd-datalake-ready/2019/11/04/bt/Austin_bt_2019-11-04_traf_match_summary.json',
      ]),
    );
    expect(existsSync(sandbox.path('tp-demo-home', 'atd-datalake-raw'))).toBe(false);
  });

  it('pipeline --source runs the plugin\'s stage alone, not the Bluetooth ones', () => {
    const config = sandbox.path('pipeline.config.json');
    writeFileSync(config, JSON.stringify({ home: sandbox.path('pipeline-home') }));
    const results = JSON.parse(sandbox.lake('pipeline', '--config', config, '--source', 'tp', ...DAY, '--json').stdout);
    expect(results).toEqual([expect.objectContaining({ stage: 'tp:hello', items: 1, records: 1, failures: [] })]);
  });

  it('plugins unlink removes its commands, topic and driver', () => {
    const unlink = sandbox.lake('plugins', 'unlink', 'lake-plugin-tp');
    expect(unlink.status).toBe(0);
    expect(sandbox.lake('plugins').stdout).toContain('No plugins installed.');
    const topics = topicsOf(sandbox.lake('--help').stdout);
    expect(topics).not.toContain('tp');
    expect(topics).toContain('bt');
    const gone = sandbox.lake('tp:hello', ...DAY);
    expect(gone.status).not.toBe(0);
    expect(gone.text).toContain('command tp:hello not found');
    const config = sandbox.path('tp.config.json');
    const noDriver = sandbox.lake('catalog:list', '--config', config);
    expect(noDriver.status).toBe(2);
    expect(noDriver.stderr).toContain('no storage driver named "tp-memory" is installed');
  });
});

describe('lake plugins:link with a plugin built for another core', () => {
  const sandbox = new LakeSandbox();
  afterAll(() => sandbox.remove());

  beforeAll(() => {
    const link = sandbox.lake('plugins:link', INCOMPATIBLE, '--no-install');
    if (link.status !== 0) throw new Error(`plugins:link failed:\n${link.stderr}`);
  });

  it('warns on start, naming the plugin and both versions, and the host still works', () => {
    const run = sandbox.lake('catalog:list', '--json');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
    expect(run.text).toContain(`Warning: plugin lake-plugin-old supports @lake/core ^9.0.0, but this host runs @lake/core ${CORE_VERSION}`);
    expect(run.text).toContain(`Hint: install a version of lake-plugin-old built for @lake/core ${CORE_VERSION}, or a host that matches ^9.0.0`);
  });

  it('refuses to run its command: exit 2, the same message, nothing written', () => {
    const run = sandbox.lake('old:hello', ...DAY);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`Error (INCOMPATIBLE_PLUGIN): plugin lake-plugin-old supports @lake/core ^9.0.0, but this host runs @lake/core ${CORE_VERSION}`);
    expect(existsSync(path.join(sandbox.home, 'atd-datalake-raw'))).toBe(false);
  });

  it('leaves the compatible plugins working', () => {
    const run = sandbox.lake('demo');
    expect(run.status).toBe(0);
    for (const stage of ['bt:insert', 'bt:standard', 'bt:ready', 'bt:publish']) expect(run.stdout).toMatch(new RegExp(`^${stage}\\s+ok`, 'm'));
  });
});
