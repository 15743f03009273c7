import type { CatalogEntry, CatalogQuery } from '../catalog/catalog-entry';
import { LakeTime } from '../time/lake-time';
import { CatalogProvider } from './catalog-provider';
import { collect, openRange } from './test-support/list-provider';

const time = new LakeTime('America/Chicago', () => new Date('2020-09-20T17:00:00Z'));
const at = (text: string) => time.parse(text);

function entry(base: string, ext: string, date: string, collectionEnd: Date | null = null): CatalogEntry {
  return {
    repository: 'atd-datalake-raw',
    dataSource: 'bt',
    base,
    ext,
    pointer: `bt/${date}/${base}.${ext}`,
    collectionDate: at(date),
    collectionEnd,
  };
}

/** Answers every query with the same rows and remembers what was asked. */
function fakeCatalog(rows: CatalogEntry[]) {
  const queries: CatalogQuery[] = [];
  return {
    queries,
    async *query(query: CatalogQuery): AsyncIterable<CatalogEntry> {
      queries.push(query);
      yield* rows;
    },
  };
}

describe('CatalogProvider', () => {
  it('asks for one repository and data source, from the start up to the end, oldest first', async () => {
    const catalog = fakeCatalog([]);
    const provider = new CatalogProvider({ catalog, repository: 'atd-datalake-raw', dataSource: 'bt', ext: 'json', time });
    await collect(provider.items(openRange(at('2020-09-01'), { end: at('2020-09-10') })));
    expect(catalog.queries).toEqual([
      {
        repository: 'atd-datalake-raw',
        dataSource: 'bt',
        base: null,
        ext: 'json',
        early: at('2020-09-01'),
        late: at('2020-09-10'),
        exact: false,
        reverse: false,
      },
    ]);
  });

  it('asks for rows dated exactly at the start, with no late bound, in exact mode', async () => {
    const catalog = fakeCatalog([]);
    const provider = new CatalogProvider({ catalog, repository: 'atd-datalake-raw', dataSource: 'bt', base: 'Austin', time });
    const day = at('2020-09-13');
    await collect(provider.items({ start: day, end: day, lastRun: null, exact: true }));
    expect(catalog.queries[0]).toMatchObject({ base: 'Austin', early: day, late: null, exact: true });
  });

  it('turns rows into items: identity from the row, pointer as label, the row as payload', async () => {
    const end = at('2020-09-13 06:00');
    const rows = [entry('Austin', 'json', '2020-09-12'), entry('Austin', 'csv', '2020-09-13', end)];
    const provider = new CatalogProvider({ catalog: fakeCatalog(rows), repository: 'atd-datalake-raw', dataSource: 'bt', time });
    const items = await collect(provider.items(openRange(at('2020-09-01'))));
    expect(items).toEqual([
      { base: 'Austin', ext: 'json', date: at('2020-09-12'), dateEnd: null, label: 'bt/2020-09-12/Austin.json', payload: rows[0] },
      { base: 'Austin', ext: 'csv', date: at('2020-09-13'), dateEnd: end, label: 'bt/2020-09-13/Austin.csv', payload: rows[1] },
    ]);
  });

  it("drops today's rows without an end date and keeps them with one", async () => {
    const rows = [entry('Austin', 'json', '2020-09-19'), entry('Austin', 'json', '2020-09-20')];
    const provider = new CatalogProvider({ catalog: fakeCatalog(rows), repository: 'atd-datalake-raw', dataSource: 'bt', time });
    const withoutEnd = await collect(provider.items(openRange(at('2020-09-01'))));
    expect(withoutEnd.map((item) => item.date)).toEqual([at('2020-09-19')]);
    const withEnd = await collect(provider.items(openRange(at('2020-09-01'), { end: at('2020-09-30') })));
    expect(withEnd.map((item) => item.date)).toEqual([at('2020-09-19'), at('2020-09-20')]);
  });
});
