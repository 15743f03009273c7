import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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

  it('appends rows to one CSV per dataset and reports them as created', async () => {
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

  it('refuses dataset names that would leave the folder', async () => {
    const driver = new CsvPublishDriver(dir);
    await expect(driver.write('../escape', [{ a: 1 }])).rejects.toMatchObject({ code: 'INVALID_DATASET' });
    await expect(driver.write('a/b', [{ a: 1 }])).rejects.toMatchObject({ code: 'INVALID_DATASET' });
  });
});
