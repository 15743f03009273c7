// The Airflow DAG file compiles with python3 and, read back with `ast` (Airflow itself is not
// installed), holds one BashOperator per run, the insert >> standard >> ready >> publish chain of
// each data source, the city-network queue, retries and the zone.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildScheduleExport } from './export-schedule';
import type { ScheduleConfig } from './schedule-config';
import { argumentPrinter, dagOutline, printedArguments, pyCompile, runShell, type DagOutline } from './test-support/run-exported';

const NOW = new Date('2026-06-01T12:00:00Z');

describe('renderAirflow', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lake-airflow-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  /** Exports the DAG, checks that python3 compiles it, and returns its text and outline. */
  function exportDag(schedule?: ScheduleConfig, timeZone?: string): { text: string; outline: DagOutline; warnings: string[] } {
    const exported = buildScheduleExport({ timeZone, schedule }, 'airflow', { now: NOW });
    const file = path.join(root, 'lake_nightly.py');
    writeFileSync(file, exported.text);
    const compiled = pyCompile(file);
    expect(compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
    return { text: exported.text, outline: dagOutline(file), warnings: exported.warnings };
  }

  it('compiles, with one BashOperator per run of the original schedule', () => {
    const { outline } = exportDag();
    expect(Object.keys(outline.tasks)).toEqual([
      'bt_insert',
      'wt_insert',
      'gs_insert',
      'bt_standard',
      'wt_standard',
      'gs_standard',
      'bt_ready',
      'gs_ready',
      'gs_ready_agg',
      'wt_ready',
      'bt_publish',
      'wt_publish',
      'gs_publish',
    ]);
    expect(outline.tasks.bt_insert.bash_command).toBe('lake bt:insert -r 0 -s 60');
    expect(outline.tasks.gs_ready_agg.bash_command).toBe('lake gs:ready-agg -r 0 -s 30');
  });

  it('chains the runs of each data source: raw → standardized → ready → public', () => {
    const { outline } = exportDag();
    expect(outline.edges).toEqual([
      ['bt_insert', 'bt_standard'],
      ['bt_standard', 'bt_ready'],
      ['bt_ready', 'bt_publish'],
      ['wt_insert', 'wt_standard'],
      ['wt_standard', 'wt_ready'],
      ['wt_ready', 'wt_publish'],
      ['gs_insert', 'gs_standard'],
      ['gs_standard', 'gs_ready'],
      ['gs_ready', 'gs_ready_agg'],
      ['gs_ready_agg', 'gs_publish'],
    ]);
  });

  it('sends the three ingest runs to the city-network queue and marks them', () => {
    const { outline, text } = exportDag();
    const queued = Object.entries(outline.tasks).filter(([, task]) => task.queue !== undefined);
    expect(queued.map(([id, task]) => [id, task.queue])).toEqual([
      ['bt_insert', 'city-network'],
      ['wt_insert', 'city-network'],
      ['gs_insert', 'city-network'],
    ]);
    expect(outline.dag.tags).toEqual(['lake', 'city-network']);
    expect(outline.tasks.gs_insert.doc_md).toContain('Runs inside the city network.');
    expect(text).toContain('    # gs:insert at 01:30 — GRIDSMART ingest: day archives from the devices → raw (city network)\n    # city network:');
  });

  it('runs on the first run\'s cron in the lake\'s zone (pendulum), without catch-up, with retries', () => {
    const { outline } = exportDag();
    expect(outline.calls.TIME_ZONE).toEqual({ call: 'pendulum.timezone', args: ['America/Chicago'] });
    expect(outline.dag).toMatchObject({ dag_id: 'lake_nightly', schedule: '30 0 * * *', catchup: false, max_active_runs: 1, default_args: 'default_args' });
    expect(outline.dag.start_date).toBe('pendulum.datetime(2024, 1, 1, tz=TIME_ZONE)');
    expect(outline.default_args).toEqual({ owner: 'lake', retries: 2, retry_delay: 'timedelta(minutes=10)' });
  });

  it('mentions the clock change only for the time the DAG itself runs at', () => {
    expect(exportDag().text).not.toContain('Clock change');
    // wt:insert runs at 01:00 too, but not at the DAG's start: the DAG does not use its time.
    const moved = exportDag({ entries: { 'bt:insert': { at: '01:00' } } }, 'America/Chicago');
    expect(moved.outline.dag.schedule).toBe('0 1 * * *');
    expect(moved.text).toMatch(/# Clock change: 01:00 \(bt:insert\) comes twice on the night America\/Chicago sets its clocks back;\n# Airflow may start the DAG twice\./);
  });

  it('applies config overrides: zone, retries, delay, DAG id, queue, owner, disabled runs', () => {
    const { outline } = exportDag({
      timeZone: 'America/Denver',
      retries: 5,
      retryDelayMinutes: 2.5,
      airflow: { dagId: 'atd.lake', cityNetworkQueue: 'coa_lan', owner: 'atd-dts' },
      entries: { 'gs:ready-agg': { enabled: false }, 'wt:insert': { cityNetwork: false } },
    });
    expect(outline.calls.TIME_ZONE.args).toEqual(['America/Denver']);
    expect(outline.default_args).toEqual({ owner: 'atd-dts', retries: 5, retry_delay: 'timedelta(minutes=2.5)' });
    expect(outline.dag.dag_id).toBe('atd.lake');
    expect(outline.tasks.bt_insert.queue).toBe('coa_lan');
    expect(outline.tasks.wt_insert.queue).toBeUndefined();
    expect(outline.tasks.gs_ready_agg).toBeUndefined();
    expect(outline.edges).toContainEqual(['gs_ready', 'gs_publish']);
  });

  it('turns any entry id into a unique Python name and task id', () => {
    const { outline } = exportDag({
      useDefaults: false,
      entries: {
        'bt:insert': { at: '00:30' },
        bt_insert: { command: 'bt:insert', at: '00:40' },
        pass: { command: 'pipeline', at: '02:00' },
        '2nd.run': { command: 'pipeline', at: '03:00' },
      },
    });
    expect(Object.keys(outline.tasks)).toEqual(['bt_insert', 'bt_insert_2', 'pass_task', 'task_2nd_run']);
    expect(outline.edges).toEqual([
      ['bt_insert', 'bt_insert_2'],
      ['pass_task', 'task_2nd_run'],
    ]);
  });

  it('warns when a run\'s days differ from the DAG\'s (the DAG runs it every time)', () => {
    const { warnings, text } = exportDag({ entries: { 'bt:publish': { at: '0 7 * * 1' } } });
    expect(warnings).toEqual(['bt:publish runs on "0 7 * * 1", but the Airflow DAG runs on "30 0 * * *" (its first entry\'s); in the DAG it runs on every DAG run']);
    expect(text).toContain('# Warning: bt:publish runs on "0 7 * * 1"');
  });

  it('quotes bash_command so bash passes paths with spaces and quotes, Jinja markers and .sh names unchanged', () => {
    const lakeBin = argumentPrinter(root);
    const args = ['-d', `/mnt/AWAM share/it's "here" \\ 100%`, '-f', '{{ ds }} {% if %}', 'run.sh'];
    const { outline } = exportDag({ lakeBin, configPath: '/etc/lake/my "lake".json', useDefaults: false, entries: { 'bt:insert': { at: '00:30', args } } });
    const command = outline.tasks.bt_insert.bash_command as string;
    // Airflow renders bash_command with Jinja: a raw block comes out as its content.
    expect(command.startsWith('{% raw %}')).toBe(true);
    expect(command.endsWith('{% endraw %}')).toBe(true);
    const rendered = command.slice('{% raw %}'.length, -'{% endraw %}'.length);
    expect(printedArguments(runShell('bash', rendered, root))).toEqual(['bt:insert', ...args, '--config', '/etc/lake/my "lake".json']);
  });

  it('keeps a bash_command ending in .sh from being read as a template file name', () => {
    const { outline } = exportDag({ useDefaults: false, entries: { 'bt:insert': { at: '00:30', args: ['-d', '/mnt/share/run.sh'] } } });
    expect(outline.tasks.bt_insert.bash_command).toBe('lake bt:insert -d /mnt/share/run.sh ');
  });
});
