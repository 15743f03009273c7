// ready aggregation → "Camera Traffic Counts" (gridsmart.md §6). A file counts as published
// (catalog row in `public`) only once all its rows were sent; the rows carry `record_id`, the
// dataset's row identifier, so sending a file again replaces its rows. Streamed: the file is read
// in two passes, because its `device` comes after its `data`.
import {
  LakeJsonFile,
  rowIdsOf,
  Stage,
  type CatalogEntry,
  type KeyMode,
  type Provider,
  type PublicRowFilter,
  type PublishedRowId,
  type PublishedRowIds,
  type PublishRow,
  type StageContext,
  type WorkItem,
} from '@lake/core';
import { AGG_OPTION, aggMinutes } from '../aggregate/agg-minutes';
import { aggExt, CAMERA_COUNTS_DATASET, RECORD_ID_COLUMN } from '../gridsmart-names';
import { CameraCountsRows, hasDeviceInformation } from '../publish/camera-counts-row';

/** The rows of one aggregation file, as gs:publish sends them and `lake publish purge gs` deletes them. */
interface FileRows {
  rows: AsyncIterable<PublishRow>;
  /** Counts what was left out or changed while `rows` is read. */
  builder: CameraCountsRows;
}

export class GridsmartPublish extends Stage<CatalogEntry> implements PublishedRowIds {
  readonly name = 'gs:publish';
  readonly description = 'Publish GRIDSMART aggregations to the Camera Traffic Counts dataset';
  readonly dataSource = 'gs';
  readonly from = 'ready';
  readonly to = 'public';
  readonly perfmetStage = 'Publish';
  // Upstream keyed the public catalog by base alone.
  override readonly keyMode: KeyMode = 'base';
  override readonly options = [
    AGG_OPTION,
    { name: 'no_unassigned', char: 'u', kind: 'boolean' as const, description: 'leave out rows of Unassigned approaches', default: false },
  ];

  /** The ready aggregation files of this interval. */
  override sourceProvider(ctx: StageContext): Provider<CatalogEntry> {
    return ctx.catalogProvider('ready', this.publicRowFilter(ctx));
  }

  /** What the public catalog says was published from aggregation files of this interval. */
  override targetProvider(ctx: StageContext): Provider {
    return ctx.catalogProvider('public', this.publicRowFilter(ctx));
  }

  /** `-a` picks the aggregation files (`agg15.json`), and so the public rows recording them. */
  publicRowFilter(ctx: StageContext): PublicRowFilter {
    return { ext: aggExt(aggMinutes(ctx)) };
  }

  async processItem(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
    const file = await this.fileRows(item, ctx);
    if (!file) {
      // Upstream's behaviour: no rows, no catalog row, so the file is looked at again every run
      // (a later gs:ready -F that matches a device makes it publishable).
      ctx.log.warn(`${item.label}: no device information; nothing published`);
      return 0;
    }
    const dataset = CAMERA_COUNTS_DATASET;
    ctx.log.info(`${item.label}: ${ctx.repository(this.from)} -> ${ctx.publishedDataset(dataset)}`);
    // The catalog row is written only once every row was sent.
    const published = await ctx.publishRows(item, dataset, RECORD_ID_COLUMN, file.rows);
    const { builder } = file;
    for (const [message, count] of builder.warnings) ctx.log.warn(`${item.label}: ${message} (${count} rows)`);
    if (builder.firstPassRows > 0) ctx.log.info(`${item.label}: ${builder.firstPassRows} rows of the first pass through the repeated hour got record ids with their offset`);
    ctx.perfmet.recordCollect(item.date);
    return published;
  }

  /**
   * The record_ids publishing the file sends: the same rows, built by the same code, under the
   * same options (`-a`, `-u`; a purge without `-u` also deletes the ids of Unassigned rows a
   * `-u` run left out, which the dataset then reports as not found).
   */
  async *publishedRowIds(item: WorkItem<CatalogEntry>, ctx: StageContext): AsyncGenerator<PublishedRowId> {
    const file = await this.fileRows(item, ctx);
    if (file) yield* rowIdsOf(file.rows, CAMERA_COUNTS_DATASET, RECORD_ID_COLUMN);
  }

  /**
   * The rows of an aggregation file (null when it has no device information). Streamed: the file
   * is read in two passes, because its `device` comes after its `data`.
   */
  private async fileRows(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<FileRows | null> {
    const minutes = aggMinutes(ctx);
    const source = await ctx.source();
    const file = new LakeJsonFile(() => source.read(item.label), 'data', `${source.repository}/${item.label}`);
    const { device } = (await file.outline()).members;
    if (!hasDeviceInformation(device)) return null;
    const builder = new CameraCountsRows({ time: ctx.time, device, binSeconds: minutes * 60, dropUnassigned: ctx.option<boolean>('no_unassigned') === true });
    async function* rows(): AsyncGenerator<PublishRow> {
      for await (const values of file.batches()) {
        for (const value of values) {
          const row = builder.row(value);
          if (row) yield row;
        }
      }
    }
    return { rows: rows(), builder };
  }
}
