import { standardizedJsonStream } from './standardized-json';
import type { BluetoothHeader, BluetoothRecord } from './file-types';

const header: BluetoothHeader = {
  data_type: 'bluetooth',
  file_type: 'unmatched',
  origin_filename: 'Austin_bt_2019-06-01_unmatched.txt',
  target_filename: 'Austin_bt_2019-06-01_unmatched.json',
  collection_date: '2019-06-01 00:00:00-05:00',
  processing_date: '2019-06-02 03:00:41.512000-05:00',
};

async function text(records: BluetoothRecord[], head: BluetoothHeader = header): Promise<string> {
  async function* source() {
    yield* records;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of standardizedJsonStream(head, source())) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('standardizedJsonStream', () => {
  it('writes header then data, header keys in the original order', async () => {
    const reversed = Object.fromEntries(Object.entries(header).reverse()) as unknown as BluetoothHeader;
    const json = await text([{ a: '1', b: null, null: ['x'] }], reversed);
    const parsed = JSON.parse(json);
    expect(Object.keys(parsed)).toEqual(['header', 'data']);
    expect(Object.keys(parsed.header)).toEqual(['data_type', 'file_type', 'origin_filename', 'target_filename', 'collection_date', 'processing_date']);
    expect(parsed.data).toEqual([{ a: '1', b: null, null: ['x'] }]);
  });

  it('writes an empty data list for a file without records', async () => {
    expect(JSON.parse(await text([])).data).toEqual([]);
  });

  it('keeps NUL characters and never writes NaN', async () => {
    const json = await text([{ a: 'x\u0000y', n: Number.NaN }]);
    expect(json).toContain('"x\\u0000y"');
    expect(JSON.parse(json).data).toEqual([{ a: 'x\u0000y', n: null }]);
  });

  it('streams many records in pieces that parse back whole', async () => {
    const records = Array.from({ length: 20_000 }, (_, index) => ({ reader_id: `r${index}`, dev_addr: 'é€😀' }));
    const parsed = JSON.parse(await text(records));
    expect(parsed.data).toHaveLength(20_000);
    expect(parsed.data[19_999]).toEqual({ reader_id: 'r19999', dev_addr: 'é€😀' });
  });

  it('streams: output starts before the records run out', async () => {
    let produced = 0;
    async function* endless() {
      for (;;) {
        produced++;
        yield { reader_id: 'lamar_6th', dev_addr: 'QUJDREVG' };
      }
    }
    const stream = standardizedJsonStream(header, endless());
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(String(first.value)).toMatch(/^\{"header":\{"data_type":"bluetooth",/);
    expect(produced).toBeLessThan(5000);
    stream.destroy();
  });
});
