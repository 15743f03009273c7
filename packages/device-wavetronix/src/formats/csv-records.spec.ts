import { Readable } from 'node:stream';
import { CsvLineSplitter, readCsvRecords, type CsvRecord } from './csv-records';

async function records(chunks: string[]): Promise<{ records: CsvRecord[]; longLines: number }> {
  const all: CsvRecord[] = [];
  let longLines = 0;
  for await (const batch of readCsvRecords(Readable.from(chunks.map((chunk) => Buffer.from(chunk))))) {
    all.push(...batch.records);
    longLines += batch.longLines;
  }
  return { records: all, longLines };
}

describe('reading the raw day CSV', () => {
  it('names each field by the header line', async () => {
    const { records: rows } = await records(['detID,intID,intName\r\n2,1,LAMAR\r\n3,1,"LAMAR, N"\r\n']);
    expect(rows).toEqual([
      { detID: '2', intID: '1', intName: 'LAMAR' },
      { detID: '3', intID: '1', intName: 'LAMAR, N' },
    ]);
  });

  it('reads quotes, line breaks inside quotes, LF and CR endings, and skips blank lines', () => {
    const splitter = new CsvLineSplitter();
    const lines = [...splitter.feed('a,"b ""c""","d\r\ne"\r\n\r\n\nf,,\rg"h,"i"j\n'), ...splitter.finish()];
    expect(lines).toEqual([
      ['a', 'b "c"', 'd\r\ne'],
      ['f', '', ''],
      ['g"h', 'ij'],
    ]);
  });

  it('gives the same records however the bytes are cut', async () => {
    const text = 'x,y\r\n1,"a,\r\nb"\r\n2,"é"\r\n3,z';
    const whole = await records([text]);
    const bytes = Buffer.from(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const split = [];
      for await (const batch of readCsvRecords(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]))) split.push(...batch.records);
      expect(split).toEqual(whole.records);
    }
    expect(whole.records).toEqual([
      { x: '1', y: 'a,\r\nb' },
      { x: '2', y: 'é' },
      { x: '3', y: 'z' },
    ]);
  });

  it('leaves out the fields of a short line and counts long lines', async () => {
    const result = await records(['a,b,c\n1,2\n1,2,3,4\n']);
    expect(result.records).toEqual([{ a: '1', b: '2' }, { a: '1', b: '2', c: '3' }]);
    expect(result.longLines).toBe(1);
  });

  it('reads a file with only a header as no records', async () => {
    expect((await records(['a,b\r\n'])).records).toEqual([]);
  });
  // Found by the hostile-input suite (stages/wt-insert.hostile.spec.ts): examples named the
  // record count as the line, wrong after a quoted line break or a blank line.
  it('gives the physical line each record starts on, whatever the chunks', async () => {
    const text = 'detID,intName\r\n2,"a\r\nb\nc"\r\n\r\n3,x\n\r4,"\r"\r\n5,y';
    for (const cut of [1, 7, 12, 13, 20, text.length - 1]) {
      const lines: number[] = [];
      for await (const batch of readCsvRecords(Readable.from([text.slice(0, cut), text.slice(cut)].map((chunk) => Buffer.from(chunk))))) lines.push(...batch.lines);
      expect([cut, lines]).toEqual([cut, [2, 6, 8, 10]]);
    }
  });
});
