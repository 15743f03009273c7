import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Stage, type DateRange, type Provider, type ProviderItem, type StageContext, type WorkItem } from '@lake/core';
import { StageCommand, stageCommand, toJson, toRunOptions, type StageResultJson } from './stage-command';
import { runInProcess } from './test-support/run-in-process';

/** Two days of work; the item labelled `bad` fails. Remembers what each item saw. */
class ProbeStage extends Stage<null> {
  readonly name = 'probe:run';
  readonly description = 'A stage the tests drive';
  readonly dataSource = 'probe';
  readonly to = 'raw';
  readonly perfmetStage = 'Ingest';
  override readonly options = [
    { name: 'sourcedir', char: 'd', kind: 'string' as const, description: 'a folder', default: '.' },
    { name: 'limit', char: 'n', kind: 'integer' as const, description: 'a number' },
    { name: 'loud', kind: 'boolean' as const, description: 'a switch' },
  ];
  readonly seen: { label: string; options: Record<string, unknown>; sourcedir: unknown }[] = [];

  constructor(private readonly labels: string[] = ['good']) {
    super();
  }

  override sourceProvider(): Provider<null> {
    const labels = this.labels;
    return {
      async *items(range: DateRange): AsyncIterable<ProviderItem<null>> {
        for (const label of labels) yield { base: 'Probe', ext: label, date: range.start as Date, dateEnd: null, label, payload: null };
      },
    };
  }

  override targetProvider(): null {
    return null;
  }

  async processItem(item: WorkItem<null>, ctx: StageContext): Promise<number> {
    this.seen.push({ label: item.label, options: { ...ctx.options }, sourcedir: ctx.option('sourcedir') });
    if (item.label === 'bad') throw new Error('this item is broken');
    return 2;
  }
}

describe('toRunOptions', () => {
  it('maps the snake_case flags to RunOptions and keeps stage options', () => {
    const options = toRunOptions({
      start_date: '2019-06-01',
      end_date: '2019-06-04',
      last_run_date: '0',
      output_filepath: '/tmp/out',
      force: true,
      simulate: true,
      debug: true,
      sourcedir: '/data',
      limit: 3,
    });
    expect(options).toEqual({
      startDate: '2019-06-01',
      endDate: '2019-06-04',
      lastRunDate: '0',
      outputPath: '/tmp/out',
      force: true,
      simulate: true,
      debug: true,
      sourcedir: '/data',
      limit: 3,
    });
  });

  it('drops the host flags (config, home, verbose, json) and makes switches false when absent', () => {
    const options = toRunOptions({ config: 'c.json', home: '/h', verbose: true, json: true, start_date: '3' });
    expect(options).toEqual({
      startDate: '3',
      endDate: undefined,
      lastRunDate: undefined,
      outputPath: undefined,
      force: false,
      simulate: false,
      debug: false,
    });
  });
});

