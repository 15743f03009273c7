// `lake schedule export` through bin/run.js: the three formats from the default schedule and from
// a lake.config.json schedule section, --out, --json, and the errors a user can act on.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LakeSandbox } from './test-support/lake-cli';

// Each test spawns `lake` a few times (each run bounded at 60 s by LakeSandbox).
jest.setTimeout(180_000);

const jobLines = (text: string) => text.split('\n').filter((line) => /^\S+ \S+ \S+ \S+ \S+ /.test(line) && !line.startsWith('#'));

interface ExportJson {
  format: string;
  text: string;
  entries: { id: string; command: string; cron: string; args: string[]; cityNetwork: boolean; commandLine: string }[];
  warnings: string[];
  file: string | null;
}

describe('lake schedule export', () => {
  let sandbox: LakeSandbox;
  beforeEach(() => {
    sandbox = new LakeSandbox();
  });
  afterEach(() => sandbox.remove());

  const writeConfig = (config: unknown) => writeFileSync(path.join(sandbox.cwd, 'lake.config.json'), JSON.stringify(config));

  it('prints the original nightly schedule as a crontab in the lake\'s zone, under either command name', () => {
    const run = sandbox.lake('schedule', 'export', '--format', 'crontab');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('\nCRON_TZ=America/Chicago\n');
    const lines = jobLines(run.stdout);
    expect(lines).toHaveLength(13);
    expect(lines[0]).toBe('30 0 * * * lake bt:insert -r 0 -s 60');
    expect(lines[12]).toBe('30 8 * * * lake gs:publish -r 0 -s 30');
    expect(sandbox.lake('schedule:export', '--format', 'crontab').stdout).toBe(run.stdout);
  });

  it('writes an Airflow DAG file from the config\'s schedule that python3 compiles', () => {
    writeConfig({
      timeZone: 'America/Chicago',
      schedule: { retries: 3, retryDelayMinutes: 15, entries: { 'gs:ready-agg': { enabled: false }, 'bt:insert': { args: ['-r', '0', '-s', '60', '-d', '/mnt/AWAM share'] } } },
    });
    const file = sandbox.path('lake_nightly.py');
    const run = sandbox.lake('schedule', 'export', '--format', 'airflow', '--out', file);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`wrote 12 run(s) to ${file}`);
    const compiled = spawnSync('python3', ['-m', 'py_compile', file], { encoding: 'utf8' });
    expect(compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
    const dag = readFileSync(file, 'utf8');
    expect(dag).toContain('bash_command="lake bt:insert -r 0 -s 60 -d \'/mnt/AWAM share\'"');
    expect(dag).toContain('"retries": 3,');
    expect(dag).toContain('"retry_delay": timedelta(minutes=15),');
    expect(dag).toContain('    gs_insert >> gs_standard >> gs_ready >> gs_publish\n');
    expect(dag).not.toContain('gs_ready_agg');
  });

  it('returns the Kubernetes manifests and their runs with --json', () => {
    const exported = sandbox.json<ExportJson>('schedule', 'export', '--format', 'k8s', '--image', 'lake:1.2.0');
    expect(exported.format).toBe('k8s');
    expect(exported.file).toBeNull();
    expect(exported.warnings).toEqual([]);
    expect(exported.entries.map((entry) => entry.id)).toHaveLength(13);
    expect(exported.entries.filter((entry) => entry.cityNetwork).map((entry) => entry.commandLine)).toEqual([
      'lake bt:insert -r 0 -s 60',
      'lake wt:insert -r 0 -s 60',
      'lake gs:insert -r 0 -s 60',
    ]);
    expect(exported.text.match(/^kind: CronJob$/gm)).toHaveLength(13);
    expect(exported.text.match(/^ {2}timeZone: America\/Chicago$/gm)).toHaveLength(13);
    expect(exported.text.match(/^ {2}concurrencyPolicy: Forbid$/gm)).toHaveLength(13);
    expect(exported.text.match(/^ {10}nodeSelector:$/gm)).toHaveLength(3);
    expect(exported.text).toContain('              image: "lake:1.2.0"\n');
  });

  it('refuses a bad time with the setting at fault and exit code 2', () => {
    writeConfig({ schedule: { entries: { 'bt:insert': { at: '25:00' } } } });
    const run = sandbox.lake('schedule', 'export', '--format', 'crontab');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Error (INVALID_SCHEDULE): schedule.entries["bt:insert"].at: "25:00" is not a time of day');
  });

  it('refuses a mistyped command of an installed plugin, and warns about a plugin not installed here', () => {
    writeConfig({ schedule: { entries: { 'bt:readdy': { at: '05:00' } } } });
    const typo = sandbox.lake('schedule', 'export', '--format', 'crontab');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('Error (UNKNOWN_SCHEDULE_COMMAND): schedule.entries["bt:readdy"].command: no lake command "bt:readdy" is installed');
    expect(typo.stderr).toContain('Hint: installed commands of that topic: bt:insert, bt:publish, bt:ready, bt:standard');

    writeConfig({ schedule: { entries: { 'counts:insert': { at: '02:00', cityNetwork: true } } } });
    const elsewhere = sandbox.lake('schedule', 'export', '--format', 'crontab');
    expect(elsewhere.status).toBe(0);
    expect(elsewhere.stderr).toContain('Warning: schedule.entries["counts:insert"].command: no installed plugin provides "counts:insert"');
    expect(jobLines(elsewhere.stdout)).toContain('0 2 * * * lake counts:insert');
  });

  it('asks for an image for Kubernetes, and refuses an unknown format', () => {
    const noImage = sandbox.lake('schedule', 'export', '--format', 'k8s');
    expect(noImage.status).toBe(2);
    expect(noImage.stderr).toContain('Error (SCHEDULE_IMAGE_MISSING): Kubernetes jobs need a container image');
    const unknown = sandbox.lake('schedule', 'export', '--format', 'systemd');
    expect(unknown.status).toBe(2);
    expect(unknown.text).toContain('Expected --format=systemd to be one of: crontab, airflow, k8s');
  });
});
