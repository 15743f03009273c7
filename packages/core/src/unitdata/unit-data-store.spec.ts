import type { CatalogEntry, CatalogQuery } from '../catalog/catalog-entry';
import { MemoryLogger } from '../log/logger';
import { LakeTime } from '../time/lake-time';
import type { UnitDataSnapshot } from './unit-data';
import { unitDataHeader } from './unit-data-header';
import { UnitDataStore, type SnapshotCatalog, type SnapshotRepository } from './unit-data-store';

const REPOSITORY = 'atd-datalake-rawjson';
const time = new LakeTime('America/Chicago', () => new Date('2020-03-20T12:00:00Z'));

/** An in-memory repository plus catalog that records every call. */
class FakeLake implements SnapshotRepository, SnapshotCatalog {
  readonly repository = REPOSITORY;
  readonly dataSource = 'gs';
  readonly objects = new Map<string, unknown>();
  readonly entries: CatalogEntry[] = [];
  readonly writes: { id: Parameters<SnapshotRepository['writeJson']>[1]; options?: { stageCatalog?: boolean } }[] = [];
  readonly reads: string[] = [];
  readonly queries: CatalogQuery[] = [];
  /** Answer queries newest first, as a misbehaving catalog might. */
  descending = false;

  async writeJson(value: unknown, id: Parameters<SnapshotRepository['writeJson']>[1], options?: { stageCatalog?: boolean }) {
    this.writes.push({ id, options });
    const day = time.calendarDate(id.date);
    const pointer = `${day.replace(/-/g, '/')}/${this.dataSource}/${id.base}_${this.dataSource}_${day}_${id.ext}`;
    this.objects.set(pointer, JSON.parse(JSON.stringify(value)));
    const entry: CatalogEntry = {
      repository: this.repository,
      dataSource: this.dataSource,
      base: id.base,
      ext: id.ext,
      pointer,
      collectionDate: id.date,
      processingDate: id.processingDate ?? null,
      metadata: id.metadata,
    };
    const existing = this.entries.findIndex((row) => row.pointer === pointer);
    if (existing >= 0) this.entries[existing] = entry;
    else this.entries.push(entry);
    return entry;
  }

  async readJson(pointer: string) {
    this.reads.push(pointer);
    if (!this.objects.has(pointer)) throw new Error(`no object ${pointer}`);
    return JSON.parse(JSON.stringify(this.objects.get(pointer)));
  }

  async *query(query: CatalogQuery) {
    this.queries.push(query);
    const rows = this.entries
      .filter((row) => row.repository === query.repository && row.dataSource === query.dataSource)
      .filter((row) => (query.base == null || row.base === query.base) && (query.ext == null || row.ext === query.ext))
      .sort((a, b) => a.collectionDate.getTime() - b.collectionDate.getTime());
    if (this.descending) rows.reverse();
    yield* rows;
  }
}

function snapshotOf(day: string, deviceName = `device of ${day}`): UnitDataSnapshot {
  // A snapshot fetched at 01:30 local on `day`.
  const fetchedAt = time.dayStart(day).getTime() + 90 * 60_000;
  const header = unitDataHeader({ areaBase: 'Austin', dataSource: 'gs', time: time.withClock(() => new Date(fetchedAt)) });
  return { header, devices: [{ device_name: deviceName }] };
}

async function lakeWith(days: string[]) {
  const lake = new FakeLake();
  const log = new MemoryLogger();
  const seeder = new UnitDataStore({ repository: lake, catalog: lake, areaBase: 'Austin', time, log });
  for (const day of days) await seeder.store(snapshotOf(day));
  lake.writes.length = 0;
  const store = new UnitDataStore({ repository: lake, catalog: lake, areaBase: 'Austin', time, log });
  return { lake, store, log };
}

function chosenDay(selection: { entry: CatalogEntry } | null): string | null {
  return selection ? time.calendarDate(selection.entry.collectionDate) : null;
}

describe('UnitDataStore.store', () => {
  it('writes under the header dates, with the header as metadata, and catalogs it at once', async () => {
    const { lake, store } = await lakeWith([]);
    const snapshot = snapshotOf('2020-03-05');
    const entry = await store.store(snapshot);
    expect(lake.writes).toEqual([
      {
        id: {
          base: 'Austin',
          ext: 'unit_data.json',
          date: time.dayStart('2020-03-05'),
          processingDate: time.parse('2020-03-05 01:30:00-06:00'),
          metadata: snapshot.header,
        },
        options: { stageCatalog: false },
      },
    ]);
    expect(entry.pointer).toBe('2020/03/05/gs/Austin_gs_2020-03-05_unit_data.json');
    expect(entry.pointer.endsWith(snapshot.header.target_filename)).toBe(true);
  });

  it('refuses an object that is not unit data', async () => {
    const { store } = await lakeWith([]);
    await expect(store.store({ devices: [] } as unknown as UnitDataSnapshot)).rejects.toMatchObject({ code: 'INVALID_UNIT_DATA' });
  });

  it('sees a snapshot stored after the list was first read', async () => {
    const { store } = await lakeWith(['2020-03-01']);
    expect((await store.forDate(time.dayStart('2020-03-01')))?.fallback).toBe(true);
    await store.store(snapshotOf('2020-03-02'));
    const selection = await store.forDate(time.dayStart('2020-03-01'));
    expect(chosenDay(selection)).toBe('2020-03-02');
    expect(selection?.fallback).toBe(false);
  });
});

