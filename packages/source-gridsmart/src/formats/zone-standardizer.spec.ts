import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LakeTime } from '@lake/core';
import { GUID_NB, csvOf, v4Row, v7Row, v8Row } from '../test-support/zip-fixtures';
import { readCsvLines } from './csv-lines';
import { clockDelta, type ClockDelta } from './device-clock';
import { standardizeZone, ZoneFileError, type ZoneContext, type ZonePart } from './zone-standardizer';

const time = new LakeTime('America/Chicago');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-zone-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const onTime = clockDelta({ DateTime: '3/5/2020 1:31:02 AM', TimeZoneId: '(UTC-06:00) Central', HostTimeUTC: '03/05/2020 07:31:02 AM' }, 2);

function context(delta: ClockDelta = onTime): ZoneContext {
  return {
    time,
    base: 'Lamar_Koenig',
    collectionDay: '2020-03-04',
    collectionDate: '2020-03-04 00:00:00-06:00',
    processingDate: '2020-03-05 04:00:12.345000-06:00',
    zipName: 'Lamar_Koenig_gs_2020-03-04.zip',
    delta,
  };
}

/** A part served in small chunks, so lines cross chunk boundaries. */
function part(text: string, name = `00-30-53-26-e6-e1/2020-03-04/${GUID_NB}.csv`): ZonePart {
  return {
    name,
    open: async () => {
      const bytes = Buffer.from(text, 'utf8');
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += 7) chunks.push(bytes.subarray(at, at + 7));
      return chunks;
    },
  };
}

async function run(parts: ZonePart[], options: { delta?: ClockDelta; emptyVersion?: 4 | 7 | 8 | null } = {}) {
  const file = path.join(dir, 'zone.json');
  const result = await standardizeZone({ guid: GUID_NB, parts }, context(options.delta), file, options.emptyVersion);
  const json = result ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
  return { result, json };
}

describe('CSV lines', () => {
  it('splits lines, skips blank ones, keeps quoted commas and numbers the lines', async () => {
    const batches = [];
    for await (const batch of readCsvLines([Buffer.from('\ufeff8,1\r\n\r\n8,"a,b"\n8,"x\ny",3\n8,2')])) batches.push(...batch);
    expect(batches).toEqual([
      { fields: ['8', '1'], line: 1 },
      { fields: ['8', 'a,b'], line: 3 },
      { fields: ['8', 'x\ny', '3'], line: 4 },
      { fields: ['8', '2'], line: 6 },
    ]);
  });
});

