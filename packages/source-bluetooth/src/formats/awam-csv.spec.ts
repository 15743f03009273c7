import { Readable } from 'node:stream';
import { readAwamRecords, type AwamCsvProblem, type AwamRecord } from './awam-csv';

async function read(input: string | Buffer | (string | Buffer)[], fieldLimit?: number): Promise<{ records: AwamRecord[]; problems: AwamCsvProblem[] }> {
  const chunks = Array.isArray(input) ? input : [input];
  const problems: AwamCsvProblem[] = [];
  const records: AwamRecord[] = [];
  const bytes = chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk));
  for await (const record of readAwamRecords(Readable.from(bytes), { onProblem: (problem) => problems.push(problem), fieldLimit })) {
    records.push(record);
  }
  return { records, problems };
}

const fieldsOf = async (input: string | Buffer | (string | Buffer)[]) => (await read(input)).records.map((record) => record.fields);

describe('readAwamRecords', () => {
  it('splits lines at LF, CRLF and a lone CR, keeping each record\'s first line number', async () => {
    const { records } = await read('a,b\nc,d\r\ne,f\rg,h');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
      { line: 3, fields: ['e', 'f'] },
      { line: 4, fields: ['g', 'h'] },
    ]);
  });

  it('skips completely blank lines but keeps lines of spaces or bare commas', async () => {
    const { records } = await read('\n\r\na,b\n\n \n,\n');
    expect(records).toEqual([
      { line: 3, fields: ['a', 'b'] },
      { line: 5, fields: [' '] },
      { line: 6, fields: ['', ''] },
    ]);
  });

  it('does not trim and keeps empty fields', async () => {
    expect(await fieldsOf(' x , y,,\n')).toEqual([[' x ', ' y', '', '']]);
  });

  it('reads quoted fields with commas, doubled quotes and newlines (a CRLF inside becomes LF)', async () => {
    const { records } = await read('"a,b","say ""hi""","two\r\nlines",end\nnext\n');
    expect(records).toEqual([
      { line: 1, fields: ['a,b', 'say "hi"', 'two\nlines', 'end'] },
      { line: 3, fields: ['next'] },
    ]);
  });

  it('keeps a stray quote inside an unquoted field, and text after a closing quote', async () => {
    expect(await fieldsOf('ab"c,5" screen\n"ab"cd,"x"\n')).toEqual([
      ['ab"c', '5" screen'],
      ['abcd', 'x'],
    ]);
  });

  it('closes a quoted field left open at the end of the file', async () => {
    expect(await fieldsOf('a,"open\nstill open\n')).toEqual([['a', 'open\nstill open\n']]);
    expect(await fieldsOf('a,"')).toEqual([['a', '']]);
  });

  it('reads a last line without a newline', async () => {
    expect(await fieldsOf('a,b\nc,')).toEqual([['a', 'b'], ['c', '']]);
  });

  it('keeps NUL characters', async () => {
    expect(await fieldsOf('a\u0000b,c\n')).toEqual([['a\u0000b', 'c']]);
  });

  it('gives the same records whatever the chunk boundaries (CR LF split, multi-byte split)', async () => {
    const text = Buffer.from('é,"x\r\ny"\r\n€,z\r\n', 'utf8');
    const whole = await fieldsOf(text);
    for (let cut = 1; cut < text.length; cut++) {
      expect(await fieldsOf([text.subarray(0, cut), text.subarray(cut)])).toEqual(whole);
    }
    expect(whole).toEqual([['é', 'x\ny'], ['€', 'z']]);
    const bytewise = await fieldsOf([...text].map((byte) => Buffer.from([byte])));
    expect(bytewise).toEqual(whole);
  });

  it('replaces invalid UTF-8 and reports the line instead of failing', async () => {
    const input = Buffer.concat([Buffer.from('good,1\nbad,'), Buffer.from([0xff, 0xfe]), Buffer.from('x\ngood,2\n')]);
    const { records, problems } = await read(input);
    expect(records.map((record) => record.fields)).toEqual([['good', '1'], ['bad', '\ufffd\ufffdx'], ['good', '2']]);
    expect(problems).toEqual([{ kind: 'invalid-utf8', line: 2, message: expect.stringContaining('U+FFFD') }]);
  });

  it('reports a truncated multi-byte character at the end of the file', async () => {
    const { records, problems } = await read(Buffer.from([0x61, 0x2c, 0xe2, 0x82]));
    expect(records).toEqual([{ line: 1, fields: ['a', '\ufffd'], invalidUtf8: true }]);
    expect(problems.map((problem) => problem.kind)).toEqual(['invalid-utf8']);
  });

  it('skips and reports a record with a field over the limit, and reads on', async () => {
    const long = 'x'.repeat(200_000);
    const { records, problems } = await read(`a,1\nb,${long},c\n"q,${long}\nstill",2\nd,4\n`);
    expect(records).toEqual([
      { line: 1, fields: ['a', '1'] },
      { line: 5, fields: ['d', '4'] },
    ]);
    expect(problems).toEqual([
      { kind: 'field-too-long', line: 2, message: expect.stringContaining('131072') },
      { kind: 'field-too-long', line: 3, message: expect.any(String) },
    ]);
  });

  it('skips and reports a record with absurdly many fields, and reads on', async () => {
    const { records, problems } = await read(`a,b\n${','.repeat(5000)}\nc,d\n`);
    expect(records.map((record) => record.fields)).toEqual([['a', 'b'], ['c', 'd']]);
    expect(problems).toEqual([{ kind: 'too-many-fields', line: 2, message: '5001 fields, more than 1000; record skipped' }]);
    expect((await read(`${','.repeat(999)}\n`)).records[0].fields).toHaveLength(1000);
  });

  it('accepts a field of exactly the limit (counted in characters, not UTF-16 units)', async () => {
    const exact = 'x'.repeat(131_072);
    expect((await read(`${exact}\n`)).records[0].fields[0]).toHaveLength(131_072);
    const emoji = '😀'.repeat(4);
    expect((await read(`${emoji}\n`, 4)).records[0].fields[0]).toBe(emoji);
    expect((await read(`${emoji}😀\n`, 4)).problems.map((problem) => problem.kind)).toEqual(['field-too-long']);
  });

  it('streams: a record comes out before the rest of the input is read', async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield Buffer.from('6/1/2019 1:00:00 AM,ip,6/1/2019 1:00:00 AM,reader,dev\r\n'.repeat(1000));
      }
    }
    let records = 0;
    for await (const record of readAwamRecords(endless())) {
      expect(record.fields).toHaveLength(5);
      if (++records === 2500) break;
    }
    expect(pulled).toBe(3);
  });
});
