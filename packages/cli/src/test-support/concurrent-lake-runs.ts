// Starts several `lake` runs at once in one LakeSandbox (one LAKE_HOME: one catalog, one storage
// folder, one publish folder) and waits for all of them, bounded: a run still going after
// `limitMs` is SIGKILLed and reported, so a deadlock fails the test instead of hanging it.
import { spawn } from 'node:child_process';
import { RUN_JS, type LakeSandbox } from './lake-cli';

export interface FinishedRun {
  args: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The tail of the run's log (stderr). */
  stderr: string;
}

export async function runConcurrently(sandbox: LakeSandbox, runs: string[][], limitMs = 300_000): Promise<FinishedRun[]> {
  return Promise.all(runs.map((args) => runBounded(sandbox, args, limitMs)));
}

function runBounded(sandbox: LakeSandbox, args: string[], limitMs: number): Promise<FinishedRun> {
  // The sandbox's own environment (LAKE_HOME, XDG folders, …): the same isolation as its `lake()`.
  const env = sandbox['env'] as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, [RUN_JS, ...args], { cwd: sandbox.cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    stderr = (stderr + text).slice(-20_000);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ args, code, signal, stderr });
    });
  });
}
