// Child processes for the end-to-end tests: every run has a timeout (killed with SIGKILL, so a
// hung npm or lake cannot hold the suite), and a failure throws with what the child printed.
import { spawnSync } from 'node:child_process';

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export function run(command: string, args: string[], options: RunOptions): Ran {
  const child = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.error) throw child.error;
  return { status: child.status, stdout: child.stdout ?? '', stderr: child.stderr ?? '' };
}

/** Like run, but throws unless the child exits 0. */
export function runOk(command: string, args: string[], options: RunOptions): Ran {
  const ran = run(command, args, options);
  if (ran.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${options.cwd}) exited ${ran.status}:\n${ran.stdout.slice(-4000)}\n${ran.stderr.slice(-4000)}`);
  }
  return ran;
}

/** Text without ANSI colour codes (nx forces colours on for the tasks it runs). */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
