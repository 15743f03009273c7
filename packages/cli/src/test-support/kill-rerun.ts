// The kill-and-rerun cycle of the "stop anywhere, rerun" e2e tests: start a stage in the
// background, SIGKILL it at a chosen moment (a state of the lake, or a time after the stage
// started its work), look at what the killed run left, then run the same command again to the end.
import { LakeProcess, type WatchOptions, type WatchOutcome } from './lake-process';
import { tempFilesUnder } from './lake-probe';
import type { LakeSandbox } from './lake-cli';
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
