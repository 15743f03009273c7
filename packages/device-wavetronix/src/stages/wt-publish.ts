// ready → the "Radar Traffic Counts" dataset (wavetronix.md §5). A day counts as published
// (catalog row in `public`) only once all its rows were sent; the rows carry `row_id`, the
// dataset's row identifier, so sending a day again replaces its rows.
import {
  ConfigError,
  readLakeJsonStream,
  rowIdsOf,
  Stage,
  type CatalogEntry,
  type PublishedRowId,
  type PublishedRowIds,
  type PublishRow,
  type StageContext,
  type WorkItem,
} from '@lake/core';
import { SocrataRows, type RowTally } from '../publish/socrata-row';
import { DEFAULT_DATASET, JSON_EXT, ROW_ID_COLUMN } from '../formats/wavetronix-columns';

/** The rows of one ready file, as wt:publish sends them and `lake publish purge wt` deletes them. */
interface FileRows {
  dataset: string;
  rows: AsyncIterable<PublishRow>;
  /** Counted while `rows` is read. */
  tally: RowTally;
  skipped: { notRecords: number };
}

export class WavetronixPublish extends Stage<CatalogEntry> implements PublishedRowIds {
  readonly name = 'wt:publish';
  readonly description = 'Publish ready Wavetronix files to the Radar Traffic Counts dataset';
  readonly dataSource = 'wt';
  readonly from = 'ready';
  readonly to = 'public';
  readonly perfmetStage = 'Publish';
  // Ready rows with ext exactly `json`, matched to the public catalog by base+ext (§5.1).
  override readonly sourceExt = JSON_EXT;

  async processItem(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
    const file = await this.fileRows(item, ctx);
    ctx.log.info(`${item.label}: ${ctx.repository(this.from)} -> ${file.dataset}`);
    // The catalog row is written only once every row was sent.
    const published = await ctx.publishRows(item, file.dataset, ROW_ID_COLUMN, file.rows);
    logTally(ctx, item.label, file.tally, file.skipped.notRecords);
    ctx.perfmet.recordCollect(item.date);
    return published;
  }

  /** The row_ids publishing the file sends: the same rows, built by the same code. */
  async *publishedRowIds(item: WorkItem<CatalogEntry>, ctx: StageContext): AsyncGenerator<PublishedRowId> {
    const file = await this.fileRows(item, ctx);
    yield* rowIdsOf(file.rows, file.dataset, ROW_ID_COLUMN);
  }

  /** The dataset and rows of a ready file, streamed (its devices are skipped). */
  private async fileRows(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<FileRows> {
    const dataset = datasetOf(ctx);
    const source = await ctx.source();
    const builder = new SocrataRows(ctx.time);
    const skipped = { notRecords: 0 };
    const where = `${source.repository}/${item.label}`;
    async function* rows(): AsyncGenerator<PublishRow> {
      for await (const event of readLakeJsonStream(await source.read(item.label), { arrays: ['data'], skip: ['devices'], source: where })) {
        if (event.kind === 'arrayEnd') break;
        if (event.kind !== 'elements') continue;
        for (const value of event.values) {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) {
            skipped.notRecords++;
            continue;
          }
          yield builder.row(value as Record<string, unknown>);
        }
      }
    }
    return { dataset, rows: rows(), tally: builder.tally, skipped };
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
