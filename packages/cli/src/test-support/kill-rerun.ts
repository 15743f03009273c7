// The kill-and-rerun cycle of the "stop anywhere, rerun" e2e tests: start a stage in the
// background, SIGKILL it at a chosen moment (a state of the lake, or a time after the stage
// started its work), look at what the killed run left, then run the same command again to the end.
// KillMatrix repeats that cycle over a whole pipeline and compares each rerun's lake with an
// uninterrupted run's.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { LakeProcess, type WatchOptions, type WatchOutcome } from './lake-process';
import { GrowingFileLines, LakeProbe, tempFilesUnder } from './lake-probe';
import { LakeSandbox } from './lake-cli';
import { catalogRowsOf, copyLake, countPublishedRows, lakeState, publishedRows, type LakeState } from './lake-state';
import { runLake } from './prod-lake-run';

export interface KillAndRerun<Seen> {
  outcome: WatchOutcome;
  /** `.lake-tmp` files of unfinished writes the killed run left in the target folder. */
  leftByKill: string[];
  /** What `atKill` saw between the kill and the rerun. */
  seen: Seen;
  /** The rerun's stdout, stderr and exit status (always 0: a failed rerun throws). */
  rerunLog: string;
}

export interface KillAndRerunOptions<Seen> {
  /** When to kill: fixed options, or options made for the started process (to watch its log). */
  watch: WatchOptions | ((run: LakeProcess) => WatchOptions);
  /** The folder the stage writes into (its unfinished writes are reported). */
  target: string;
  /** Looks at the lake right after the kill, before the rerun touches it. */
  atKill?: () => Seen;
  /** Upper bound on the rerun (default 300 s). */
  rerunLimitMs?: number;
}

/**
 * Starts `lake <args>`, kills it as `watch` says, then reruns it to completion. The rerun must
 * exit 0. Every process is spawned asynchronously, so in-test servers and other runs go on.
 */
export async function killThenRerun<Seen = undefined>(sandbox: LakeSandbox, args: string[], options: KillAndRerunOptions<Seen>): Promise<KillAndRerun<Seen>> {
  const run = new LakeProcess(sandbox, args);
  const watch = typeof options.watch === 'function' ? options.watch(run) : options.watch;
  const outcome = await run.killWhen(watch);
  const seen = options.atKill?.() as Seen;
  const leftByKill = tempFilesUnder(options.target);
  const rerun = await runLake(sandbox, args, options.rerunLimitMs ?? 300_000);
  if (rerun.status !== 0) throw new Error(`the rerun of lake ${args.join(' ')} exited ${rerun.status}:\n${rerun.stderr.slice(-5000)}`);
  return { outcome, leftByKill, seen, rerunLog: rerun.text };
}

/** A kill `delayMs` after the stage logged its start banner (start-up of the CLI excluded). */
export function afterStageStart(delayMs: number): (run: LakeProcess) => WatchOptions {
  return (run) => ({
    midRun: () => run.stageStartedAt !== undefined && Date.now() - run.stageStartedAt >= delayMs,
    pollMs: 2,
  });
}

/** A write in flight in `folder`: the moment a kill is most likely to leave something half done. */
export function writingIn(folder: string): () => boolean {
  return () => tempFilesUnder(folder).length > 0;
}

export interface StageTiming {
  /** Spawn to the stage's start banner: the CLI loading its plugins. */
  startupMs: number;
  /** Banner to exit: the stage's own work (catalog, items, perfmet, close). */
  workMs: number;
}

/** Runs `lake <args>` uninterrupted and measures it; it must exit 0. */
export async function timeUninterruptedRun(sandbox: LakeSandbox, args: string[]): Promise<StageTiming> {
  const run = new LakeProcess(sandbox, args);
  const { code } = await run.finished();
  if (code !== 0 || run.stageStartedAt === undefined || run.exitedAt === undefined) {
    throw new Error(`lake ${args.join(' ')} exited ${code} (banner ${run.stageStartedAt === undefined ? 'not ' : ''}seen):\n${run.stderr.slice(-5000)}`);
  }
  return { startupMs: run.stageStartedAt - run.spawnedAt, workMs: run.exitedAt - run.stageStartedAt };
}

