import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REGISTER_TS, tsChildEnv } from '@lake/testing';
import { MemoryLogger } from '../log/logger';
import { withFileLock } from './file-lock';

const LOOPER = path.join(__dirname, '..', 'test-support', 'file-lock-looper.ts');

describe('withFileLock', () => {
  let dir: string;
  const lockPath = () => path.join(dir, 'ds.csv.lock');
  // A short wait: a lock whose holder is gone must be taken over at once, never waited out.
  const lockSoon = (log = new MemoryLogger()) => withFileLock(lockPath(), async () => fs.readFileSync(lockPath(), 'utf8'), { waitMs: 2_000, log });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-file-lock-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds the lock file with its own pid in it while the work runs, and removes it afterwards', async () => {
    expect(await lockSoon()).toBe(`${process.pid}\n`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('takes over a lock file with no pid in it, as a run killed between creating and filling it left it', async () => {
    fs.writeFileSync(lockPath(), '');
    const log = new MemoryLogger();
    expect(await lockSoon(log)).toBe(`${process.pid}\n`);
    expect(log.text()).toContain('taking over the lock of a run that left no process id in it');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('removes the pending lock file a run killed while locking left, and keeps a live run\'s', async () => {
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '']);
      child.once('exit', () => resolve(child.pid as number));
    });
    fs.writeFileSync(path.join(dir, `ds.csv.lock.${dead}.0c3d.pending`), `${dead}\n`);
    fs.writeFileSync(path.join(dir, `ds.csv.lock.${process.pid}.5e6f.pending`), `${process.pid}\n`);
    await lockSoon();
    expect(fs.readdirSync(dir)).toEqual([`ds.csv.lock.${process.pid}.5e6f.pending`]);
  });

  it('lets the next run lock at once, wherever a run was killed while it took and gave up the lock', async () => {
    // Milliseconds after the looper's start: spread over many lock-unlock cycles of its own.
    for (const delayMs of [0, 1, 2, 3, 5, 8, 13, 21, 34, 55]) {
      const looper = spawn(process.execPath, ['-e', `${REGISTER_TS}require(process.argv[1]);`, LOOPER, lockPath()], { env: tsChildEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise((resolve) => looper.once('exit', resolve));
      await new Promise<void>((resolve) => looper.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      looper.kill('SIGKILL');
      await exited;

      expect({ delayMs, lockedBy: await lockSoon() }).toEqual({ delayMs, lockedBy: `${process.pid}\n` });
      expect({ delayMs, left: fs.readdirSync(dir) }).toEqual({ delayMs, left: [] });
    }
  });
});
