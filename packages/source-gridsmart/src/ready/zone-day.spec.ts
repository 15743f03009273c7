import { InvalidLakeJson, LakeTime } from '@lake/core';
import type { TimedRecord } from './record-time';
import { countRecord, zoneFile } from './test-support/zone-fixtures';
import { dayWindow, InvalidZoneFile, readZoneDay } from './zone-day';

const time = new LakeTime('America/Chicago');
const ZONE = '0a1b2c3d00004e5f8a9b112233445566';

/** The text in pieces of `size` characters, as a storage stream hands it out. */
async function* chunks(text: string, size = 7): AsyncGenerator<string> {
  for (let start = 0; start < text.length; start += size) yield text.slice(start, start + size);
}

/** The read, with the records it handed on, chunk by chunk. */
async function read(body: unknown, day = '2020-03-04', chunkSize = 7) {
  const handed: TimedRecord[][] = [];
  const result = await readZoneDay(chunks(typeof body === 'string' ? body : JSON.stringify(body), chunkSize), 'rawjson/zone.json', dayWindow(time.dayStart(day), time), ZONE, time, (records) => {
    handed.push(records);
  });
  return { ...result, handed, records: handed.flat() };
}

describe('readZoneDay', () => {
  it('keeps the records of the local day, tagged with the zone, and counts the others', async () => {
    const result = await read(zoneFile(ZONE, '2020-03-04', [countRecord('2020-03-03 23:59:59.900000-06:00'), countRecord('2020-03-04 00:00:00-06:00'), countRecord('2020-03-04T23:59:59.9-06:00'), countRecord('2020-03-05 00:00:00-06:00')], { dayCovered: 0 }));
    expect(result.header).toMatchObject({ guid: '0a1b2c3d-0000-4e5f-8a9b-112233445566', day_covered: 0 });
    expect(result.records.map((timed) => [timed.record.timestamp_adj, timed.record.zone])).toEqual([
      ['2020-03-04 00:00:00-06:00', ZONE],
      ['2020-03-04T23:59:59.9-06:00', ZONE],
    ]);
    expect([result.outside, result.stoppedAt, result.notRecords, result.kept]).toEqual([2, null, 0, 2]);
  });

  it('hands the day\'s records on as the file is read, not once at its end', async () => {
    const records = Array.from({ length: 3000 }, (_, index) => countRecord(time.format(new Date(time.dayStart('2020-03-04').getTime() + index * 1000))));
    const result = await read(zoneFile(ZONE, '2020-03-04', records), '2020-03-04', 16 * 1024);
    expect(result.handed.length).toBeGreaterThan(5);
    expect(result.records.map((timed) => timed.record.timestamp_adj)).toEqual(records.map((record) => record.timestamp_adj));
    expect(result.kept).toBe(3000);
  });

  it('stops at the first record without a readable timestamp_adj and says where (none of the file may be used)', async () => {
    const result = await read(zoneFile(ZONE, '2020-03-04', [countRecord('2020-03-04 01:00:00-06:00'), 'not a record', countRecord('yesterday'), countRecord('2020-03-04 02:00:00-06:00')]));
    expect(result.stoppedAt).toBe(2);
    // Records of chunks read before the stop were handed on: the caller drops them (gatherCounts).
    expect(result.kept).toBe(result.records.length);
    expect(result.records.every((timed) => timed.record.timestamp_adj === '2020-03-04 01:00:00-06:00')).toBe(true);
  });

  it('skips data entries that are not records', async () => {
    const result = await read(zoneFile(ZONE, '2020-03-04', [null, [1], countRecord('2020-03-04 01:00:00-06:00')]));
    expect([result.notRecords, result.records.length]).toEqual([2, 1]);
  });

  it('accepts the members in any order and an empty data list', async () => {
    const result = await read('{"data": [], "header": {"day_covered": -1}}');
    expect(result).toMatchObject({ header: { day_covered: -1 }, records: [], kept: 0, stoppedAt: null });
  });

  it('fails clearly on a file without header or data list, or that is no JSON', async () => {
    await expect(read('{"data": []}')).rejects.toThrow(new InvalidZoneFile('rawjson/zone.json', 'no "header" object'));
    await expect(read('{"header": {}}')).rejects.toThrow(new InvalidZoneFile('rawjson/zone.json', 'no "data" list'));
    await expect(read('{"header": {}, "data": 3}')).rejects.toThrow('"data" is not a list');
    await expect(read('{"header": {}, "data": [{"a": 1},]}')).rejects.toThrow(InvalidLakeJson);
  });
});