/** Whatever the killed run was writing, the rerun left no unfinished write behind (`leftByKill` explains a failure). */
export function expectNoUnfinishedWrite(target: string, leftByKill: string[]): void {
  expect({ leftByKill, afterRerun: tempFilesUnder(target) }).toEqual({ leftByKill, afterRerun: [] });
}

/** A stage of the pipeline a KillMatrix runs: its command, where it writes, what it catalogs. */
export interface PipelineStage {
  /** Its name in reports, e.g. `standard`. */
  name: string;
  /** `lake` arguments, e.g. `['wt', 'standard', '-s', '2019-11-02', '-e', '2019-11-05']`. */
  args: string[];
  /** The folder under LAKE_HOME it writes into (`publish` for the embedded publisher). */
  folder: string;
  /** The catalog repository of its rows. */
  repository: string;
}

/** What a kill moment given as a state may look at while the stage runs. */
export interface RunningLake {
  home: string;
  probe: LakeProbe;
  /** The stage's catalog repository. */
  repository: string;
  /** The folder the stage writes into. */
  target: string;
  /** Catalog rows of the stage's repository once the stage is done (from the reference). */
  rowsWhenDone: number;
}

/**
 * When to kill: a fraction of the stage's work as measured in the reference run (from its start
 * banner: the CLI's start-up is not counted), or a state of the lake the test watches for.
 */
export type KillMoment = { fraction: number } | { state: string; watch: (lake: RunningLake) => WatchOptions };

/** Half-way (some of the stage's catalog rows, not all), preferably with a write in flight. */
export const HALF_WAY_WRITING: KillMoment = {
  state: 'half-way, writing',
  watch: ({ probe, repository, target, rowsWhenDone }) => {
    const rows = () => probe.catalog(repository).length;
    return { midRun: () => rows() >= 1 && rows() < rowsWhenDone, prefer: writingIn(target), pollMs: 2 };
  },
};

/**
 * Some rows in the embedded publisher's datasets whose file is not cataloged as published yet
 * (the catalog row is written once every row of a file was sent), so the rerun sends rows the
 * dataset already holds. Preferred: rows appended since the catalog last grew.
 */
export const SENT_NOT_CATALOGED: KillMoment = {
  state: 'sent, not cataloged',
  watch: ({ home, probe, repository, rowsWhenDone }) => {
    const folder = path.join(home, 'publish');
    const datasets = new Map<string, GrowingFileLines>();
    const lines = () => {
      if (existsSync(folder)) for (const name of readdirSync(folder)) if (name.endsWith('.csv') && !datasets.has(name)) datasets.set(name, new GrowingFileLines(path.join(folder, name)));
      return [...datasets.values()].reduce((sum, file) => sum + file.lines(), 0);
    };
    let cataloged = -1;
    let linesWhenCataloged = 0;
    return {
      midRun: () => probe.catalog(repository).length < rowsWhenDone && lines() > 0,
      prefer: () => {
        const rows = probe.catalog(repository).length;
        const now = lines();
        if (rows === cataloged) return now > linesWhenCataloged;
        cataloged = rows;
        linesWhenCataloged = now;
        return false;
      },
      pollMs: 2,
      patience: 200,
    };
  },
};

/**
 * The embedded publisher holding a dataset's lock file (each write takes it, then gives it up):
 * the rerun must take over the lock of a run that is gone instead of waiting for it.
 */
export const HOLDING_PUBLISH_LOCK: KillMoment = {
  state: 'holding a dataset lock',
  watch: ({ home }) => ({ midRun: () => datasetLocks(home).length > 0, pollMs: 1 }),
};

/** Lock files in the embedded publisher's folder. */
function datasetLocks(home: string): string[] {
  const folder = path.join(home, 'publish');
  return existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.lock')) : [];
}

