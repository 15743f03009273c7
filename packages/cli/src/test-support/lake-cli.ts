// Runs the built `lake` (bin/run.js) in a child process with everything isolated: its own
// LAKE_HOME, XDG data/cache/config folders (where `plugins link` keeps its state) and cwd, so no
// lake.config.json or linked plugin of the machine is picked up. Every run is bounded.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const RUN_JS = path.resolve(__dirname, '../../bin/run.js');
export const FIXTURES = path.resolve(__dirname, '../../test-fixtures');
const TIMEOUT_MS = 60_000;

export interface LakeRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout + stderr with oclif's warning frames and line wrapping flattened to single spaces. */
  text: string;
}

export class LakeSandbox {
  readonly root = mkdtempSync(path.join(os.tmpdir(), 'lake-cli-'));
  readonly home = path.join(this.root, 'home');
  readonly cwd = path.join(this.root, 'cwd');
  private readonly env: NodeJS.ProcessEnv;

  constructor(extraEnv: NodeJS.ProcessEnv = {}) {
    for (const dir of [this.home, this.cwd, 'xdg-data', 'xdg-cache', 'xdg-config']) mkdirSync(path.resolve(this.root, dir), { recursive: true });
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('LAKE_')));
    this.env = {
      ...inherited,
      LAKE_HOME: this.home,
      XDG_DATA_HOME: path.join(this.root, 'xdg-data'),
      XDG_CACHE_HOME: path.join(this.root, 'xdg-cache'),
      XDG_CONFIG_HOME: path.join(this.root, 'xdg-config'),
      FORCE_COLOR: '0',
      NO_COLOR: '1',
      ...extraEnv,
    };
  }

  /** `lake <args>`, whatever its exit status. */
  lake(...args: string[]): LakeRun {
    return this.lakeWithInput('', ...args);
  }

  /** `lake <args>` with `input` on its stdin, whatever its exit status. */
  lakeWithInput(input: string, ...args: string[]): LakeRun {
    const child = spawnSync(process.execPath, [RUN_JS, ...args], {
      cwd: this.cwd,
      env: this.env,
      input,
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    if (child.error) throw child.error;
    const stdout = child.stdout ?? '';
    const stderr = child.stderr ?? '';
    return { status: child.status, stdout, stderr, text: flatten(`${stdout}\n${stderr}`) };
  }

  /** `lake <args> --json`, parsed; throws (with its stderr) when the run fails. */
  json<T = unknown>(...args: string[]): T {
    const run = this.lake(...args, '--json');
    if (run.status !== 0) throw new Error(`lake ${args.join(' ')} exited ${run.status}:\n${run.stderr}`);
    return JSON.parse(run.stdout) as T;
  }

  path(...parts: string[]): string {
    return path.join(this.root, ...parts);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

function flatten(text: string): string {
  return text.replace(/›/g, ' ').replace(/\s+/g, ' ').trim();
}
