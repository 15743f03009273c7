// An advisory lock between processes (and between objects of one process) sharing a file: a lock
// file created exclusively (`wx`) holding the holder's pid. A holder that died without releasing
// it (killed run) is recognised by its pid no longer being alive, and its lock taken over.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { LakeError } from '../errors';
import type { Logger } from '../log/logger';
import { silentLogger } from '../log/logger';
import { processIsAlive } from './process-alive';

export class FileLocked extends LakeError {
  constructor(code: string, lockPath: string, holder: number | null, waitedMs: number) {
    super(
      code,
      `${lockPath} is still held by ${holder === null ? 'another run' : `process ${holder}`} after waiting ${Math.round(waitedMs / 1000)} s`,
      `another lake run is writing the same file; let it finish and run again${holder === null ? '' : `, or stop process ${holder} if it hangs`}`,
    );
  }
}

export interface FileLockOptions {
  /** How long to wait for a live holder before giving up. */
  waitMs?: number;
  /** The code of the error thrown when the wait runs out. */
  code?: string;
  log?: Logger;
}

const RETRY_FIRST_MS = 10;
const RETRY_MAX_MS = 250;

/** Runs `work` while holding `lockPath`; the lock is released however `work` ends. */
export async function withFileLock<T>(lockPath: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  await acquire(lockPath, options);
  try {
    return await work();
  } finally {
    await fs.promises.rm(lockPath, { force: true });
  }
}

async function acquire(lockPath: string, options: FileLockOptions): Promise<void> {
  const waitMs = options.waitMs ?? 60_000;
  const log = options.log ?? silentLogger;
  const started = Date.now();
  let delay = RETRY_FIRST_MS;
  let announced = false;
  for (;;) {
    if (await tryCreate(lockPath)) return;
    const holder = await holderOf(lockPath);
    if (holder !== null && !processIsAlive(holder)) {
      log.warn(`${lockPath}: taking over the lock of process ${holder}, which is no longer running`);
      await takeOver(lockPath, holder);
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= waitMs) throw new FileLocked(options.code ?? 'FILE_LOCKED', lockPath, holder, waited);
    if (!announced) {
      announced = true;
      log.info(`${lockPath} is held by ${holder === null ? 'another run' : `process ${holder}`}; waiting for it`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, RETRY_MAX_MS);
  }
}

async function tryCreate(lockPath: string): Promise<boolean> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(lockPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.write(`${process.pid}\n`);
  } finally {
    await handle.close();
  }
  return true;
}

/** The pid in the lock file; null while its creator has not written it yet (or it just went). */
async function holderOf(lockPath: string): Promise<number | null> {
  let text: string;
  try {
    text = await fs.promises.readFile(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const pid = Number.parseInt(text.trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/**
 * Moves the dead holder's lock aside. Two waiters may both see it dead: the second could move
 * aside the lock the first has just created, so what was moved is checked, and a live lock put
 * back (link fails rather than overwrite if yet another run locked meanwhile).
 */
async function takeOver(lockPath: string, deadPid: number): Promise<void> {
  const aside = `${lockPath}.${randomUUID()}.stale`;
  try {
    await fs.promises.rename(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if ((await holderOf(aside)) !== deadPid) await fs.promises.link(aside, lockPath).catch(() => undefined);
  } finally {
    await fs.promises.rm(aside, { force: true });
  }
}