/** Which state a kill caught; logged, never asserted (it depends on timing). */
export interface KillReport {
  stage: string;
  /** `0.300 +188 ms`, or the state's name. */
  moment: string;
  outcome: WatchOutcome;
  /** The stage's catalog rows at the kill and in the reference, e.g. `2/25`. */
  rows: string;
  /** Published data rows at the kill and in the reference (stages writing into `publish`). */
  published?: string;
  /** Unfinished writes the killed run left in the stage's folder. */
  leftByKill: number;
  /** Dataset lock files the killed run left (stages writing into `publish`). */
  locksLeft?: number;
}

/**
 * "Stop anywhere, rerun, nothing is lost or duplicated" over a pipeline: the stages are run once
 * uninterrupted from a seeded lake (the reference, recorded after each stage: files, catalog rows,
 * perfmet observations, published rows), then each stage is started again from a copy of the lake
 * as it stood before it, SIGKILLed at a moment, and rerun; the lake must then equal the reference
 * exactly, with no unfinished write or temp file left. Every kill runs in a sandbox of its own.
 */
export class KillMatrix {
  readonly reports: KillReport[] = [];
  /** Copies of the lake: before the first stage, then after each stage. */
  private readonly lakes = new Map<string, string>();
  private readonly states = new Map<string, LakeState>();
  private readonly timings = new Map<string, StageTiming>();

  /** `root` (a folder the test removes) holds the copies and the sandboxes' temp dirs. */
  constructor(
    private readonly root: string,
    readonly stages: PipelineStage[],
  ) {}

  /** The uninterrupted run; `seed` prepares a fresh lake home (unit data, …). */
  async runReference(seed: (home: string) => void | Promise<void>): Promise<void> {
    const { sandbox, discard } = this.openSandbox();
    try {
      await seed(sandbox.home);
      this.keepLake('seed', sandbox.home);
      for (const stage of this.stages) {
        this.timings.set(stage.name, await timeUninterruptedRun(sandbox, stage.args));
        this.keepLake(stage.name, sandbox.home);
        this.states.set(stage.name, lakeState(sandbox.home));
      }
    } finally {
      discard();
    }
  }

  /** The lake after `stage` in the reference run. */
  reference(stage: string): LakeState {
    const state = this.states.get(stage);
    if (!state) throw new Error(`no reference for stage ${stage}: runReference first`);
    return state;
  }

  /** The folder holding a copy of the reference lake after `stage`. */
  lakeAfter(stage: string): string {
    const copy = this.lakes.get(stage);
    if (!copy) throw new Error(`no reference for stage ${stage}: runReference first`);
    return copy;
  }

  /** The stage's work in the reference run (banner to exit). */
  timing(stage: string): StageTiming {
    return this.timings.get(stage) as StageTiming;
  }

  /**
   * Kills `stage` at each moment, `lanes` kills at a time, and checks each rerun's lake against
   * the reference. Every lane ends before this returns (a failure in one must not leave another
   * running); the first failure is then thrown. Returns the stage's reports.
   */
  async kill(stageName: string, moments: KillMoment[], lanes = 2): Promise<KillReport[]> {
    const queue = [...moments];
    const settled = await Promise.allSettled(
      Array.from({ length: lanes }, async () => {
        for (let moment = queue.shift(); moment; moment = queue.shift()) await this.killAndCompare(this.stage(stageName), moment);
      }),
    );
    for (const lane of settled) if (lane.status === 'rejected') throw lane.reason;
    return this.reports.filter((report) => report.stage === stageName);
  }

  /** Every kill so far, one line each, under the reference's work times. */
  summary(title: string): string {
    const timings = this.stages.map((stage) => `${stage.name} ${this.timing(stage.name)?.workMs} ms`).join(', ');
    const width = Math.max(...this.stages.map((stage) => stage.name.length));
    const momentWidth = Math.max(...this.reports.map((report) => report.moment.length));
    const lines = this.reports.map((report) =>
      [
        report.stage.padEnd(width),
        report.moment.padEnd(momentWidth),
        report.outcome.padEnd(19),
        `rows ${report.rows.padEnd(7)}`,
        report.published ? `published ${report.published.padEnd(13)}` : '',
        `writes in flight ${report.leftByKill}`,
        report.locksLeft === undefined ? '' : `locks left ${report.locksLeft}`,
      ]
        .filter(Boolean)
        .join('  '),
    );
    return `${title} (work of the uninterrupted run: ${timings}):\n${lines.join('\n')}`;
  }

