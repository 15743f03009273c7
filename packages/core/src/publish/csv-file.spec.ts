import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryLogger } from '../log/logger';
import { CsvFile, renderCsvValue } from './csv-file';

describe('CsvFile', () => {
  let dir: string;
  let log: MemoryLogger;
  const file = () => path.join(dir, 'out', 'sh59-i6y9.csv');
  const content = () => fs.readFileSync(file(), 'utf8');

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-csv-file-'));
    log = new MemoryLogger();
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the first row keys as header, values in header order, CRLF endings', async () => {
    const csv = new CsvFile(file(), log);
    await csv.append([
      { b: 1, a: 'x' },
      { a: 'y', b: 2 },
    ]);
    await csv.close();
    expect(content()).toBe('b,a\r\n1,x\r\n2,y\r\n');
  });

  it('quotes commas, quotes and line breaks', async () => {
    const csv = new CsvFile(file(), log);
    await csv.append([{ id: '1', note: 'a, "quoted"' }, { id: '2', note: 'new\nline' }, { id: '3', note: 'carriage\rreturn' }]);
    await csv.close();
    expect(content()).toBe('id,note\r\n1,"a, ""quoted"""\r\n2,"new\nline"\r\n3,"carriage\rreturn"\r\n');
  });

  it('renders booleans as true/false, null and non-finite numbers as empty, objects as JSON', async () => {
    const csv = new CsvFile(file(), log);
    await csv.append([{ flag: true, off: false, none: null, nan: NaN, n: 2.5, list: [1, 'a'] }]);
    await csv.close();
    expect(content()).toBe('flag,off,none,nan,n,list\r\ntrue,false,,,2.5,"[1,""a""]"\r\n');
    expect(renderCsvValue(undefined)).toBe('');
    expect(renderCsvValue(new Date('2020-01-01T00:00:00Z'))).toBe('2020-01-01T00:00:00.000Z');
  });

  it('keeps heterogeneous rows: a missing key is empty, an unknown key is dropped with one warning', async () => {
    const csv = new CsvFile(file(), log);
    await csv.append([{ a: 1, b: 2 }, { a: 3 }, { a: 4, b: 5, extra: 'x' }]);
    await csv.append([{ extra: 'y', b: 6 }]);
    await csv.close();
    expect(content()).toBe('a,b\r\n1,2\r\n3,\r\n4,5\r\n,6\r\n');
    expect(log.lines.filter((line) => line.startsWith('WARN'))).toHaveLength(1);
    expect(log.text()).toContain('column "extra" is not in the CSV header');
  });

  it('appends several batches under one header', async () => {
    const csv = new CsvFile(file(), log);
    await csv.append([{ a: 1 }]);
    await csv.append([]);
    await csv.append([{ a: 2 }]);
    await csv.close();
    expect(content()).toBe('a\r\n1\r\n2\r\n');
  });

  it('on a later run appends under the existing header, in its column order', async () => {
    const first = new CsvFile(file(), log);
    await first.append([{ a: 1, b: 2 }]);
    await first.close();

    const later = new CsvFile(file(), log);
    await later.append([{ b: 4, a: 3 }]);
    await later.close();
    expect(content()).toBe('a,b\r\n1,2\r\n3,4\r\n');
    expect(later.columns).toEqual(['a', 'b']);
  });

  it('starts a new line when an earlier run stopped mid-line', async () => {
    fs.mkdirSync(path.dirname(file()));
    fs.writeFileSync(file(), 'a,b\r\n1,2\r\n3');
    const csv = new CsvFile(file(), log);
    await csv.append([{ a: 5, b: 6 }]);
    await csv.close();
    expect(content()).toBe('a,b\r\n1,2\r\n3\r\n5,6\r\n');
  });

  it('writes a header into an existing empty file', async () => {
    fs.mkdirSync(path.dirname(file()));
    fs.writeFileSync(file(), '');
    const csv = new CsvFile(file(), log);
    await csv.append([{ a: 1 }]);
    await csv.close();
    expect(content()).toBe('a\r\n1\r\n');
  });

  it('does not interleave concurrent appends', async () => {
    const csv = new CsvFile(file(), log);
    await Promise.all([csv.append([{ a: 1 }]), csv.append([{ a: 2 }]), csv.append([{ a: 3 }])]);
    await csv.close();
    expect(content()).toBe('a\r\n1\r\n2\r\n3\r\n');
  });
});
