import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryLogger } from '../log/logger';
import { CsvPublishDriver } from './csv-publish-driver';

describe('CsvPublishDriver', () => {
  let dir: string;
  const content = (dataset: string) => fs.readFileSync(path.join(dir, `${dataset}.csv`), 'utf8');
  const leftovers = () => fs.readdirSync(dir).filter((name) => name.endsWith('.lake-tmp'));

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-csv-publish-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prefers chunks of 10 000 rows', () => {
    expect(new CsvPublishDriver(dir).preferredChunk).toBe(10_000);
  });

  it('without an id column, appends rows to one CSV per dataset and reports them as created', async () => {
    const driver = new CsvPublishDriver(dir);
    expect(await driver.write('aaaa-1111', [{ record_id: 'r1', v: 1 }])).toEqual({ created: 1, updated: 0, deleted: 0 });
    await driver.write('bbbb-2222', [{ row_id: 'x' }]);
    expect(await driver.write('aaaa-1111', [{ record_id: 'r2', v: 2 }, { record_id: 'r3', v: 3 }])).toMatchObject({ created: 2 });
    await driver.close();
    expect(content('aaaa-1111')).toBe('record_id,v\r\nr1,1\r\nr2,2\r\nr3,3\r\n');
    expect(content('bbbb-2222')).toBe('row_id\r\nx\r\n');
  });

  it('keeps appending after a new driver opens the same folder', async () => {
    const first = new CsvPublishDriver(dir);
    await first.write('ds', [{ id: 1 }]);
    await first.close();
    const second = new CsvPublishDriver(dir);
    await second.write('ds', [{ id: 2 }]);
    await second.close();
    expect(content('ds')).toBe('id\r\n1\r\n2\r\n');
  });

  it('deletes rows by id, keeping other rows byte for byte, then appends again', async () => {
    const driver = new CsvPublishDriver(dir);
    await driver.write('ds', [
      { record_id: 'a', note: 'keep, "me"\nplease' },
      { record_id: 'b', note: 'drop' },
      { record_id: 'c', note: 'keep' },
      { record_id: 'd', note: 'drop too' },
    ]);
    expect(await driver.delete('ds', 'record_id', ['b', 'd', 'missing'])).toEqual({ created: 0, updated: 0, deleted: 2 });
    expect(content('ds')).toBe('record_id,note\r\na,"keep, ""me""\nplease"\r\nc,keep\r\n');
    await driver.write('ds', [{ record_id: 'e', note: 'new' }]);
    await driver.close();
    expect(content('ds')).toBe('record_id,note\r\na,"keep, ""me""\nplease"\r\nc,keep\r\ne,new\r\n');
    expect(leftovers()).toEqual([]);
  });

  it('deletes nothing from an absent dataset or with no ids', async () => {
    const driver = new CsvPublishDriver(dir);
    expect(await driver.delete('none', 'record_id', ['a'])).toMatchObject({ deleted: 0 });
    await driver.write('ds', [{ record_id: 'a' }]);
    expect(await driver.delete('ds', 'record_id', [])).toMatchObject({ deleted: 0 });
    expect(content('ds')).toBe('record_id\r\na\r\n');
  });

  it('refuses an unknown id column and leaves the file untouched', async () => {
    const driver = new CsvPublishDriver(dir);
    await driver.write('ds', [{ record_id: 'a' }]);
    await expect(driver.delete('ds', 'row_id', ['a'])).rejects.toMatchObject({ code: 'UNKNOWN_ID_COLUMN' });
    expect(content('ds')).toBe('record_id\r\na\r\n');
    expect(leftovers()).toEqual([]);
  });

  describe('with an id column (upsert)', () => {
    const upsert = { idColumn: 'record_id' };
    const rows = (ids: string[], value = 'v1') => ids.map((id) => ({ record_id: id, value: `${value}-${id}` }));
    const dataRows = (dataset = 'ds') => content(dataset).split('\r\n').slice(1, -1);

    it('a partial publish followed by a full re-publish leaves exactly one row per id', async () => {
      const killed = new CsvPublishDriver(dir);
      await killed.write('ds', rows(['a', 'b']), upsert); // first chunk of a file, then the run died
      await killed.close();

      const rerun = new CsvPublishDriver(dir);
      expect(await rerun.write('ds', rows(['a', 'b', 'c']), upsert)).toEqual({ created: 1, updated: 2, deleted: 0 });
      expect(await rerun.write('ds', rows(['d', 'e']), upsert)).toEqual({ created: 2, updated: 0, deleted: 0 });
      await rerun.close();
      expect(content('ds')).toBe('record_id,value\r\na,v1-a\r\nb,v1-b\r\nc,v1-c\r\nd,v1-d\r\ne,v1-e\r\n');
    });

    it('a re-publish with changed values updates the rows in place and keeps the header', async () => {
      const driver = new CsvPublishDriver(dir);
      await driver.write('ds', rows(['a', 'b', 'c']), upsert);
      expect(await driver.write('ds', [{ record_id: 'b', value: 'changed, "quoted"' }, { record_id: 'z', value: 'new' }], upsert)).toEqual({
        created: 1,
        updated: 1,
        deleted: 0,
      });
      await driver.close();
      expect(content('ds')).toBe('record_id,value\r\na,v1-a\r\nb,"changed, ""quoted"""\r\nc,v1-c\r\nz,new\r\n');
      expect(leftovers()).toEqual([]);
    });

    it('writes updates under the existing header: unknown keys dropped with a warning, missing keys empty', async () => {
      const log = new MemoryLogger();
      const driver = new CsvPublishDriver(dir, log);
      await driver.write('ds', rows(['a', 'b']), upsert);
      await driver.write('ds', [{ extra: 'x', record_id: 'a' }], upsert);
      await driver.close();
      expect(content('ds')).toBe('record_id,value\r\na,\r\nb,v1-b\r\n');
      expect(log.text()).toContain('column "extra" is not in the CSV header');
    });

    it('appends a batch of new ids without rewriting the file', async () => {
      const driver = new CsvPublishDriver(dir);
      await driver.write('ds', rows(['a']), upsert);
      const inode = fs.statSync(path.join(dir, 'ds.csv')).ino;
      await driver.write('ds', rows(['b']), upsert);
      expect(fs.statSync(path.join(dir, 'ds.csv')).ino).toBe(inode);
      await driver.write('ds', rows(['b'], 'v2'), upsert);
      expect(fs.statSync(path.join(dir, 'ds.csv')).ino).not.toBe(inode); // replaced by the rewrite
      await driver.close();
      expect(dataRows()).toEqual(['a,v1-a', 'b,v2-b']);
    });

    it('keeps the last row of a batch that repeats an id, as Socrata does', async () => {
      const driver = new CsvPublishDriver(dir);
      expect(await driver.write('ds', [...rows(['a', 'b']), { record_id: 'a', value: 'last' }], upsert)).toMatchObject({ created: 2 });
      await driver.close();
      expect(dataRows()).toEqual(['a,last', 'b,v1-b']);
    });

    it('matches ids by their CSV text, so a numeric id finds its row again', async () => {
      const driver = new CsvPublishDriver(dir);
      await driver.write('ds', [{ row_id: 7, n: 1 }], { idColumn: 'row_id' });
      await driver.close();
      const rerun = new CsvPublishDriver(dir);
      expect(await rerun.write('ds', [{ row_id: 7, n: 2 }], { idColumn: 'row_id' })).toMatchObject({ created: 0, updated: 1 });
      await rerun.close();
      expect(content('ds')).toBe('row_id,n\r\n7,2\r\n');
    });

    it('folds rows an earlier append-only run duplicated into one when that id is upserted', async () => {
      const appending = new CsvPublishDriver(dir);
      await appending.write('ds', rows(['a', 'b']));
      await appending.write('ds', rows(['a', 'b'])); // the old behaviour: a file sent twice
      await appending.close();
      const driver = new CsvPublishDriver(dir);
      await driver.write('ds', rows(['a', 'b'], 'v2'), upsert);
      await driver.close();
      expect(dataRows()).toEqual(['a,v2-a', 'b,v2-b']);
    });

    it('cuts a last row a killed append left half-written, and the re-publish writes it whole', async () => {
      fs.writeFileSync(path.join(dir, 'ds.csv'), 'record_id,value\r\na,v1-a\r\nb,"v1');
      const log = new MemoryLogger();
      const driver = new CsvPublishDriver(dir, log);
      expect(await driver.write('ds', rows(['a', 'b']), upsert)).toEqual({ created: 1, updated: 1, deleted: 0 });
      await driver.close();
      expect(content('ds')).toBe('record_id,value\r\na,v1-a\r\nb,v1-b\r\n');
      expect(log.text()).toContain('removing an incomplete last row');
    });

    it('writes the header again when a killed run left only part of it', async () => {
      fs.writeFileSync(path.join(dir, 'ds.csv'), 'record_');
      const driver = new CsvPublishDriver(dir);
      await driver.write('ds', rows(['a']), upsert);
      await driver.close();
      expect(content('ds')).toBe('record_id,value\r\na,v1-a\r\n');
    });

    it('removes temp files a killed rewrite left when it opens the dataset', async () => {
      fs.writeFileSync(path.join(dir, 'ds.csv'), 'record_id,value\r\na,v1-a\r\n');
      fs.writeFileSync(path.join(dir, '.ds.csv.0b9a3c1e-dead-run.lake-tmp'), 'record_id,value\r\na,half');
      fs.writeFileSync(path.join(dir, '.other.csv.0b9a3c1e-dead-run.lake-tmp'), 'not this dataset');
      const driver = new CsvPublishDriver(dir);
      await driver.write('ds', rows(['a'], 'v2'), upsert);
      await driver.close();
      expect(leftovers()).toEqual(['.other.csv.0b9a3c1e-dead-run.lake-tmp']);
      expect(content('ds')).toBe('record_id,value\r\na,v2-a\r\n');
    });

    it('refuses a batch with a row without id, writing none of it', async () => {
      const driver = new CsvPublishDriver(dir);
      await driver.write('ds', rows(['a']), upsert);
      await expect(driver.write('ds', [{ record_id: 'b', value: 1 }, { value: 2 }], upsert)).rejects.toMatchObject({ code: 'MISSING_ROW_ID' });
      await expect(driver.write('ds', [{ record_id: null, value: 2 }], upsert)).rejects.toMatchObject({ code: 'MISSING_ROW_ID' });
      await driver.close();
      expect(dataRows()).toEqual(['a,v1-a']);
    });

    it('refuses a file whose header lacks the id column', async () => {
      const driver = new CsvPublishDriver(dir);
      await driver.write('ds', [{ row_id: 'a' }]);
      await expect(driver.write('ds', rows(['a']), upsert)).rejects.toMatchObject({ code: 'UNKNOWN_ID_COLUMN' });
      await driver.close();
      expect(content('ds')).toBe('row_id\r\na\r\n');
    });

    it('knows about deleted and appended ids afterwards', async () => {
      const driver = new CsvPublishDriver(dir);
      await driver.write('ds', rows(['a', 'b']), upsert);
      await driver.delete('ds', 'record_id', ['b']);
      expect(await driver.write('ds', rows(['b'], 'v2'), upsert)).toMatchObject({ created: 1, updated: 0 });
      await driver.write('ds', rows(['c'])); // without id column: appended, but now a known id
      expect(await driver.write('ds', rows(['c'], 'v2'), upsert)).toMatchObject({ created: 0, updated: 1 });
      await driver.close();
      expect(dataRows()).toEqual(['a,v1-a', 'b,v2-b', 'c,v2-c']);
    });
  });

  it('refuses dataset names that would leave the folder', async () => {
    const driver = new CsvPublishDriver(dir);
    await expect(driver.write('../escape', [{ a: 1 }])).rejects.toMatchObject({ code: 'INVALID_DATASET' });
    await expect(driver.write('a/b', [{ a: 1 }])).rejects.toMatchObject({ code: 'INVALID_DATASET' });
  });
});
