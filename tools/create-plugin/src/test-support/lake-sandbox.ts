// Runs a `lake` binary in a child process with everything isolated: its own LAKE_HOME and XDG
// data/cache/config folders (where `plugins link` keeps its state) and its own cwd, so no
// lake.config.json or linked plugin of the machine is read or changed. Every run is bounded.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './bounded-run';

/** The workspace's own host: packages/cli/bin/run.js. */
export const WORKSPACE_LAKE = path.join(path.dirname(require.resolve('@lake/cli/package.json')), 'bin', 'run.js');

export interface LakeRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout + stderr with oclif's warning frames and line wrapping flattened to single spaces. */
  text: string;
}

export class LakeSandbox {
  readonly root: string;
  readonly home: string;
  readonly cwd: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    private readonly runJs: string = WORKSPACE_LAKE,
    extraEnv: NodeJS.ProcessEnv = {},
  ) {
    this.root = mkdtempSync(path.join(os.tmpdir(), 'lake-sandbox-'));
    this.home = path.join(this.root, 'home');
    this.cwd = path.join(this.root, 'cwd');
    for (const dir of ['home', 'cwd', 'xdg-data', 'xdg-cache', 'xdg-config']) mkdirSync(path.join(this.root, dir), { recursive: true });
    // Without NODE_ENV, as users run lake: jest sets it to `test`, which makes oclif treat every
    // plugin as in development (it looks for TypeScript sources first) and changes hook timing.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('LAKE_') && !/^npm_/i.test(name) && name !== 'NODE_ENV'));
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

  lake(...args: string[]): LakeRun {
    return this.lakeWith({}, ...args);
  }

  /** `lake <args>` with some environment variables added. */
  lakeWith(env: NodeJS.ProcessEnv, ...args: string[]): LakeRun {
    const ran = run(process.execPath, [this.runJs, ...args], { cwd: this.cwd, env: { ...this.env, ...env }, timeoutMs: 60_000 });
    return { ...ran, text: `${ran.stdout}\n${ran.stderr}`.replace(/›/g, ' ').replace(/\s+/g, ' ').trim() };
  }

  /** `lake <args> --json`, parsed; throws (with stderr) when the run fails. */
  json<T = unknown>(...args: string[]): T {
    const ran = this.lake(...args, '--json');
    if (ran.status !== 0) throw new Error(`lake ${args.join(' ')} exited ${ran.status}:\n${ran.stdout}\n${ran.stderr}`);
    return JSON.parse(ran.stdout) as T;
  }

  path(...parts: string[]): string {
    return path.join(this.root, ...parts);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Topic names in the TOPICS section of `lake --help`. */
export function topicsOf(help: string): string[] {
  const section = help.split('TOPICS')[1]?.split('COMMANDS')[0] ?? '';
  return [...section.matchAll(/^ {2}(\S+) /gm)].map((match) => match[1]);
}
