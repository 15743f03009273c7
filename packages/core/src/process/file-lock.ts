// An advisory lock between processes (and between objects of one process) sharing a file: a lock
// file holding the holder's pid, put in place exclusively (a hard link, which fails if the lock
// exists) with the pid already in it. A holder that died without releasing it (killed run) is
// recognised by its pid no longer being alive, and its lock taken over.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
    if (await tryCreate(lockPath)) {
      await removeDeadPending(lockPath);
      return;
    }
    const holder = await holderOf(lockPath);
    if (holder === GONE) continue;
    // Every lock tryCreate makes holds a pid: one without was left by an older lake's run killed
    // while it locked (it created the file, then wrote its pid).
    if (holder === null || !processIsAlive(holder)) {
      log.warn(`${lockPath}: taking over the lock of ${holder === null ? 'a run that left no process id in it' : `process ${holder}`}, which is no longer running`);
      await takeOver(lockPath, holder);
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= waitMs) throw new FileLocked(options.code ?? 'FILE_LOCKED', lockPath, holder, waited);
    if (!announced) {
      announced = true;
      log.info(`${lockPath} is held by process ${holder}; waiting for it`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, RETRY_MAX_MS);
  }
}

/**
 * Puts the lock in place with this process's pid already in it: the pid is written to a pending
 * file of its own, which is then hard-linked to the lock's name (failing if a lock exists). A
 * lock file created empty and filled afterwards stays empty when the run is killed in between,
 * and then holds every later run off, none of them able to tell its holder is gone.
 */
async function tryCreate(lockPath: string): Promise<boolean> {
  const pending = `${lockPath}.${process.pid}.${randomUUID()}${PENDING_SUFFIX}`;
  await fs.promises.writeFile(pending, `${process.pid}\n`);
  try {
    await fs.promises.link(pending, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await fs.promises.rm(pending, { force: true });
  }
}

const PENDING_SUFFIX = '.pending';
/** `holderOf` of a lock that is not there (any more). */
const GONE = 'gone';

/** Removes the pending files of `lockPath` that runs killed while locking left (called holding the lock). */
async function removeDeadPending(lockPath: string): Promise<void> {
  const prefix = `${path.basename(lockPath)}.`;
  for (const name of await fs.promises.readdir(path.dirname(lockPath))) {
    if (!name.startsWith(prefix) || !name.endsWith(PENDING_SUFFIX)) continue;
    const pid = Number.parseInt(name.slice(prefix.length), 10);
    if (Number.isInteger(pid) && pid > 0 && !processIsAlive(pid)) await fs.promises.rm(path.join(path.dirname(lockPath), name), { force: true });
  }
}

/** The pid in the lock file; null when it holds none, GONE when there is no lock file. */
async function holderOf(lockPath: string): Promise<number | null | typeof GONE> {
  let text: string;
  try {
    text = await fs.promises.readFile(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return GONE;
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
async function takeOver(lockPath: string, deadPid: number | null): Promise<void> {
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