describe('UnitDataStore.forDate', () => {
  it('does not choose the snapshot of the same day', async () => {
    const { store } = await lakeWith(['2020-03-05', '2020-03-06']);
    expect(chosenDay(await store.forDate(time.dayStart('2020-03-05')))).toBe('2020-03-06');
  });

  it('chooses the snapshot of the next day', async () => {
    const { store } = await lakeWith(['2020-03-04', '2020-03-05', '2020-03-06']);
    const selection = await store.forDate(time.dayStart('2020-03-04'));
    expect(chosenDay(selection)).toBe('2020-03-05');
    expect(selection?.fallback).toBe(false);
    expect(selection?.snapshot.devices).toEqual([{ device_name: 'device of 2020-03-05' }]);
  });

  it('chooses the first later snapshot across a gap of several days', async () => {
    const { store } = await lakeWith(['2020-03-01', '2020-03-09', '2020-03-12']);
    expect(chosenDay(await store.forDate(time.dayStart('2020-03-03')))).toBe('2020-03-09');
  });

  it('falls back to the newest earlier snapshot with a warning when none is later', async () => {
    const { store, log } = await lakeWith(['2020-03-01', '2020-03-02']);
    const selection = await store.forDate(time.dayStart('2020-03-05'));
    expect(chosenDay(selection)).toBe('2020-03-02');
    expect(selection?.fallback).toBe(true);
    expect(log.lines).toEqual([
      'WARN no gs unit data collected after 2020-03-05 in atd-datalake-rawjson; using the snapshot of 2020-03-02 instead',
    ]);
  });

  it('falls back to the snapshot of the same day when it is the newest', async () => {
    const { store } = await lakeWith(['2020-03-01', '2020-03-02']);
    const selection = await store.forDate(time.dayStart('2020-03-02'));
    expect(chosenDay(selection)).toBe('2020-03-02');
    expect(selection?.fallback).toBe(true);
  });

  it('returns null when the repository holds no snapshot', async () => {
    const { store, log } = await lakeWith([]);
    expect(await store.forDate(time.dayStart('2020-03-05'))).toBeNull();
    expect(await store.latest()).toBeNull();
    expect(log.lines).toEqual([]);
  });

  it('queries the catalog once and downloads a snapshot once for repeated calls', async () => {
    const { lake, store } = await lakeWith(['2020-03-04', '2020-03-05']);
    const first = await store.forDate(time.dayStart('2020-03-04'));
    const again = await store.forDate(time.parse('2020-03-04 18:00:00-06:00'));
    expect(again?.snapshot).toBe(first?.snapshot);
    expect(lake.reads).toEqual(['2020/03/05/gs/Austin_gs_2020-03-05_unit_data.json']);
    expect(lake.queries).toEqual([{ repository: REPOSITORY, dataSource: 'gs', base: 'Austin', ext: 'unit_data.json' }]);
  });

  it('handles days whose snapshots straddle a DST change', async () => {
    const { store } = await lakeWith(['2020-11-01', '2020-11-02']);
    // The last hour of the 25-hour day is still before the next day's snapshot.
    expect(chosenDay(await store.forDate(time.parse('2020-11-01 23:30:00-06:00')))).toBe('2020-11-02');
    expect(chosenDay(await store.forDate(time.dayStart('2020-10-31')))).toBe('2020-11-01');
  });

  it('selects correctly even when the catalog answers newest first', async () => {
    const { lake, store } = await lakeWith(['2020-03-04', '2020-03-05', '2020-03-06']);
    lake.descending = true;
    expect(chosenDay(await store.forDate(time.dayStart('2020-03-04')))).toBe('2020-03-05');
    expect(chosenDay(await store.latest())).toBe('2020-03-06');
  });

  it('reports a stored object that is not unit data', async () => {
    const { lake, store } = await lakeWith(['2020-03-05']);
    lake.objects.set(lake.entries[0].pointer, { hello: 'world' });
    await expect(store.forDate(time.dayStart('2020-03-04'))).rejects.toMatchObject({ code: 'INVALID_UNIT_DATA' });
  });
});

describe('UnitDataStore.latest', () => {
  it('returns the newest snapshot', async () => {
    const { store } = await lakeWith(['2020-03-04', '2020-03-06', '2020-03-05']);
    const selection = await store.latest();
    expect(chosenDay(selection)).toBe('2020-03-06');
    expect(selection?.fallback).toBe(false);
  });
});
