import fs from 'node:fs';
import path from 'node:path';
import { CsvPublishDriver, definePlugin, Registry, type PublishDriver } from '@lake/core';
import { recordId } from '../publish/record-id';
import { fields, writeReadyDay } from '../test-support/publish-fixtures';
import { matchedRecord, standardizedFile, summaryRecord, unitDataSnapshot, unmatchedRecord } from '../test-support/ready-fixtures';
import { BtTestLake } from '../test-support/ready-lake';
import { DEVICES } from '../test-support/publish-fixtures';
import { BluetoothPublish } from './bt-publish';
import { BluetoothReady } from './bt-ready';

const DAY = '2019-06-01';
const DAY2 = '2019-06-02';
const IAF = 'qnpj-zrb9';
const ITMF = 'x44q-icha';
const TMSR = 'v7zg-5jg9';
const at = (day: string, wall: string) => `${day} ${wall}-05:00`;

/** A day: phones P1, P2 seen in the IAF; P3 and P1 matched. */
function dayFiles(day: string) {
  return {
    unmatched: [
      unmatchedRecord(at(day, '00:00:05'), 'lamar_6th', 'P1'),
      unmatchedRecord(at(day, '00:00:07'), 'lamar_mlk', 'P2'),
      unmatchedRecord(at(day, '00:00:09'), 'lamar_mlk', 'P1'),
    ],
    matched: [
      matchedRecord('P3', 'lamar_mlk', 'lamar_6th', at(day, '00:00:01'), at(day, '00:00:03')),
      matchedRecord('P1', 'lamar_6th', 'lamar_mlk', at(day, '00:00:05'), at(day, '00:00:09')),
    ],
    traf_match_summary: [summaryRecord('51st_springdale', '51st_manor', at(day, '00:00:00'))],
  };
}