describe('toJson', () => {
  it('gives failure dates as ISO text', () => {
    const json = toJson({
      stage: 's',
      records: 1,
      items: 2,
      seconds: 0.5,
      failures: [{ label: 'x', date: new Date('2019-06-01T05:00:00Z'), code: 'ERROR', message: 'boom' }],
    });
    expect(json.failures).toEqual([{ label: 'x', date: '2019-06-01T05:00:00.000Z', code: 'ERROR', message: 'boom' }]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('stageCommand', () => {
  it('describes the stage and builds its option flags beside the common ones', () => {
    const command = stageCommand(new ProbeStage());
    expect(command.prototype).toBeInstanceOf(StageCommand);
    expect(command.summary).toBe('A stage the tests drive');
    expect(command.stage.name).toBe('probe:run');
    const flags = command.flags as Record<string, { type: string; char?: string; default?: unknown }>;
    expect(flags.sourcedir).toMatchObject({ type: 'option', char: 'd' });
    expect(flags.limit).toMatchObject({ type: 'option', char: 'n' });
    expect(flags.loud).toMatchObject({ type: 'boolean' });
    expect(flags.loud.char).toBeUndefined();
    // No flag default: a value from `sources.<code>` in the config must still win over the stage default.
    expect(flags.sourcedir.default).toBeUndefined();
    expect(flags.start_date).toMatchObject({ type: 'option', char: 's' });
    expect(flags.end_date).toMatchObject({ type: 'option', char: 'e' });
    expect(flags.last_run_date).toMatchObject({ type: 'option', char: 'r' });
    expect(flags.force).toMatchObject({ type: 'boolean', char: 'F' });
    expect(flags.output_filepath).toMatchObject({ type: 'option', char: 'o' });
    expect(flags.simulate).toMatchObject({ type: 'boolean' });
    expect(flags.debug).toMatchObject({ type: 'boolean' });
    expect(Object.keys(command.baseFlags)).toEqual(expect.arrayContaining(['config', 'home', 'verbose']));
    expect(command.enableJsonFlag).toBe(true);
  });

  it('gives every stage its own flags', () => {
    const plain = stageCommand(
      new (class extends ProbeStage {
        override readonly options = [];
      })(),
    );
    expect(Object.keys(plain.flags)).not.toContain('sourcedir');
    expect(Object.keys(stageCommand(new ProbeStage()).flags)).toContain('sourcedir');
  });
});

describe('a stage command run in process', () => {
  let home: string;

  beforeEach(() => {
    home = mkdtempSync(path.join(os.tmpdir(), 'lake-command-'));
  });

  afterEach(() => {
    rmSync(home, { recursive: true, force: true });
  });

  it('parses the flags, hands them to the stage and returns its result', async () => {
    const stage = new ProbeStage();
    const run = await runInProcess<StageResultJson>(stageCommand(stage), [
      '--home', home, '-s', '2019-06-01', '-e', '2019-06-02', '-0', '-F', '-d', '/some/dir', '-n', '7', '--loud', '--debug',
    ]);
    expect(run.error).toBeUndefined();
    expect(run.exitCode).toBeUndefined();
    expect(run.result).toMatchObject({ stage: 'probe:run', items: 1, records: 2, failures: [] });
    expect(stage.seen).toHaveLength(1);
    expect(stage.seen[0].options).toMatchObject({
      startDate: '2019-06-01',
      endDate: '2019-06-02',
      simulate: true,
      force: true,
      debug: true,
      sourcedir: '/some/dir',
      limit: 7,
      loud: true,
    });
    expect(stage.seen[0].sourcedir).toBe('/some/dir');
  });

  it('falls back to the stage default for an option not given', async () => {
    const stage = new ProbeStage();
    const run = await runInProcess(stageCommand(stage), ['--home', home, '-s', '2019-06-01', '-e', '2019-06-02', '-0']);
    expect(run.error).toBeUndefined();
    expect(stage.seen[0].sourcedir).toBe('.');
  });

  it('rejects a non-integer for an integer option', async () => {
    const stage = new ProbeStage();
    const run = await runInProcess(stageCommand(stage), ['--home', home, '-s', '1', '-n', 'many']);
    expect(run.error?.message).toMatch(/integer/i);
    expect(stage.seen).toHaveLength(0);
  });

  it('exits 1 when an item failed, after processing the others', async () => {
    const stage = new ProbeStage(['bad', 'good']);
    const run = await runInProcess<StageResultJson>(stageCommand(stage), ['--home', home, '-s', '2019-06-01', '-e', '2019-06-02', '-0']);
    expect(run.exitCode).toBe(1);
    expect(stage.seen.map((seen) => seen.label)).toEqual(['bad', 'good']);
    expect(run.result?.failures).toEqual([expect.objectContaining({ label: 'bad', message: 'this item is broken', code: 'ERROR' })]);
    expect(run.stderr).toContain('bad: this item is broken');
  });

  it('prints the result as JSON with --json', async () => {
    const run = await runInProcess(stageCommand(new ProbeStage()), ['--home', home, '-s', '2019-06-01', '-e', '2019-06-02', '-0', '--json']);
    expect(JSON.parse(run.stdout)).toMatchObject({ stage: 'probe:run', items: 1, failures: [] });
  });

  it('shows a usage error with its hint and exit code 2 when no date is given', async () => {
    const stage = new ProbeStage();
    const run = await runInProcess(stageCommand(stage), ['--home', home]);
    expect(run.error?.oclif?.exit).toBe(2);
    expect(run.stderr).toContain('Error (USAGE): A last_run_date or start_date must be specified.');
    expect(run.stderr).toContain('Hint: pass -r/--last_run_date');
    expect(stage.seen).toHaveLength(0);
  });

  it('with --json, prints a LakeError as a JSON error object', async () => {
    const run = await runInProcess(stageCommand(new ProbeStage()), ['--home', home, '--json']);
    expect(run.error?.oclif?.exit).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        code: 'USAGE',
        message: 'A last_run_date or start_date must be specified.',
        hint: expect.stringContaining('-r/--last_run_date'),
        exitCode: 2,
      },
    });
  });

  it('with --json, prints a flag error as a short JSON error object with exit code 2', async () => {
    const run = await runInProcess(stageCommand(new ProbeStage()), ['--home', home, '-s', '1', '--bogus', '--json']);
    expect(run.error?.oclif?.exit).toBe(2);
    const printed = JSON.parse(run.stdout);
    expect(printed).toEqual({ error: { code: 'USAGE', message: expect.stringContaining('Nonexistent flag: --bogus'), hint: null, exitCode: 2 } });
  });

  it('reports a missing --config file with exit code 2', async () => {
    const missing = path.join(home, 'nope.json');
    const run = await runInProcess(stageCommand(new ProbeStage()), ['--config', missing, '-s', '1']);
    expect(run.error?.oclif?.exit).toBe(2);
    expect(run.stderr).toContain(`Error (CONFIG): config file ${missing} does not exist`);
  });
});
