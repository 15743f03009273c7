// Found by the hostile-input suite (stages/gs-standard.hostile.spec.ts): invalid UTF-8 and NUL
// bytes were taken silently, and a line had no length limit.
import { MAX_LINE_CHARS, readCsvLines, type CsvLine } from './csv-lines';

async function linesOf(...chunks: (string | Buffer)[]): Promise<CsvLine[]> {
  const out: CsvLine[] = [];
  for await (const batch of readCsvLines(chunks)) out.push(...batch);
  return out;
}

describe('readCsvLines on damaged text', () => {
  it('marks a line with invalid UTF-8 or a NUL, keeping its fields', async () => {
    const lines = await linesOf(Buffer.concat([Buffer.from('8,a\r\n8,'), Buffer.from([0xff]), Buffer.from('\r\n8,x\u0000y\r\n8,b\r\n')]));
    expect(lines).toEqual([
      { fields: ['8', 'a'], line: 1 },
      { fields: ['8', '\ufffd'], line: 2, damage: 'invalid-utf8' },
      { fields: ['8', 'x\u0000y'], line: 3, damage: 'nul' },
      { fields: ['8', 'b'], line: 4 },
    ]);
  });

  it('keeps no more than MAX_LINE_CHARS of a line: the line is marked too long, the next is read', async () => {
    const long = `8,${'"x'.repeat(MAX_LINE_CHARS)}`;
    const lines = await linesOf('8,a\n', long.slice(0, 1000), long.slice(1000), '\r\n8,b\n', 'c'.repeat(MAX_LINE_CHARS + 5));
    expect(lines).toEqual([
      { fields: ['8', 'a'], line: 1 },
      { fields: [], line: 2, damage: 'too-long' },
      { fields: ['8', 'b'], line: 3 },
      { fields: [], line: 4, damage: 'too-long' },
    ]);
  });
});
