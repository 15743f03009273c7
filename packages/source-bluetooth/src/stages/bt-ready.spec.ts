import { stringifyLakeJson } from '@lake/core';
import { bluetoothDeviceId } from '../ready/device-id';
import { enrichStandardized } from '../ready/enrich';
import type { ReadyFile } from '../formats/file-types';
import { BtTestLake } from '../test-support/ready-lake';
import { btDevice, matchedRecord, standardizedFile, summaryRecord, unitDataSnapshot, unmatchedRecord } from '../test-support/ready-fixtures';
import { BluetoothReady } from './bt-ready';

const DAY = '2019-06-01';
const t = (wall: string) => `${DAY} ${wall}-05:00`;
const lamar6th = btDevice('lamar_6th');
const lamarMlk = btDevice('lamar_mlk');

describe('bt:ready', () => {
  let lake: BtTestLake;
  const stage = new BluetoothReady();

  beforeEach(() => {
    lake = new BtTestLake();
  });
  afterEach(async () => {
    await lake.dispose();
  });

  async function standardizeDay(day = DAY): Promise<void> {
    const at = (wall: string) => `${day} ${wall}-05:00`;
    await lake.writeJson('standardized', 'unmatched.json', day, standardizedFile('unmatched', day, [
      unmatchedRecord(at('00:00:09'), 'lamar_6th', 'B'),
      unmatchedRecord(at('00:00:05'), 'lamar_mlk', 'A'),
      unmatchedRecord(at('00:00:07'), 'retired_reader', 'C'),
    ]));
    await lake.writeJson('standardized', 'matched.json', day, standardizedFile('matched', day, [
      matchedRecord('A', 'lamar_mlk', 'lamar_6th', at('00:00:05'), at('00:00:09')),
    ]));
    await lake.writeJson('standardized', 'traf_match_summary.json', day, standardizedFile('traf_match_summary', day, [
      summaryRecord('lamar_mlk', 'lamar_6th', at('00:15:00')),
    ]));
  }

  it('makes a ready file per standardized file, with device ids from the next day\'s unit data', async () => {
    await standardizeDay();
    await lake.storeUnitData(unitDataSnapshot('2019-06-02', [lamar6th, lamarMlk]));

    const result = await lake.run(stage);

    expect(result.failures).toEqual([]);
    // The unit-data snapshot beside the files is not an item.
    expect(result.items).toBe(3);
    expect(result.records).toBe(2 + 1 + 1);
    expect(await lake.catalogDays('ready')).toEqual([
      `matched.json ${DAY}`,
      `traf_match_summary.json ${DAY}`,
      `unmatched.json ${DAY}`,
    ]);
    const unmatched = (await lake.readJson('ready', 'unmatched.json', DAY)) as ReadyFile;
    expect(unmatched.header.processing_date).toBe(lake.time.format(lake.lake.time.now()));
    expect(unmatched.data.map((row) => [row.dev_addr, row.device_id])).toEqual([
      ['A', bluetoothDeviceId(lamarMlk)],
      ['B', bluetoothDeviceId(lamar6th)],
    ]);
    expect(unmatched.devices.map((device) => device.device_name)).toEqual(['lamar_6th', 'lamar_mlk']);
    const matched = (await lake.readJson('ready', 'matched.json', DAY)) as ReadyFile;
    expect(matched.data[0]).toMatchObject({ origin_device_id: bluetoothDeviceId(lamarMlk), dest_device_id: bluetoothDeviceId(lamar6th) });
    expect((await lake.perfmetJobs('Ready')).map((job) => [job.records, job.collectionStart])).toEqual([[4, lake.day(DAY)]]);
  });

  it('logs how many records it dropped, why, and the unknown reader names', async () => {
    await standardizeDay();
    await lake.storeUnitData(unitDataSnapshot('2019-06-02', [lamar6th, lamarMlk]));

    await lake.run(stage);

    expect(lake.warnings()).toContainEqual(expect.stringContaining(
      `dropped 1 of 3 records without a known reader on ${DAY} (unknown_reader 1); readers not in the unit data: retired_reader`,
    ));
  });

  it('uses the first snapshot strictly after the data day', async () => {
    await standardizeDay();
    const moved = btDevice('lamar_6th', { lat: 30.3 });
    await lake.storeUnitData(unitDataSnapshot(DAY, [btDevice('lamar_6th', { lat: 1 }), lamarMlk]));
    await lake.storeUnitData(unitDataSnapshot('2019-06-02', [moved, lamarMlk]));
    await lake.storeUnitData(unitDataSnapshot('2019-06-05', [btDevice('lamar_6th', { lat: 2 }), lamarMlk]));

    await lake.run(stage);

    const unmatched = (await lake.readJson('ready', 'unmatched.json', DAY)) as ReadyFile;
    expect(unmatched.data[1].device_id).toBe(bluetoothDeviceId(moved));
  });

  it('falls back to an earlier snapshot with a warning when none is later', async () => {
    await standardizeDay();
    await lake.storeUnitData(unitDataSnapshot('2019-05-30', [lamar6th, lamarMlk]));

    const result = await lake.run(stage);

    expect(result.failures).toEqual([]);
    expect(result.records).toBe(4);
    expect(lake.warnings()).toContainEqual(expect.stringContaining('using the snapshot of 2019-05-30 instead'));
  });

  it('fails each item clearly when there is no unit data at all, and writes nothing', async () => {
    await standardizeDay();

    const result = await lake.run(stage);

    expect(result.failures).toHaveLength(3);
    expect(result.failures[0]).toMatchObject({ code: 'UNIT_DATA_MISSING' });
    expect(result.failures[0].message).toContain(`ready file of ${DAY}`);
    expect(await lake.catalogRows('ready')).toEqual([]);
  });

  it('writes an empty ready file for an empty standardized file (B-8)', async () => {
    await lake.writeJson('standardized', 'unmatched.json', DAY, standardizedFile('unmatched', DAY, []));
    await lake.storeUnitData(unitDataSnapshot('2019-06-02', [lamar6th]));

    const result = await lake.run(stage);

    expect(result.failures).toEqual([]);
    expect(await lake.readJson('ready', 'unmatched.json', DAY)).toMatchObject({ data: [], devices: [] });
    expect(await lake.catalogDays('ready')).toEqual([`unmatched.json ${DAY}`]);
  });

  it('does nothing on a re-run, and keys by base and ext so a day\'s missing type is still made', async () => {
    await lake.writeJson('standardized', 'matched.json', DAY, standardizedFile('matched', DAY, [
      matchedRecord('A', 'lamar_mlk', 'lamar_6th', t('00:00:05'), t('00:00:09')),
    ]));
    await lake.storeUnitData(unitDataSnapshot('2019-06-02', [lamar6th, lamarMlk]));
    await lake.run(stage);
    await lake.writeJson('standardized', 'unmatched.json', DAY, standardizedFile('unmatched', DAY, [unmatchedRecord(t('00:00:01'), 'lamar_6th', 'A')]));

    const second = await lake.run(stage);
    const third = await lake.run(stage);

    expect(second).toMatchObject({ items: 1, records: 1 });
    expect(third).toMatchObject({ items: 0, records: 0 });
    expect(await lake.catalogDays('ready')).toEqual([`matched.json ${DAY}`, `unmatched.json ${DAY}`]);
  });

  it('stores the bytes the in-memory transform makes, also when sorting through temp files', async () => {
    const at = (second: number) => `${DAY} 00:${String(Math.floor(second / 60)).padStart(2, '0')}:${String(second % 60).padStart(2, '0')}-05:00`;
    const readers = ['lamar_6th', 'lamar_mlk', 'retired_reader'];
    // Out of order, with ties, so the sort matters.
    const records = Array.from({ length: 400 }, (_, index) => unmatchedRecord(at((index * 37) % 120), readers[index % 3], `P${index}`));
    const file = standardizedFile('unmatched', DAY, records);
    await lake.writeJson('standardized', 'unmatched.json', DAY, file);
    const devices = [lamarMlk, lamar6th];
    await lake.storeUnitData(unitDataSnapshot('2019-06-02', devices));

    const result = await lake.run(new BluetoothReady({ sortMemoryRecords: 20 }));

    expect(result.failures).toEqual([]);
    const storage = await lake.storage('ready');
    const stored = await storage.readText(storage.key('Austin', 'unmatched.json', lake.day(DAY)));
    const processingDate = lake.time.format(lake.lake.time.now());
    expect(stored).toBe(stringifyLakeJson(enrichStandardized(file, devices, { fileType: 'unmatched', processingDate }).ready));
    expect(result.records).toBe(267);
  });
});
