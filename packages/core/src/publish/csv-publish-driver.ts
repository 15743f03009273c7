// The embedded publish driver: one CSV per dataset in a folder, for small deployments and demos.
// Told which column identifies a row, `write` upserts like Socrata does: a row whose id the file
// already holds replaces it, so re-publishing a file (after a run died half-way) duplicates
// nothing. Memory stays at the set of ids of each dataset written: the file itself is only ever
// streamed, and rewritten (streamed, to a temp file renamed over it) only when a batch holds ids
// already present; a batch of new ids is a plain append. Without an id column rows are appended.
// Two runs (processes) may publish the same dataset at once: each write or delete holds the
// dataset's lock file for its duration, and re-reads the ids when the other run changed the file.
import * as fs from 'node:fs';
import type { Logger } from '../log/logger';
import { silentLogger } from '../log/logger';
import { withFileLock } from '../process/file-lock';
import { CsvFile, renderCsvValue } from './csv-file';
import { removeStaleRewrites, rewriteCsvFile } from './csv-rewrite';
import { MissingRowId, UnknownIdColumn, readCsvIds } from './csv-row-ids';
import { datasetCsvPath } from './dataset-csv-path';
import type { PublishDriver, PublishResult, PublishRow, PublishWriteOptions } from './publish-driver';
import { SerialQueue } from './serial-queue';

export { MissingRowId, UnknownIdColumn } from './csv-row-ids';

interface DatasetCsv {
  file: CsvFile;
  /** The ids in the file, by column, once an upsert needed them. */
  ids: { column: string; values: Set<string> } | null;
  /** The file as this driver last left it; another stamp means another run wrote it since. */
  stamp: string | null;
}

export interface CsvPublishDriverOptions {
  /** How long a write waits for another run holding the dataset before failing PUBLISH_LOCKED. */
  lockWaitMs?: number;
}

export class CsvPublishDriver implements PublishDriver {
  readonly preferredChunk = 10_000;
  private readonly datasets = new Map<string, DatasetCsv>();
  // Appends and rewrites of the same folder never interleave.
  private readonly queue = new SerialQueue();

  constructor(
    readonly dir: string,
    private readonly log: Logger = silentLogger,
    private readonly options: CsvPublishDriverOptions = {},
  ) {}

  filePath(dataset: string): string {
    return datasetCsvPath(this.dir, dataset);
  }

  async write(dataset: string, rows: PublishRow[], options: PublishWriteOptions = {}): Promise<PublishResult> {
    const { idColumn } = options;
    if (!idColumn) {
      await this.locked(dataset, async (csv) => {
        await csv.file.append(rows);
        if (csv.ids) for (const row of rows) csv.ids.values.add(renderCsvValue(row[csv.ids.column]));
      });
      return { created: rows.length, updated: 0, deleted: 0 };
    }
    const batch = rowsById(dataset, rows, idColumn);
    return this.locked(dataset, async (csv) => {
      const ids = await this.idsOf(csv, idColumn);
      const updated = [...batch.keys()].filter((id) => ids.has(id)).length;
      if (updated === 0) await csv.file.append([...batch.values()]);
      else await csv.file.upsert(idColumn, batch);
      for (const id of batch.keys()) ids.add(id);
      return { created: batch.size - updated, updated, deleted: 0 };
    });
  }

  async delete(dataset: string, idColumn: string, ids: string[]): Promise<PublishResult> {
    const deleted = await this.locked(dataset, async (csv) => {
      await csv.file.close(); // the rewrite replaces the file its append handle points at
      const count = await rewriteWithout(csv.file.filePath, idColumn, new Set(ids));
      if (csv.ids?.column === idColumn) for (const id of ids) csv.ids.values.delete(id);
      else csv.ids = null;
      return count;
    });
    return { created: 0, updated: 0, deleted };
  }

  async close(): Promise<void> {
    await this.queue.run(async () => {
      for (const csv of this.datasets.values()) await csv.file.close();
      this.datasets.clear();
    });
  }

  /**
   * Runs one write or delete of the dataset holding its lock: in turn within this driver, and
   * against other drivers and processes through the lock file. The lock is held per call, not
   * for the driver's life, so two runs publishing the same dataset take turns batch by batch.
   */
  private locked<T>(dataset: string, work: (csv: DatasetCsv) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      const filePath = this.filePath(dataset);
      await fs.promises.mkdir(this.dir, { recursive: true });
      const lockOptions = { waitMs: this.options.lockWaitMs, code: 'PUBLISH_LOCKED', log: this.log };
      return withFileLock(`${filePath}${LOCK_SUFFIX}`, async () => {
        const csv = await this.datasetOf(dataset);
        const stamp = await stampOf(filePath);
        if (stamp !== csv.stamp) {
          // Another run wrote the file (or replaced it): forget its ids and the append handle.
          await csv.file.close();
          csv.ids = null;
        }
        try {
          return await work(csv);
        } finally {
          await csv.file.close(); // the next run to lock the file may replace it
          csv.stamp = await stampOf(filePath);
        }
      }, lockOptions);
    });
  }

  /** Called holding the lock: temp files found then are leftovers of killed rewrites. */
  private async datasetOf(dataset: string): Promise<DatasetCsv> {
    let csv = this.datasets.get(dataset);
    if (!csv) {
      const filePath = this.filePath(dataset);
      await removeStaleRewrites(filePath);
      csv = { file: new CsvFile(filePath, this.log), ids: null, stamp: null };
      this.datasets.set(dataset, csv);
    }
    return csv;
  }

  private async idsOf(csv: DatasetCsv, idColumn: string): Promise<Set<string>> {
    if (csv.ids?.column !== idColumn) {
      await csv.file.close(); // reading the ids may cut a row a killed run left half-written
      csv.ids = { column: idColumn, values: await readCsvIds(csv.file.filePath, idColumn, this.log) };
    }
    return csv.ids.values;
  }
}

export const LOCK_SUFFIX = '.lock';

/** Size, modification time and inode: a rewrite renamed over the file changes the inode. */
async function stampOf(filePath: string): Promise<string | null> {
  try {
    const stat = await fs.promises.stat(filePath, { bigint: true });
    return `${stat.size}:${stat.mtimeNs}:${stat.ino}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The batch by rendered id (the file's text); a later row with the same id wins, as in Socrata. */
function rowsById(dataset: string, rows: readonly PublishRow[], idColumn: string): Map<string, PublishRow> {
  const byId = new Map<string, PublishRow>();
  for (const row of rows) {
    const id = renderCsvValue(row[idColumn]);
    if (id === '') throw new MissingRowId(dataset, idColumn);
    byId.set(id, row);
  }
  return byId;
}

/** Streams the file without the rows whose id is listed; the file is replaced only if any were. */
async function rewriteWithout(filePath: string, idColumn: string, ids: Set<string>): Promise<number> {
  if (ids.size === 0 || !fs.existsSync(filePath)) return 0;
  let deleted = 0;
  let idIndex = -1;
  await rewriteCsvFile(filePath, {
    record: (record, index) => {
      if (index === 0) {
        idIndex = record.fields.indexOf(idColumn);
        if (idIndex < 0) throw new UnknownIdColumn(filePath, idColumn);
      } else if (ids.has(record.fields[idIndex] ?? '')) {
        deleted++;
        return '';
      }
      return record.raw;
    },
    changed: () => deleted > 0,
  });
  return deleted;
}