  private async killAndCompare(stage: PipelineStage, moment: KillMoment): Promise<void> {
    const reference = this.reference(stage.name);
    const { sandbox, tmp, discard } = this.openSandbox();
    try {
      copyLake(this.lakeBefore(stage), sandbox.home);
      const probe = new LakeProbe(sandbox.home);
      try {
        const target = path.join(sandbox.home, stage.folder);
        const rowsWhenDone = catalogRowsOf(reference, stage.repository).length;
        const publishedWhenDone = countPublishedRows(reference.published);
        const publishes = stage.folder === 'publish';
        let label: string;
        let watch: WatchOptions | ((run: LakeProcess) => WatchOptions);
        if ('fraction' in moment) {
          const delayMs = Math.round(moment.fraction * this.timing(stage.name).workMs);
          label = `${moment.fraction.toFixed(3)} +${delayMs} ms`;
          watch = afterStageStart(delayMs);
        } else {
          label = moment.state;
          watch = moment.watch({ home: sandbox.home, probe, repository: stage.repository, target, rowsWhenDone });
        }
        const atKill = () => ({
          rows: probe.catalog(stage.repository).length,
          published: publishes ? countPublishedRows(publishedRows(sandbox.home)) : 0,
          locks: publishes ? datasetLocks(sandbox.home).length : 0,
        });
        const result = await killThenRerun(sandbox, stage.args, { watch, target, atKill });
        this.reports.push({
          stage: stage.name,
          moment: label,
          outcome: result.outcome,
          rows: `${result.seen.rows}/${rowsWhenDone}`,
          published: publishes ? `${result.seen.published}/${publishedWhenDone}` : undefined,
          locksLeft: publishes ? result.seen.locks : undefined,
          leftByKill: result.leftByKill.length,
        });

        const where = { stage: stage.name, moment: label };
        expect({ ...where, state: lakeState(sandbox.home) }).toEqual({ ...where, state: reference });
        expectNoUnfinishedWrite(target, result.leftByKill);
        // The rerun swept the killed run's temp dir and removed its own.
        expect({ ...where, tmp: readdirSync(tmp) }).toEqual({ ...where, tmp: [] });
        expect({ ...where, tempFiles: tempFilesUnder(sandbox.home) }).toEqual({ ...where, tempFiles: [] });
      } finally {
        probe.close();
      }
    } finally {
      discard();
    }
  }

  private stage(name: string): PipelineStage {
    const stage = this.stages.find((candidate) => candidate.name === name);
    if (!stage) throw new Error(`no stage ${name} in this pipeline (${this.stages.map((candidate) => candidate.name).join(', ')})`);
    return stage;
  }

  private lakeBefore(stage: PipelineStage): string {
    const index = this.stages.indexOf(stage);
    return this.lakes.get(index === 0 ? 'seed' : this.stages[index - 1].name) as string;
  }

  private keepLake(name: string, home: string): void {
    const copy = path.join(this.root, `lake-after-${name}`);
    copyLake(home, copy);
    this.lakes.set(name, copy);
  }

  /** A sandbox with a temp dir of its own, so what a killed run leaves there can be checked. */
  private openSandbox(): { sandbox: LakeSandbox; tmp: string; discard: () => void } {
    const tmp = mkdtempSync(path.join(this.root, 'tmp-'));
    const sandbox = new LakeSandbox({ TMPDIR: tmp });
    return { sandbox, tmp, discard: () => [sandbox.root, tmp].forEach((dir) => rmSync(dir, { recursive: true, force: true })) };
  }
}
