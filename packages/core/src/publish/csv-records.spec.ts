import { Readable } from 'node:stream';
import { readCsvHeader, readCsvRecords } from './csv-records';

async function records(chunks: string[]) {
  const found = [];
  for await (const record of readCsvRecords(Readable.from(chunks.map((chunk) => Buffer.from(chunk))))) found.push(record);
  return found;
}

describe('readCsvRecords', () => {
  it('splits CRLF records into fields and keeps each record raw text', async () => {
    const found = await records(['a,b\r\n1,2\r\n']);
    expect(found).toEqual([
      { fields: ['a', 'b'], raw: 'a,b\r\n', complete: true },
      { fields: ['1', '2'], raw: '1,2\r\n', complete: true },
    ]);
  });

  it('reads quoted commas, doubled quotes and line breaks, across chunk boundaries', async () => {
    const text = 'id,note\r\n1,"a, ""b""\r\nc"\r\n2,\r\n';
    const chunked = text.split('');
    for (const chunks of [[text], chunked]) {
      const found = await records(chunks);
      expect(found.map((record) => record.fields)).toEqual([['id', 'note'], ['1', 'a, "b"\r\nc'], ['2', '']]);
      expect(found.map((record) => record.raw).join('')).toBe(text);
    }
  });

  it('yields a last record without a line terminator, marked incomplete', async () => {
    const found = await records(['a,b\n1,2']);
    expect(found.map((record) => record.fields)).toEqual([['a', 'b'], ['1', '2']]);
    expect(found.map((record) => record.complete)).toEqual([true, false]);
  });

  it('marks a last record cut inside quotes as incomplete, even after a line break', async () => {
    const found = await records(['id,note\r\n1,"cut\r\n']);
    expect(found.map((record) => record.complete)).toEqual([true, false]);
    expect(found[1].raw).toBe('1,"cut\r\n');
  });

  it('reads only the header', async () => {
    expect(await readCsvHeader(Readable.from([Buffer.from('x,"y,z"\r\n1,2\r\n')]))).toEqual(['x', 'y,z']);
    expect(await readCsvHeader(Readable.from([]))).toBeNull();
  });
});
