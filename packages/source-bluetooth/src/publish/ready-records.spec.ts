import { readyRecordBatches } from './ready-records';

async function* from(text: string): AsyncGenerator<string> {
  for (let start = 0; start < text.length; start += 7) yield text.slice(start, start + 7);
}

async function all(text: string): Promise<unknown[]> {
  const records: unknown[] = [];
  for await (const batch of readyRecordBatches(from(text), 'ready/x.json')) records.push(...batch);
  return records;
}

describe('readyRecordBatches', () => {
  it('streams the records of a ready file, skipping entries that are not records', async () => {
    expect(await all('{"header": {}, "data": [{"dev_addr": "A"}, 5, null, {"dev_addr": NaN}], "devices": []}')).toEqual([{ dev_addr: 'A' }, { dev_addr: null }]);
  });

  it('fails by the end of a file that is no ready file', async () => {
    await expect(all('{"header": {}, "data": []}')).rejects.toMatchObject({ code: 'INVALID_BT_FILE', message: expect.stringContaining('ready/x.json is not a Bluetooth lake file: no "devices" list') });
    await expect(all('{"data": [], "devices": []}')).rejects.toMatchObject({ message: expect.stringContaining('no "header" object') });
    await expect(all('{"header": {}, "data": 3, "devices": []}')).rejects.toMatchObject({ message: expect.stringContaining('no "data" list') });
  });
});
