// ready → public datasets (bluetooth.md §6): one Socrata dataset per file type; a file counts as
// published (catalog row in `public`) only once all its rows were sent. Streamed: the ready file
// is read in two passes (its devices come after its data), the day's numbering from the address
// column of its other files; no file is ever held whole.
import {
  ConfigError,
  LakeJsonFile,
  rowIdsOf,
  Stage,
  type CatalogEntry,
  type PublishedRowId,
  type PublishedRowIds,
  type PublishRow,
  type StageContext,
  type WorkItem,
} from '@lake/core';
import { DEFAULT_DATASETS, type BluetoothFileType } from '../formats/file-types';
import { DeviceAddressNumbering, type ReadyRowsLoader } from '../publish/device-addresses';
import { readyOutline, readyRecordBatches, recordsOf } from '../publish/ready-records';
import { emptyTally, ReadyDevices, socrataRow, type PublishTally } from '../publish/rows';
import { jsonFileType } from '../ready/ready-file';

/** Every Bluetooth dataset's row identifier. */
export const RECORD_ID_COLUMN = 'record_id';

/** The rows of one ready file, as bt:publish sends them and `lake publish purge bt` deletes them. */
interface FileRows {
  dataset: string;
  rows: AsyncIterable<PublishRow>;
  /** Counted while `rows` is read. */
  tally: PublishTally;
  skipped: { notRecords: number };
}

export class BluetoothPublish extends Stage<CatalogEntry> implements PublishedRowIds {
  readonly name = 'bt:publish';
  readonly description = 'Publish ready Bluetooth files to their public datasets';
  readonly dataSource = 'bt';
  readonly from = 'ready';
  readonly to = 'public';
  readonly perfmetStage = 'Publish';
  // keyMode stays base+ext: each file type of a day is published on its own (core C-15 fixed).

  // Per run: a stage object serves every run of the process.
  private readonly numberings = new WeakMap<StageContext, DeviceAddressNumbering>();

  async processItem(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
    const file = await this.fileRows(item, ctx);
    if (!file) return 0;
    ctx.log.info(`${item.label}: ${ctx.repository(this.from)} -> ${file.dataset}`);
    // The catalog row is written only once every row was sent.
    const published = await ctx.publishRows(item, file.dataset, RECORD_ID_COLUMN, file.rows);
    logTally(ctx, item.label, file.tally, file.skipped.notRecords);
    ctx.perfmet.recordCollect(item.date);
    return published;
  }

  /** The record_ids publishing the file sends: the same rows, built by the same code. */
  async *publishedRowIds(item: WorkItem<CatalogEntry>, ctx: StageContext): AsyncGenerator<PublishedRowId> {
    const file = await this.fileRows(item, ctx);
    if (file) yield* rowIdsOf(file.rows, file.dataset, RECORD_ID_COLUMN);
  }

  /**
   * The dataset and rows of a ready file (null for a file type that is not published). Streamed:
   * the file is read in two passes, its devices first; the day's numbering comes from the
   * address columns of its other files.
   */
  private async fileRows(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<FileRows | null> {
    const type = jsonFileType(item.ext);
    if (!type) {
      ctx.log.warn(`Unsupported file type or extension: ${item.ext}`);
      return null;
    }
    const dataset = datasetOf(type, ctx);
    const source = await ctx.source();
    const file = new LakeJsonFile(() => source.read(item.label), 'data', `${source.repository}/${item.label}`);
    const { devices } = await readyOutline(file);
    const addresses = type === 'traf_match_summary' ? null : await this.numbering(ctx).forDay(item.base, item.date);
    const context = { time: ctx.time, devices: new ReadyDevices(devices), addresses, tally: emptyTally() };
    const skipped = { notRecords: 0 };
    async function* rows(): AsyncGenerator<PublishRow> {
      for await (const values of file.batches()) {
        const batch = recordsOf(values);
        skipped.notRecords += batch.notRecords;
        for (const record of batch.records) yield socrataRow(type as BluetoothFileType, record, context);
      }
    }
    return { dataset, rows: rows(), tally: context.tally, skipped };
  }

  private numbering(ctx: StageContext): DeviceAddressNumbering {
    let numbering = this.numberings.get(ctx);
    if (!numbering) {
      numbering = new DeviceAddressNumbering(readyRowsLoader(ctx), ctx.log, ctx.time);
      this.numberings.set(ctx, numbering);
    }
    return numbering;
  }
}

/** The dataset of a file type: `sources.bt.datasets.<type>` in the config, else the original's. */
export function datasetOf(type: BluetoothFileType, ctx: StageContext): string {
  const configured = ctx.option<unknown>('datasets');
  if (configured === undefined || configured === null) return DEFAULT_DATASETS[type];
  if (typeof configured !== 'object' || Array.isArray(configured)) {
    throw new ConfigError('sources.bt.datasets must be an object', 'e.g. {"unmatched": "qnpj-zrb9", "matched": "x44q-icha", "traf_match_summary": "v7zg-5jg9"}');
  }
  const dataset = (configured as Record<string, unknown>)[type];
  if (dataset === undefined) return DEFAULT_DATASETS[type];
  if (typeof dataset !== 'string' || dataset === '') throw new ConfigError(`sources.bt.datasets.${type} must be a dataset id`);
  return dataset;
}

/** Streams a day's ready file of a type (found through the catalog, as any reader of the lake does). */
function readyRowsLoader(ctx: StageContext): ReadyRowsLoader {
  return async (type, base, date) => {
    const entry = await ctx.catalog.single(ctx.repository('ready'), ctx.stage.dataSource, base, `${type}.json`, date);
    if (!entry) return null;
    const source = await ctx.source();
    return readyRecordBatches(await source.read(entry.pointer), `${source.repository}/${entry.pointer}`);
  };
}

function logTally(ctx: StageContext, label: string, tally: PublishTally, notRecords: number): void {
  if (tally.nullTimes > 0) ctx.log.warn(`${label}: ${tally.nullTimes} times were missing or unreadable and were published as null`);
  if (tally.unknownDevices > 0) ctx.log.warn(`${label}: ${tally.unknownDevices} device ids were not among the file's devices; the rows' reader ids were used`);
  if (tally.missingAddresses > 0) ctx.log.warn(`${label}: ${tally.missingAddresses} rows had no device address`);
  if (notRecords > 0) ctx.log.warn(`${label}: skipped ${notRecords} data entries that are not records`);
}
