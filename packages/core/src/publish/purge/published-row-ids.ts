// What a publish stage offers so its published rows can be purged (publishing.md §5): the row ids
// publishing one source item sends, computed by the same code that builds the rows. Optional: a
// stage without it cannot be purged, and the Stage base class stays as it is.
import type { CatalogEntry } from '../../catalog/catalog-entry';
import type { WorkItem } from '../../compare/provider';
import type { Stage } from '../../stage/stage';
import type { StageContext } from '../../stage/stage-context';
import { MissingRowId } from '../csv-row-ids';
import type { PublishRow } from '../publish-driver';

/** One published row, by the dataset it went to and its row identifier. */
export interface PublishedRowId {
  /** The dataset as the stage names it to `ctx.publisher` (before the --debug mapping). */
  dataset: string;
  /** The dataset's row identifier column (`record_id`, `row_id`). */
  idColumn: string;
  id: string;
}

/** Which `public` catalog rows a stage wrote: exact values, or patterns holding `%%`. */
export interface PublicRowFilter {
  base?: string | null;
  ext?: string | null;
}

export interface PublishedRowIds {
  /**
   * The ids of the rows publishing `item` (one of the stage's source items) sends. Must not
   * write anything, and must not rely on `beforeItems` having run.
   */
  publishedRowIds(item: WorkItem<CatalogEntry>, ctx: StageContext): AsyncIterable<PublishedRowId>;
  /**
   * The public rows this stage records under the run's options (e.g. gs `-a 60` → `agg60.json`).
   * Default: the stage's `sourceBase`/`sourceExt`, since a public row keeps its source's base/ext.
   */
  publicRowFilter?(ctx: StageContext): PublicRowFilter;
}

export type PurgeableStage = Stage<CatalogEntry> & PublishedRowIds;

/** True for a stage that publishes (`to === 'public'`) and can say which row ids it sent. */
export function isPurgeableStage(stage: Stage): stage is PurgeableStage {
  return stage.to === 'public' && typeof (stage as Partial<PublishedRowIds>).publishedRowIds === 'function';
}

/**
 * The ids of rows as a stage builds them, for its `publishedRowIds`: a row without an id could not
 * have been published either (the drivers refuse it), so it fails the same way.
 */
export async function* rowIdsOf(rows: AsyncIterable<PublishRow>, dataset: string, idColumn: string): AsyncGenerator<PublishedRowId> {
  for await (const row of rows) {
    const value = row[idColumn];
    if (value === undefined || value === null || value === '') throw new MissingRowId(dataset, idColumn);
    yield { dataset, idColumn, id: String(value) };
  }
}