describe('bt:publish', () => {
  let lake: BtTestLake;
  const stage = new BluetoothPublish();

  afterEach(async () => {
    await lake.dispose();
  });

  describe('with the embedded default', () => {
    beforeEach(() => {
      lake = new BtTestLake();
    });

    it('publishes each file type of a day to its dataset CSV and catalogs it in public', async () => {
      await writeReadyDay(lake, DAY, dayFiles(DAY));

      const result = await lake.run(stage);

      expect(result.failures).toEqual([]);
      expect(result).toMatchObject({ items: 3, records: 3 + 2 + 1 });
      expect(lake.publishedLines(IAF)).toEqual([
        'host_read_time,field_device_read_time,reader_identifier,device_address,record_id',
        `2019-06-01T00:00:05,2019-06-01T00:00:05,lamar_6th,1,${recordId(['2019-06-01T00:00:05', 'lamar_6th', 1])}`,
        `2019-06-01T00:00:07,2019-06-01T00:00:07,lamar_mlk,2,${recordId(['2019-06-01T00:00:07', 'lamar_mlk', 2])}`,
        `2019-06-01T00:00:09,2019-06-01T00:00:09,lamar_mlk,1,${recordId(['2019-06-01T00:00:09', 'lamar_mlk', 1])}`,
      ]);
      expect(lake.publishedLines(ITMF)[0]).toBe(
        'device_address,origin_reader_identifier,destination_reader_identifier,travel_time_seconds,speed_miles_per_hour,match_validity,filter_identifier,start_time,end_time,day_of_week,record_id',
      );
      expect(lake.publishedLines(TMSR)).toEqual([
        'origin_reader_identifier,destination_reader_identifier,origin_roadway,origin_cross_street,origin_direction,destination_roadway,destination_cross_street,destination_direction,segment_length_miles,timestamp,average_travel_time_seconds,average_speed_mph,summary_interval_minutes,number_samples,standard_deviation,record_id',
        '51st_springdale,51st_manor,51st,Springdale,Westbound,51st,Manor,Eastbound,0.633,2019-06-01T00:00:00,61,37,15,1,0,56a11f1cdbeaac47d33d4cf061752ae8',
      ]);
      const publicRows = await lake.catalogRows('public');
      expect(publicRows.map((row) => [row.ext, row.pointer, lake.time.calendarDate(row.collectionDate)])).toEqual([
        ['matched.json', ITMF, DAY],
        ['traf_match_summary.json', TMSR, DAY],
        ['unmatched.json', IAF, DAY],
      ]);
      expect((await lake.perfmetJobs('Publish')).map((job) => job.records)).toEqual([6]);
    });

    it('gives a phone the same number in the IAF and the ITMF of a day, IAF first (B-9 fixed)', async () => {
      await writeReadyDay(lake, DAY, dayFiles(DAY));

      await lake.run(stage);

      // The matched file is published first, yet P1 keeps the number the IAF gave it.
      const matched = lake.publishedLines(ITMF).slice(1).map(fields);
      expect(matched.map((row) => [row[0], row[7]])).toEqual([
        ['3', '2019-06-01T00:00:01'],
        ['1', '2019-06-01T00:00:05'],
      ]);
      expect(matched[0][9]).toBe('Saturday');
    });

    it('numbers a day the same whether a run publishes the whole day, its matched file alone, or starts on another day', async () => {
      await writeReadyDay(lake, DAY, dayFiles(DAY));
      await writeReadyDay(lake, DAY2, dayFiles(DAY2));
      await lake.run(stage);
      const whole = lake.publishedLines(ITMF).slice(1);

      // A run that only happens to process the matched files (forced, so they are sent again).
      class MatchedOnly extends BluetoothPublish {
        override readonly sourceExt = 'matched.json';
      }
      await lake.run(new MatchedOnly(), { lastRunDate: '0', force: true });
      // A run of the second day alone (upstream restarted its counter per the run's first day).
      await lake.run(new MatchedOnly(), { startDate: DAY2, endDate: '2019-06-03', force: true });

      // The dataset upserts by record_id: a different device number would mean a different
      // record_id, so an extra row. The same numbers replace the rows with identical ones.
      const lines = lake.publishedLines(ITMF).slice(1);
      expect(whole).toHaveLength(4);
      expect(lines).toEqual(whole);
    });

    it('publishes nothing on a re-run, but a type of a day not yet published still goes (base+ext key)', async () => {
      await writeReadyDay(lake, DAY, { matched: dayFiles(DAY).matched });
      await lake.run(stage);
      await writeReadyDay(lake, DAY, { unmatched: dayFiles(DAY).unmatched });

      const second = await lake.run(stage);
      const third = await lake.run(stage);

      expect(second).toMatchObject({ items: 1, records: 3 });
      expect(third).toMatchObject({ items: 0, records: 0 });
      expect(lake.publishedLines(ITMF)).toHaveLength(1 + 2);
      expect(lake.publishedLines(IAF)).toHaveLength(1 + 3);
    });

    it('publishes null for missing times, hashes them as None and warns (B-10)', async () => {
      await writeReadyDay(lake, DAY, { unmatched: [unmatchedRecord(null, 'lamar_6th', 'P1')] });

      const result = await lake.run(stage);

      expect(result.failures).toEqual([]);
      expect(lake.publishedLines(IAF)[1]).toBe(`,,lamar_6th,1,${recordId([null, 'lamar_6th', 1])}`);
      expect(lake.warnings()).toContainEqual(expect.stringContaining('2 times were missing or unreadable and were published as null'));
    });

    it('writes the -o CSV side file, with the first row\'s keys as header', async () => {
      await writeReadyDay(lake, DAY, { traf_match_summary: dayFiles(DAY).traf_match_summary });
      const outputPath = lake.dir('out');

      await lake.run(stage, { lastRunDate: '0', outputPath });

      expect(fs.readFileSync(path.join(outputPath, `${TMSR}.csv`), 'utf8').split('\r\n').filter(Boolean)).toEqual(lake.publishedLines(TMSR));
    });

    it('writes nothing when simulating, and -0 -o is a dry run to CSV', async () => {
      await writeReadyDay(lake, DAY, dayFiles(DAY));
      const outputPath = lake.dir('dry');

      const simulated = await lake.run(stage, { lastRunDate: '0', simulate: true });
      const dryRun = await lake.run(stage, { lastRunDate: '0', simulate: true, outputPath });

      expect(simulated).toMatchObject({ items: 3, records: 6, failures: [] });
      expect(dryRun.failures).toEqual([]);
      expect(fs.existsSync(path.join(lake.home, 'publish'))).toBe(false);
      expect(await lake.catalogRows('public')).toEqual([]);
      expect(fs.readdirSync(outputPath).sort()).toEqual([`${IAF}.csv`, `${TMSR}.csv`, `${ITMF}.csv`].sort());
    });

    it('skips a ready file of another kind with a warning', async () => {
      await lake.writeJson('ready', 'notes.json', DAY, { header: {}, data: [], devices: [] });

      const result = await lake.run(stage);

      expect(result).toMatchObject({ items: 1, records: 0, failures: [] });
      expect(lake.warnings()).toContain('WARN Unsupported file type or extension: notes.json');
      expect(await lake.catalogRows('public')).toEqual([]);
    });

    it('reads a ready file in the original\'s layout: one line, spaces, devices after data, bare NaN', async () => {
      const device = { ...DEVICES[0], device_id: 'id-6th', kits_id: NaN };
      const rows = [
        { host_timestamp: at(DAY, '00:00:05'), ip_address: '10.1.2.3', field_timestamp: 'NaN-placeholder', reader_id: 'lamar_6th', dev_addr: 'P1', device_id: 'id-6th' },
        { host_timestamp: at(DAY, '00:00:07'), ip_address: '10.1.2.3', field_timestamp: at(DAY, '00:00:06'), reader_id: 'lamar_6th', dev_addr: 'P2', device_id: 'id-6th' },
      ];
      const text = `{"header": ${JSON.stringify(standardizedFile('unmatched', DAY, []).header)}, "data": [${rows.map((row) => JSON.stringify(row)).join(', ')}, 5], "devices": [${JSON.stringify(device).replace('null', 'NaN')}]}`
        .replace('"NaN-placeholder"', 'NaN');
      const storage = await lake.storage('ready');
      await storage.write(text, { base: 'Austin', ext: 'unmatched.json', date: lake.day(DAY) });

      const result = await lake.run(stage);

      expect(result).toMatchObject({ items: 1, records: 2, failures: [] });
      expect(lake.publishedLines(IAF).slice(1).map(fields).map((row) => row.slice(0, 4))).toEqual([
        ['2019-06-01T00:00:05', '', 'lamar_6th', '1'],
        ['2019-06-01T00:00:07', '2019-06-01T00:00:06', 'lamar_6th', '2'],
      ]);
      expect(lake.warnings()).toContainEqual(expect.stringContaining('skipped 1 data entries that are not records'));
    });

    it('fails a ready file without devices, publishing and cataloguing nothing', async () => {
      await lake.writeJson('ready', 'matched.json', DAY, { header: standardizedFile('matched', DAY, []).header, data: dayFiles(DAY).matched });

      const result = await lake.run(stage);

      expect(result.failures).toHaveLength(1);
      expect(result.failures[0]).toMatchObject({ code: 'INVALID_BT_FILE' });
      expect(result.failures[0].message).toContain('no "devices" list');
      expect(lake.publishedLines(ITMF)).toEqual([]);
      expect(await lake.catalogRows('public')).toEqual([]);
    });

    it('goes from standardized files through bt:ready to the datasets, dropping unknown readers', async () => {
      await lake.writeJson('standardized', 'unmatched.json', DAY, standardizedFile('unmatched', DAY, [
        unmatchedRecord(at(DAY, '00:00:05'), 'lamar_6th', 'P1'),
        unmatchedRecord(at(DAY, '00:00:06'), 'Lamar_6th', 'P2'),
      ]));
      await lake.storeUnitData(unitDataSnapshot(DAY2, DEVICES));

      await lake.run(new BluetoothReady());
      const result = await lake.run(stage);

      expect(result.records).toBe(1);
      expect(lake.publishedLines(IAF).slice(1).map(fields).map((row) => row[2])).toEqual(['lamar_6th']);
      expect(lake.warnings()).toContainEqual(expect.stringContaining('readers not in the unit data: Lamar_6th'));
    });
  });

  it('sends the datasets named in the config (sources.bt.datasets)', async () => {
    lake = new BtTestLake({ config: { sources: { bt: { datasets: { unmatched: 'my-iaf' } } } } });
    await writeReadyDay(lake, DAY, { unmatched: dayFiles(DAY).unmatched, traf_match_summary: dayFiles(DAY).traf_match_summary });

    await lake.run(stage);

    expect(lake.publishedLines('my-iaf')).toHaveLength(4);
    expect(lake.publishedLines(TMSR)).toHaveLength(2);
    expect((await lake.catalogRows('public')).map((row) => row.pointer)).toEqual([TMSR, 'my-iaf']);
  });

  describe('with a publish driver that watches the catalog', () => {
    const writes: { rows: number; publicRows: number }[] = [];
    let failOnWrite: number | null = null;

    function watchingLake(): BtTestLake {
      writes.length = 0;
      const registry = new Registry().register(
        definePlugin({
          name: 'watching-publish',
          coreRange: '*',
          drivers: {
            publish: {
              watching: (_settings, env): PublishDriver => {
                const csv = new CsvPublishDriver(path.join(env.home, 'publish'));
                return {
                  preferredChunk: csv.preferredChunk,
                  async write(dataset, rows) {
                    writes.push({ rows: rows.length, publicRows: (await lake.catalogRows('public')).length });
                    if (writes.length === failOnWrite) throw new Error('the dataset service went away');
                    return csv.write(dataset, rows);
                  },
                  delete: (dataset, idColumn, ids) => csv.delete(dataset, idColumn, ids),
                  close: () => csv.close(),
                };
              },
            },
          },
        }),
      );
      return new BtTestLake({ registry, config: { publish: { driver: 'watching' } } });
    }

    const manyRecords = (count: number) =>
      Array.from({ length: count }, (_, index) => unmatchedRecord(at(DAY, `0${Math.floor(index / 3600)}:${String(Math.floor(index / 60) % 60).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}`), 'lamar_6th', `P${index}`));

    it('publishes a file of 10 001 rows completely, in chunks, and catalogs it only afterwards', async () => {
      failOnWrite = null;
      lake = watchingLake();
      await writeReadyDay(lake, DAY, { unmatched: manyRecords(10_001) });

      const result = await lake.run(stage);

      expect(result).toMatchObject({ records: 10_001, failures: [] });
      expect(writes).toEqual([
        { rows: 10_000, publicRows: 0 },
        { rows: 1, publicRows: 0 },
      ]);
      const lines = lake.publishedLines(IAF);
      expect(lines).toHaveLength(1 + 10_001);
      expect(fields(lines[10_001])[3]).toBe('10001');
      expect(await lake.catalogDays('public')).toEqual([`unmatched.json ${DAY}`]);
    });

    it('leaves no catalog row when a chunk fails, so the next run sends the file again', async () => {
      failOnWrite = 2;
      lake = watchingLake();
      await writeReadyDay(lake, DAY, { unmatched: manyRecords(10_001) });

      const failed = await lake.run(stage);
      failOnWrite = null;
      const retried = await lake.run(stage);

      expect(failed.failures).toHaveLength(1);
      expect(failed.failures[0].message).toContain('the dataset service went away');
      expect(retried).toMatchObject({ items: 1, records: 10_001, failures: [] });
      expect(await lake.catalogDays('public')).toEqual([`unmatched.json ${DAY}`]);
    });
  });
});
