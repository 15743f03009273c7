// A publish stage for the purge tests over the `ts` test source: each line of a ready file is one
// row with a `row_id`; `csv` files go to one dataset and `txt` files to another. Publishing and
// purging share `rows`, as the real stages do.
import type { CatalogEntry } from '../../../catalog/catalog-entry';
import type { WorkItem } from '../../../compare/provider';
import { Stage } from '../../../stage/stage';
import type { StageContext } from '../../../stage/stage-context';
import { TEST_DATA_SOURCE } from '../../../test-support/test-stages';
import type { PublishRow } from '../../publish-driver';
import { rowIdsOf, type PublishedRowId, type PublishedRowIds } from '../published-row-ids';

export const ID_COLUMN = 'row_id';
export const CSV_DATASET = 'test-counts';
export const TXT_DATASET = 'test-notes';

export class IdPublish extends Stage<CatalogEntry> implements PublishedRowIds {
  readonly name: string = 'ts:publish';
  readonly description = 'Publish ready counts with row ids';
  readonly dataSource = TEST_DATA_SOURCE;
  readonly from = 'ready';
  readonly to = 'public';
  readonly perfmetStage = 'Publish';

  async processItem(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
    const dataset = this.datasetOf(item, ctx);
    const publisher = await ctx.publisher(dataset, { idColumn: ID_COLUMN });
    let published = 0;
    for await (const row of this.rows(item, ctx)) {
      await publisher.add(row);
      published++;
    }
    await publisher.flush();
    publisher.reset();
    await ctx.recordPublished(item, dataset);
    return published;
  }

  publishedRowIds(item: WorkItem<CatalogEntry>, ctx: StageContext): AsyncIterable<PublishedRowId> {
    return rowIdsOf(this.rows(item, ctx), this.datasetOf(item, ctx), ID_COLUMN);
  }

  /** `sources.ts.datasets.<ext>` in the config, else the defaults (to test a changed config). */
  protected datasetOf(item: WorkItem<CatalogEntry>, ctx: StageContext): string {
    const configured = ctx.option<Record<string, string>>('datasets')?.[item.ext];
    return configured ?? (item.ext === 'txt' ? TXT_DATASET : CSV_DATASET);
  }

  private async *rows(item: WorkItem<CatalogEntry>, ctx: StageContext): AsyncGenerator<PublishRow> {
    const { lines } = (await (await ctx.source()).readJson(item.label)) as { lines: string[] };
    const day = ctx.time.calendarDate(item.date);
    for (const line of lines) yield { day, ext: item.ext, line, [ID_COLUMN]: `${day}|${item.ext}|${line}` };
  }
}
