// A run that takes and releases one file lock over and over until it is killed: the file-lock
// test SIGKILLs it at many moments, so some kills land while it is taking or giving up the lock.
// Prints `locking` once it is about to take the lock the first time.
import { withFileLock } from '../process/file-lock';

const [lockPath] = process.argv.slice(2);

async function main(): Promise<void> {
  process.stdout.write('locking\n');
  for (;;) await withFileLock(lockPath, async () => undefined);
}

void main();
