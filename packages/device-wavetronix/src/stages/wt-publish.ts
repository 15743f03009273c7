// ready → the "Radar Traffic Counts" dataset (wavetronix.md §5). A day counts as published
// (catalog row in `public`) only once all its rows were sent; the rows carry `row_id`, the
// dataset's row identifier, so sending a day again replaces its rows.
import { ConfigError, Stage, readLakeJsonStream, type CatalogEntry, type StageContext, type WorkItem } from '@lake/core';
import { SocrataRows, type RowTally } from '../publish/socrata-row';
import { DEFAULT_DATASET, JSON_EXT, ROW_ID_COLUMN } from '../formats/wavetronix-columns';

export class WavetronixPublish extends Stage<CatalogEntry> {
  readonly name = 'wt:publish';
  readonly description = 'Publish ready Wavetronix files to the Radar Traffic Counts dataset';
  readonly dataSource = 'wt';
  readonly from = 'ready';
  readonly to = 'public';
  readonly perfmetStage = 'Publish';
  // Ready rows with ext exactly `json`, matched to the public catalog by base+ext (§5.1).
  override readonly sourceExt = JSON_EXT;

  async processItem(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
    const dataset = datasetOf(ctx);
    const source = await ctx.source();
    ctx.log.info(`${item.label}: ${source.repository} -> ${dataset}`);
    const publisher = await ctx.publisher(dataset, { idColumn: ROW_ID_COLUMN });
    const rows = new SocrataRows(ctx.time);
    let published = 0;
    let notRecords = 0;
    const where = `${source.repository}/${item.label}`;
    for await (const event of readLakeJsonStream(await source.read(item.label), { arrays: ['data'], skip: ['devices'], source: where })) {
      if (event.kind === 'arrayEnd') break;
      if (event.kind !== 'elements') continue;
      for (const value of event.values) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          notRecords++;
          continue;
        }
        await publisher.add(rows.row(value as Record<string, unknown>));
        published++;
      }
    }
    await publisher.flush();
    publisher.reset();
    // Only now: a day whose rows failed half-way has no catalog row and is sent again next run.
    await ctx.recordPublished(item, dataset);
    logTally(ctx, item.label, rows.tally, notRecords);
    ctx.perfmet.recordCollect(item.date);
    return published;
  }
}

/** `sources.wt.dataset` in the config, else the original's `i626-g7ub`. */
export function datasetOf(ctx: StageContext): string {
  const configured = ctx.option<unknown>('dataset');
  if (configured === undefined || configured === null) return DEFAULT_DATASET;
  if (typeof configured !== 'string' || configured === '') throw new ConfigError('sources.wt.dataset must be a dataset id', `e.g. "${DEFAULT_DATASET}"`);
  return configured;
}

function logTally(ctx: StageContext, label: string, tally: RowTally, notRecords: number): void {
  if (tally.unreadableTimes > 0) ctx.log.warn(`${label}: ${tally.unreadableTimes} rows had no readable curDateTime; their time columns were published as null`);
  if (tally.firstPassRows > 0) ctx.log.info(`${label}: ${tally.firstPassRows} rows of the first pass through the repeated hour got row ids with their offset`);
  if (notRecords > 0) ctx.log.warn(`${label}: skipped ${notRecords} data entries that are not records`);
}
