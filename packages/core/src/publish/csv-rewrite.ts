// Rewriting a dataset CSV without holding it in memory: records stream through an edit into a
// temp file beside the file, which replaces it only once complete and synced. A run killed
// mid-rewrite leaves the old file whole and at most a stale temp file, which the next driver to
// open that dataset removes (removeStaleRewrites).
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCsvRecords, type CsvRecord } from './csv-records';

export const REWRITE_SUFFIX = '.lake-tmp';
const WRITE_BATCH_CHARS = 64 * 1024;

export interface CsvEdit {
  /** The text that takes the record's place ('' drops it). Record 0 is the header. */
  record(record: CsvRecord, index: number): string;
  /** Text written after the last record. */
  end?(): string;
  /** Asked once all is written: false keeps the old file (nothing changed). Default true. */
  changed?(): boolean;
}

export async function rewriteCsvFile(filePath: string, edit: CsvEdit): Promise<void> {
  const temp = path.join(path.dirname(filePath), `${rewritePrefix(filePath)}${randomUUID()}${REWRITE_SUFFIX}`);
  const out = await fs.promises.open(temp, 'wx');
  try {
    let pending = '';
    let index = 0;
    for await (const record of readCsvRecords(fs.createReadStream(filePath))) {
      pending += edit.record(record, index++);
      if (pending.length >= WRITE_BATCH_CHARS) {
        await out.write(pending);
        pending = '';
      }
    }
    await out.write(pending + (edit.end?.() ?? ''));
    await out.sync();
    await out.close();
    if (edit.changed?.() ?? true) await fs.promises.rename(temp, filePath);
    else await fs.promises.rm(temp, { force: true });
  } catch (error) {
    await out.close().catch(() => undefined);
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
}

/**
 * Removes temp files an earlier, killed rewrite of `filePath` left. Only safe holding the
 * dataset's lock (the embedded driver calls it so): a live run rewrites only while holding it.
 */
export async function removeStaleRewrites(filePath: string): Promise<void> {
  const prefix = rewritePrefix(filePath);
  let names: string[];
  try {
    names = await fs.promises.readdir(path.dirname(filePath));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && name.endsWith(REWRITE_SUFFIX)) await fs.promises.rm(path.join(path.dirname(filePath), name), { force: true });
  }
}

function rewritePrefix(filePath: string): string {
  return `.${path.basename(filePath)}.`;
}
