// What a repository holds for a data source, as the catalog lists it (core.md §4.2).
import type { CatalogEntry, CatalogQuery } from '../catalog/catalog-entry';
import type { LakeTime } from '../time/lake-time';
import type { DateRange, Provider, ProviderItem } from './provider';
import { isAtOrAfter, sameDayCutoff } from './same-day';

/** The one catalog call the provider needs (any `CatalogDriver` fits). */
export interface CatalogReader {
  query(query: CatalogQuery): AsyncIterable<CatalogEntry>;
}

export interface CatalogProviderOptions {
  catalog: CatalogReader;
  repository: string;
  dataSource: string;
  /** Exact value, or a pattern holding `%%`. */
  base?: string | null;
  ext?: string | null;
  time: LakeTime;
}

export class CatalogProvider implements Provider<CatalogEntry> {
  constructor(private readonly options: CatalogProviderOptions) {}

  async *items(range: DateRange): AsyncIterable<ProviderItem<CatalogEntry>> {
    const cutoff = sameDayCutoff(range, this.options.time);
    for await (const entry of this.options.catalog.query(this.queryFor(range))) {
      if (isAtOrAfter(entry.collectionDate, cutoff)) continue;
      yield {
        base: entry.base,
        ext: entry.ext,
        date: entry.collectionDate,
        dateEnd: entry.collectionEnd ?? null,
        label: entry.pointer,
        payload: entry,
      };
    }
  }

  /** Exact mode asks for rows dated exactly at the start, with no late bound. */
  queryFor(range: DateRange): CatalogQuery {
    const { repository, dataSource, base, ext } = this.options;
    const exact = range.exact && range.start !== null;
    return {
      repository,
      dataSource,
      base: base ?? null,
      ext: ext ?? null,
      early: range.start,
      late: exact ? null : range.end,
      exact,
      reverse: false,
    };
  }
}
