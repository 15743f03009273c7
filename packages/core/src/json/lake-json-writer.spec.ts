import { text } from 'node:stream/consumers';
import { lakeJsonObjectStream } from './lake-json-writer';

describe('lakeJsonObjectStream', () => {
  it('writes the members before, the array batch by batch, then the members after, in order', async () => {
    async function* batches() {
      yield [{ a: 1 }, { a: NaN }];
      yield [];
      yield [{ a: 3 }];
    }
    const written = await text(lakeJsonObjectStream({ header: { version: 8 } }, 'counts', batches(), { site: { id: 's' }, device: [] }));
    expect(written).toBe('{"header":{"version":8},"counts":[{"a":1},{"a":null},{"a":3}],"site":{"id":"s"},"device":[]}');
  });

  it('asks for the members after the array only once the array is written', async () => {
    const seen: number[] = [];
    function* batches() {
      for (const value of [1, 2]) {
        seen.push(value);
        yield [value];
      }
    }
    const written = await text(lakeJsonObjectStream({}, 'data', batches(), () => ({ seen: [...seen] })));
    expect(JSON.parse(written)).toEqual({ data: [1, 2], seen: [1, 2] });
  });

  it('hands each large batch on as soon as it is written, then the closing members', async () => {
    const row = { text: 'x'.repeat(1000) };
    const stream = lakeJsonObjectStream({}, 'data', [Array.from({ length: 500 }, () => row)]);
    let pieces = 0;
    let total = '';
    for await (const chunk of stream) {
      pieces++;
      total += chunk.toString('utf8');
    }
    expect(pieces).toBe(2);
    expect(JSON.parse(total).data).toHaveLength(500);
  });
});
