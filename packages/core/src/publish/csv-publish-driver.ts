// The embedded publish driver: one CSV per dataset in a folder. Rows are appended (no upsert:
// republishing a file adds its rows again); `delete` rewrites the file without the given ids.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LakeError } from '../errors';
import type { Logger } from '../log/logger';
import { silentLogger } from '../log/logger';
import { CsvFile } from './csv-file';
import { readCsvRecords } from './csv-records';
import { datasetCsvPath } from './dataset-csv-path';
import type { PublishDriver, PublishResult, PublishRow } from './publish-driver';
import { SerialQueue } from './serial-queue';

export class UnknownIdColumn extends LakeError {
  constructor(file: string, idColumn: string) {
    super('UNKNOWN_ID_COLUMN', `${file} has no column "${idColumn}"`, 'pass the dataset\'s row identifier column, e.g. record_id');
  }
}

export class CsvPublishDriver implements PublishDriver {
  readonly preferredChunk = 10_000;
  private readonly files = new Map<string, CsvFile>();
  // Appends and rewrites of the same folder never interleave.
  private readonly queue = new SerialQueue();

  constructor(
    readonly dir: string,
    private readonly log: Logger = silentLogger,
  ) {}

  filePath(dataset: string): string {
    return datasetCsvPath(this.dir, dataset);
  }

  async write(dataset: string, rows: PublishRow[]): Promise<PublishResult> {
    const file = this.fileOf(dataset);
    await this.queue.run(() => file.append(rows));
    return { created: rows.length, updated: 0, deleted: 0 };
  }

  async delete(dataset: string, idColumn: string, ids: string[]): Promise<PublishResult> {
    const filePath = this.filePath(dataset);
    const deleted = await this.queue.run(async () => {
      await this.files.get(dataset)?.close();
      this.files.delete(dataset);
      return rewriteWithout(filePath, idColumn, new Set(ids));
    });
    return { created: 0, updated: 0, deleted };
  }

  async close(): Promise<void> {
    await this.queue.run(async () => {
      for (const file of this.files.values()) await file.close();
      this.files.clear();
    });
  }

  private fileOf(dataset: string): CsvFile {
    let file = this.files.get(dataset);
    if (!file) {
      file = new CsvFile(this.filePath(dataset), this.log);
      this.files.set(dataset, file);
    }
    return file;
  }
}

const WRITE_BATCH_CHARS = 64 * 1024;

/** Streams the file into a temp file beside it, skipping rows whose id is listed; atomic rename. */
async function rewriteWithout(filePath: string, idColumn: string, ids: Set<string>): Promise<number> {
  if (ids.size === 0 || !fs.existsSync(filePath)) return 0;
  const temp = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${randomUUID()}.lake-tmp`);
  const out = await fs.promises.open(temp, 'wx');
  let deleted = 0;
  let pending = '';
  try {
    let idIndex = -1;
    for await (const record of readCsvRecords(fs.createReadStream(filePath))) {
      if (idIndex < 0) {
        idIndex = record.fields.indexOf(idColumn);
        if (idIndex < 0) throw new UnknownIdColumn(filePath, idColumn);
      } else if (ids.has(record.fields[idIndex] ?? '')) {
        deleted++;
        continue;
      }
      pending += record.raw;
      if (pending.length >= WRITE_BATCH_CHARS) {
        await out.write(pending);
        pending = '';
      }
    }
    await out.write(pending);
    await out.sync();
    await out.close();
    if (deleted > 0) await fs.promises.rename(temp, filePath);
    else await fs.promises.rm(temp, { force: true });
    return deleted;
  } catch (error) {
    await out.close().catch(() => undefined);
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
}
