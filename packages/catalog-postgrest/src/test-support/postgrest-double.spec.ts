// The double must behave like PostgREST where the drivers rely on it, or the driver tests prove
// nothing. Raw HTTP here, no driver.
import { describePg, TOKEN } from './fixtures';
import { contentRange, PostgrestDouble } from './postgrest-double';

const auth = { Authorization: `Bearer ${TOKEN}` };

describe('contentRange (PostgREST’s contentRangeH)', () => {
  it('writes first-last/total, * for an unknown total and for an empty range', () => {
    expect(contentRange(0, 14, null)).toBe('0-14/*');
    expect(contentRange(10, 19, 45)).toBe('10-19/45');
    expect(contentRange(0, -1, 0)).toBe('*/0');
    expect(contentRange(5, 4, null)).toBe('*/*');
  });
});

describePg('PostgrestDouble', () => {
  let double: PostgrestDouble;
  const table = () => double.endpoint('data_lake_cat_new');
  const get = (query: string, headers: Record<string, string> = {}) => fetch(`${table()}?${query}`, { headers });
  const post = (body: unknown, prefer: string, headers: Record<string, string> = auth) =>
    fetch(table(), { method: 'POST', headers: { 'Content-Type': 'application/json', Prefer: prefer, ...headers }, body: JSON.stringify(body) });
  const row = (ext: string, date: string, more: Record<string, unknown> = {}) => ({
    repository: 'raw',
    data_source: 'bt',
    id_base: 'Austin',
    id_ext: ext,
    pointer: `p/${ext}`,
    collection_date: date,
    ...more,
  });

  beforeAll(async () => {
    double = await PostgrestDouble.start({ jwt: TOKEN });
  });
  afterAll(() => double.stop());
  beforeEach(async () => {
    await double.sql('TRUNCATE data_lake_cat_new');
    double.maxRows = null;
    await post(
      ['a', 'b', 'c', 'd', 'e'].map((ext, index) => row(ext, `2020-09-1${index} 00:00:00-05:00`)),
      'return=minimal',
    );
  });

  describe('reads', () => {
    it('answers 200 with the rows and Content-Range first-last/*', async () => {
      const response = await get('select=id_ext&order=id_ext.desc&limit=2&offset=1');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-range')).toBe('1-2/*');
      expect(await response.json()).toEqual([{ id_ext: 'd' }, { id_ext: 'c' }]);
    });

    it('counts with Prefer: count=exact, answering 206 for a partial page and 416 past the end', async () => {
      const partial = await get('select=id_ext&limit=2', { Prefer: 'count=exact' });
      expect([partial.status, partial.headers.get('content-range')]).toEqual([206, '0-1/5']);
      const all = await get('select=id_ext', { Prefer: 'count=exact' });
      expect([all.status, all.headers.get('content-range')]).toEqual([200, '0-4/5']);
      const atEnd = await get('select=id_ext&offset=5', { Prefer: 'count=exact' });
      expect([atEnd.status, atEnd.headers.get('content-range'), await atEnd.json()]).toEqual([206, '*/5', []]);
      const past = await get('select=id_ext&offset=7', { Prefer: 'count=exact' });
      expect(past.status).toBe(416);
      expect(await past.json()).toMatchObject({ code: 'PGRST103', message: 'Requested range not satisfiable' });
      const none = await get('select=id_ext&id_ext=eq.zzz', { Prefer: 'count=exact' });
      expect(none.headers.get('content-range')).toBe('*/0');
    });

    it('caps every page at max-rows, whatever the limit', async () => {
      double.maxRows = 2;
      const response = await get('select=id_ext&order=id_ext&limit=4', { Prefer: 'count=exact' });
      expect(await response.json()).toEqual([{ id_ext: 'a' }, { id_ext: 'b' }]);
      expect(response.headers.get('content-range')).toBe('0-1/5');
    });

    it('ANDs repeated keys and reads a top-level value to the end of the parameter', async () => {
      const query = new URLSearchParams([
        ['select', 'id_ext'],
        ['collection_date', 'gte.2020-09-11 00:00:00-05:00'],
        ['collection_date', 'lt.2020-09-13 00:00:00-05:00'],
      ]);
      expect(await (await get(query.toString())).json()).toEqual([{ id_ext: 'b' }, { id_ext: 'c' }]);
    });

    it('understands like with *, is, not, and or/and trees with quoted values', async () => {
      await post([row('x,y)', '2020-09-20 00:00:00-05:00', { collection_end: null })], 'return=minimal');
      const ext = async (query: string) => ((await (await get(`select=id_ext&order=id_ext&${query}`)).json()) as { id_ext: string }[]).map((found) => found.id_ext);
      expect(await ext('pointer=like.p/*')).toEqual(['a', 'b', 'c', 'd', 'e', 'x,y)']);
      expect(await ext('id_ext=neq.a&collection_end=is.null&id_ext=not.eq.b')).toEqual(['c', 'd', 'e', 'x,y)']);
      expect(await ext(`or=${encodeURIComponent('(id_ext.eq.a,and(id_ext.gt.c,id_ext.lt.e),id_ext.eq."x,y)")')}`)).toEqual(['a', 'd', 'x,y)']);
      expect(await ext(`not.or=${encodeURIComponent('(id_ext.lte.c,id_ext.eq."x,y)")')}`)).toEqual(['d', 'e']);
    });

    it('refuses unknown columns, operators and tables like PostgREST', async () => {
      const column = await get('select=nope');
      expect([column.status, ((await column.json()) as { code: string }).code]).toEqual([400, '42703']);
      const operator = await get('id_ext=near.a');
      expect([operator.status, ((await operator.json()) as { code: string }).code]).toEqual([400, 'PGRST100']);
      const missing = await fetch(`${double.url}/no_such_table`);
      expect([missing.status, ((await missing.json()) as { code: string }).code]).toEqual([404, 'PGRST205']);
    });
  });

  describe('writes', () => {
    it('upserts with merge-duplicates, updating only the columns sent', async () => {
      await post([row('a', '2020-09-10 00:00:00-05:00', { metadata: { v: 1 } })], 'return=minimal, resolution=merge-duplicates');
      const response = await post([row('a', '2020-09-10T05:00:00Z', { pointer: 'moved' })], 'return=representation, resolution=merge-duplicates');
      expect(response.status).toBe(201);
      expect(await response.json()).toEqual([expect.objectContaining({ pointer: 'moved', metadata: { v: 1 }, collection_date: '2020-09-10T05:00:00+00:00' })]);
    });

    it('answers 409 for a duplicate key without merge-duplicates, and 201 with no body for return=minimal', async () => {
      const duplicate = await post(row('a', '2020-09-10 00:00:00-05:00'), 'return=minimal');
      expect(duplicate.status).toBe(409);
      expect(await duplicate.json()).toMatchObject({ code: '23505' });
      const created = await post(row('z', '2020-09-10 00:00:00-05:00'), 'return=minimal, count=exact');
      expect([created.status, await created.text(), created.headers.get('content-range')]).toEqual([201, '', '*/1']);
    });

    it('refuses an array whose objects have different keys (PGRST102)', async () => {
      const response = await post([row('y', '2020-09-10 00:00:00-05:00'), row('z', '2020-09-10 00:00:00-05:00', { metadata: {} })], 'return=minimal');
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'PGRST102', message: 'All object keys must match' });
    });

    it('deletes with filters, counting with count=exact', async () => {
      const removed = await fetch(`${table()}?id_ext=gt.c`, { method: 'DELETE', headers: { ...auth, Prefer: 'return=minimal, count=exact' } });
      expect([removed.status, removed.headers.get('content-range')]).toEqual([204, '*/2']);
      expect(await (await get('select=id_ext')).json()).toHaveLength(3);
    });

    it('lets the anonymous role read but not write, and refuses a wrong token everywhere', async () => {
      expect((await get('select=id_ext')).status).toBe(200);
      const anonymous = await post(row('y', '2020-09-10 00:00:00-05:00'), 'return=minimal', {});
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toEqual({ code: '42501', message: 'permission denied for table data_lake_cat_new', details: null, hint: null });
      const wrong = await get('select=id_ext', { Authorization: 'Bearer not-the-jwt' });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toMatchObject({ code: 'PGRST301' });
    });
  });

  describe('faults', () => {
    it('answers the next requests with a status, then normally', async () => {
      double.failNext(2, 503);
      expect((await get('select=id_ext')).status).toBe(503);
      expect((await get('select=id_ext')).status).toBe(503);
      expect((await get('select=id_ext')).status).toBe(200);
    });

    it('drops a connection, before or after applying a write', async () => {
      double.dropNext(1, { afterApply: true, method: 'POST' });
      await expect(post(row('y', '2020-09-10 00:00:00-05:00'), 'return=minimal')).rejects.toThrow();
      expect(await double.sql("SELECT id_ext FROM data_lake_cat_new WHERE id_ext = 'y'")).toHaveLength(1);
      double.dropNext(1);
      await expect(post(row('z', '2020-09-10 00:00:00-05:00'), 'return=minimal')).rejects.toThrow();
      expect(await double.sql("SELECT id_ext FROM data_lake_cat_new WHERE id_ext = 'z'")).toHaveLength(0);
    });
  });
});
