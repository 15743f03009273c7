// ready aggregation → "Camera Traffic Counts" (gridsmart.md §6). A file counts as published
// (catalog row in `public`) only once all its rows were sent; the rows carry `record_id`, the
// dataset's row identifier, so sending a file again replaces its rows. Streamed: the file is read
// in two passes, because its `device` comes after its `data`.
import { LakeJsonFile, Stage, type CatalogEntry, type KeyMode, type Provider, type StageContext, type WorkItem } from '@lake/core';
import { AGG_OPTION, aggMinutes } from '../aggregate/agg-minutes';
import { aggExt, CAMERA_COUNTS_DATASET, RECORD_ID_COLUMN } from '../gridsmart-names';
import { CameraCountsRows, hasDeviceInformation } from '../publish/camera-counts-row';

export class GridsmartPublish extends Stage<CatalogEntry> {
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
    return ctx.catalogProvider('ready', { ext: aggExt(aggMinutes(ctx)) });
  }

  /** What the public catalog says was published from aggregation files of this interval. */
  override targetProvider(ctx: StageContext): Provider {
    return ctx.catalogProvider('public', { ext: aggExt(aggMinutes(ctx)) });
  }

  async processItem(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
    const minutes = aggMinutes(ctx);
    const source = await ctx.source();
    const file = new LakeJsonFile(() => source.read(item.label), 'data', `${source.repository}/${item.label}`);
    const { device } = (await file.outline()).members;
    if (!hasDeviceInformation(device)) {
      // Upstream's behaviour: no rows, no catalog row, so the file is looked at again every run
      // (a later gs:ready -F that matches a device makes it publishable).
      ctx.log.warn(`${item.label}: no device information; nothing published`);
      return 0;
    }
    const dataset = CAMERA_COUNTS_DATASET;
    ctx.log.info(`${item.label}: ${source.repository} -> ${ctx.publishedDataset(dataset)}`);
    const publisher = await ctx.publisher(dataset, { idColumn: RECORD_ID_COLUMN });
    const rows = new CameraCountsRows({ time: ctx.time, device, binSeconds: minutes * 60, dropUnassigned: ctx.option<boolean>('no_unassigned') === true });
    let published = 0;
    for await (const values of file.batches()) {
      for (const value of values) {
        const row = rows.row(value);
        if (!row) continue;
        await publisher.add(row);
        published++;
      }
    }
    await publisher.flush();
    publisher.reset();
    // Only now: a file whose rows failed half-way has no catalog row and is sent again next run.
    await ctx.recordPublished(item, dataset);
    for (const [message, count] of rows.warnings) ctx.log.warn(`${item.label}: ${message} (${count} rows)`);
    if (rows.firstPassRows > 0) ctx.log.info(`${item.label}: ${rows.firstPassRows} rows of the first pass through the repeated hour got record ids with their offset`);
    ctx.perfmet.recordCollect(item.date);
    return published;
  }
}