describe('zone standardization', () => {
  it('writes the §3.4 header in order and typed v8 records with timestamp_adj', async () => {
    const { result, json } = await run([part(csvOf([v8Row()]))]);
    expect(Object.keys(json.header)).toEqual(['data_type', 'zip_name', 'origin_filename', 'target_filename', 'collection_date', 'processing_date', 'version', 'guid', 'day_covered']);
    expect(json.header).toEqual({
      data_type: 'gridsmart',
      zip_name: 'Lamar_Koenig_gs_2020-03-04.zip',
      origin_filename: `${GUID_NB}.csv`,
      target_filename: `Lamar_Koenig_${GUID_NB}_2020-03-04.json`,
      collection_date: '2020-03-04 00:00:00-06:00',
      processing_date: '2020-03-05 04:00:12.345000-06:00',
      version: 8,
      guid: GUID_NB,
      day_covered: 0,
    });
    expect(json.data).toEqual([
      {
        count_version: 8, site_version: 12, timestamp: 3.4, utc_offset: -360, turn: 'L', vehicle_length: 14, speed: 21, light_state: 'G',
        seconds_in_zone: 1.2, vehicles_in_zone: 1, light_state_sec: 8.5, sec_since_green: 8.5, zone_freeflow_speed: 35, zone_freeflow_speed_cal: 33,
        timestamp_adj: '2020-03-04 00:00:03.400000-06:00',
      },
    ]);
    expect(result?.timed).toEqual({ count: 1, minUtcMicros: Date.parse('2020-03-04T06:00:03.400Z') * 1000, maxUtcMicros: Date.parse('2020-03-04T06:00:03.400Z') * 1000 });
  });

  it('sets blanks and values that do not fit a numeric column to null (never NaN), counting the latter with their line', async () => {
    const csv = csvOf([v8Row(), v8Row({ speed: null }), v8Row({ vehicle_length: 'long' as unknown as number }), v8Row({ vehicle_length: 'x' as unknown as number })]);
    const { result, json } = await run([part(csv)]);
    expect(json.data.map((record: Record<string, unknown>) => [record.speed, record.vehicle_length])).toEqual([[21, 14], [null, 14], [21, null], [21, null]]);
    expect(result?.problems).toEqual([`00-30-53-26-e6-e1/2020-03-04/${GUID_NB}.csv line 3: non-numeric vehicle_length set to null (2 records)`]);
  });

  it('fills missing trailing fields with null and ignores extra fields, counting the lines', async () => {
    const csv = '8,12,3.4,-360,L,14\n' + csvOf([`${v8Row()},extra,more`]);
    const { result, json } = await run([part(csv)]);
    expect(json.data[0]).toMatchObject({ vehicle_length: 14, speed: null, zone_freeflow_speed_cal: null });
    expect(Object.keys(json.data[1])).toHaveLength(15);
    // Each with its first line (the hostile-input suite found short lines taken silently).
    expect(result?.warnings).toEqual([]);
    expect(result?.problems).toEqual([
      `00-30-53-26-e6-e1/2020-03-04/${GUID_NB}.csv line 1: fewer than 14 fields; the missing ones set to null (1 record)`,
      `00-30-53-26-e6-e1/2020-03-04/${GUID_NB}.csv line 2: more than 14 fields; the extra fields ignored (1 record)`,
    ]);
  });

  it('drops records whose time cannot be read, reporting each distinct reason once with its count and first line', async () => {
    const csv = csvOf([v8Row(), v8Row({ timestamp: 246060 }), v8Row({ utc_offset: null }), v8Row({ timestamp: 18.96 }), v8Row({ utc_offset: null })]);
    const { result, json } = await run([part(csv)]);
    expect(json.data).toHaveLength(1);
    expect(result?.records).toBe(1);
    expect(result?.timed.count).toBe(1);
    const file = `00-30-53-26-e6-e1/2020-03-04/${GUID_NB}.csv`;
    expect(result?.problems).toEqual([
      `${file} line 2: record dropped: time data '2020-03-04 246060.0' does not match format '%Y-%m-%d %H%M%S.%f' (1 record)`,
      `${file} line 3: record dropped: cannot convert float NaN to integer (2 records)`,
      `${file} line 4: record dropped: unconverted data remains: 0 (1 record)`,
    ]);
  });

  it('keeps every record as-is, without timestamp_adj or day_covered, when the first utc_offset is blank', async () => {
    const { result, json } = await run([part(csvOf([v8Row({ utc_offset: null }), v8Row()]))]);
    expect(json.header.day_covered).toBeUndefined();
    expect(json.data).toHaveLength(2);
    expect(json.data[1].timestamp_adj).toBeUndefined();
    expect(result?.timed.count).toBe(0);
    expect(result?.warnings).toEqual(['time not corrected, records kept without timestamp_adj: the first record has no utc_offset']);
  });

  it('keeps records as-is when the clock reading cannot be used, e.g. a (UTC) token', async () => {
    const delta = clockDelta({ DateTime: '3/5/2020 1:31:02 AM', TimeZoneId: '(UTC) Coordinated Universal Time', HostTimeUTC: '03/05/2020 07:31:02 AM' }, 2);
    const { result, json } = await run([part(csvOf([v8Row()]))], { delta });
    expect(json.header.day_covered).toBeUndefined();
    expect(json.data[0].timestamp_adj).toBeUndefined();
    expect(result?.warnings[0]).toMatch(/^time not corrected.*\(UTC\)/);
  });

  it('keeps v7 records as they are, with one warning for the file', async () => {
    const { result, json } = await run([part(csvOf([v7Row(), v7Row()]))]);
    expect(json.header.version).toBe(7);
    expect(json.header.day_covered).toBeUndefined();
    expect(Object.keys(json.data[0])).toEqual(['count_version', 'site_version', 'timestamp', 'utc_offset', 'turn', 'vehicle_length', 'speed', 'light_state', 'seconds_in_zone', 'vehicles_in_zone', 'confidence']);
    expect(result?.warnings).toEqual(['count version 7 has no known time rule; records kept without timestamp_adj']);
  });

  it('reads v4 records as UTC, with or without a fraction, and computes day_covered from the date', async () => {
    const late = clockDelta({ DateTime: '3/5/2020 1:31:02 AM', TimeZoneId: '(UTC-06:00) Central', HostTimeUTC: '03/05/2020 07:31:07 AM' }, 2);
    const { json } = await run([part(csvOf([v4Row(), v4Row({ timestamp: '20200304T060010' })]))], { delta: late });
    expect(json.header.version).toBe(4);
    expect(json.header.day_covered).toBe(-1);
    expect(json.data.map((record: Record<string, unknown>) => record.timestamp_adj)).toEqual(['2020-03-04 00:00:10.100000-06:00', '2020-03-04 00:00:15-06:00']);
    expect(json.data[0]).toMatchObject({ count_version: 4, timestamp: '20200304T060005.1', turn: 'S', allowable_turns: 'SRL', day_night: 'D' });
  });

  it('rejects an unsupported or unreadable version with the file and line', async () => {
    await expect(run([part(csvOf([v8Row({ count_version: 9 })]))])).rejects.toThrow(new ZoneFileError(`00-30-53-26-e6-e1/2020-03-04/${GUID_NB}.csv`, 1, 'count_version 9 is not supported (only 8, 7 and 4)'));
    await expect(run([part('\n\nversion,1\n')])).rejects.toThrow(/line 3: count_version "version" is not a whole number/);
  });

  it('joins the parts of a zone in order, each checked for its own version', async () => {
    const first = part(csvOf([v8Row({ timestamp: 10 })]), 'cam/2020-03-03/x.csv');
    const second = part(csvOf([v8Row({ timestamp: 20 })]), 'cam/2020-03-04/x.csv');
    const { json } = await run([first, part('', 'cam/2020-03-04/empty.csv'), second]);
    expect(json.data.map((record: Record<string, unknown>) => record.timestamp)).toEqual([10, 20]);
    await expect(run([first, part(csvOf([v4Row()]), 'cam/2020-03-04/x.csv')])).rejects.toThrow(/cam\/2020-03-04\/x.csv line 1: count_version 4 differs from version 8/);
  });

  it('leaves an empty zone to the caller until the archive version is known, then writes data []', async () => {
    expect((await run([part('')])).result).toBeNull();
    const v8 = await run([part('')], { emptyVersion: 8 });
    expect(v8.json).toMatchObject({ header: { version: 8 }, data: [] });
    expect(v8.json.header.day_covered).toBeUndefined();
    const v4 = await run([part('')], { emptyVersion: 4 });
    expect(v4.json.header).toMatchObject({ version: 4, day_covered: -1 });
  });
});
