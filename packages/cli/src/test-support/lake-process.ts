// `lake` started in the background in a LakeSandbox, so a test can watch the lake while a stage
// runs and SIGKILL it in the middle: the closest a test gets to a crash, an OOM kill or a reboot.
import { spawn, type ChildProcess } from 'node:child_process';
import { RUN_JS, type LakeSandbox } from './lake-cli';

/** How a watched run ended. */
export type WatchOutcome =
  /** Killed while `midRun` and `prefer` held. */
  | 'killed at preferred'
  /** Killed while `midRun` held (`prefer` not given, or not seen within `patience`). */
  | 'killed'
  /** Exited on its own before `midRun` was ever seen: the kill could not land. */
  | 'finished';

export interface WatchOptions {
  /** Checked between polls; the run is killed once it holds (see `prefer`). */
  midRun: () => boolean;
  /**
   * A sharper moment to kill at (e.g. a write in flight), checked while `midRun` holds; after
   * `patience` half-way polls without it, the run is killed anyway.
   */
  prefer?: () => boolean;
  /** Half-way polls to wait for `prefer` (default 50). */
  patience?: number;
  /** Pause between checks (default 10 ms). */
  pollMs?: number;
  /** Upper bound on the whole watch; past it the run is killed and the watch throws (default 120 s). */
  limitMs?: number;
}

/** The banner `runStage` logs before it opens the catalog: the end of the CLI's start-up. */
const STAGE_BANNER = '== Starting ';

export class LakeProcess {
  /** When the process was spawned (ms since the epoch). */
  readonly spawnedAt = Date.now();
  /** When the stage's banner was first seen on stderr, if it was (ms since the epoch). */
  stageStartedAt: number | undefined;
  /** When the process was seen to exit (ms since the epoch). */
  exitedAt: number | undefined;
  private readonly child: ChildProcess;
  private readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private exited = false;
  private stderrText = '';

  constructor(sandbox: LakeSandbox, args: string[]) {
    // The sandbox's own environment (LAKE_HOME, XDG folders, …): the same isolation as its `lake()`.
    const env = sandbox['env'];
    this.child = spawn(process.execPath, [RUN_JS, ...args], { cwd: sandbox.cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (text: string) => {
      // The tail is enough to explain a failure; a long run's log must not fill the test's memory.
      this.stderrText = (this.stderrText + text).slice(-20_000);
      if (this.stageStartedAt === undefined && this.stderrText.includes(STAGE_BANNER)) this.stageStartedAt = Date.now();
    });
    this.exit = new Promise((resolve, reject) => {
      this.child.once('error', reject);
      this.child.once('exit', (code, signal) => {
        this.exited = true;
        this.exitedAt = Date.now();
        resolve({ code, signal });
      });
    });
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** Waits for the process to exit by itself (bounded: killed and reported after `limitMs`). */
  async finished(limitMs = 120_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const timer = setTimeout(() => this.child.kill('SIGKILL'), limitMs);
    try {
      return await this.exit;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Polls `midRun` until it holds, then SIGKILLs the process and waits for it to be gone. Bounded:
   * a run that neither reaches that state nor exits within `limitMs` is killed and reported.
   */
  async killWhen(options: WatchOptions): Promise<WatchOutcome> {
    const pollMs = options.pollMs ?? 10;
    const deadline = Date.now() + (options.limitMs ?? 120_000);
    let halfWayPolls = 0;
    while (!this.exited) {
      if (options.midRun()) {
        const preferred = options.prefer?.() ?? false;
        if (preferred || !options.prefer || ++halfWayPolls > (options.patience ?? 50)) {
          this.child.kill('SIGKILL');
          const { signal } = await this.exit;
          // It may have exited by itself between the check and the kill.
          if (signal !== 'SIGKILL') return 'finished';
          return preferred ? 'killed at preferred' : 'killed';
        }
      }
      if (Date.now() > deadline) {
        this.child.kill('SIGKILL');
        await this.exit;
        throw new Error(`lake neither reached the awaited state nor exited in time; its log ends with:\n${this.stderrText}`);
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    const { code } = await this.exit;
    if (code !== 0) throw new Error(`lake exited ${code} before it could be killed; its log ends with:\n${this.stderrText}`);
    return 'finished';
  }
}
