import { LakeTime } from '@lake/core';
import { deviceSite, ZONE_NB, ZONE_SB, type SiteFixture } from '../test-support/site-fixtures';
import { CountsAggregator, type AggregateRow, type AggregationTally } from './counts-aggregator';
import { movementsOf } from './movements';
import { TimeBuckets } from './time-buckets';
import { recordInstant } from './timestamp-adj';

const time = new LakeTime('America/Chicago');
const ZONE_EB = '11111111222233334444555566667777';

/** A ready count record (gridsmart.md §4 step g) of zone NB by default. */
function count(timestampAdj: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { count_version: 8, timestamp_adj: timestampAdj, turn: 'S', vehicle_length: 14, speed: 30, seconds_in_zone: 1.5, zone: ZONE_NB, ...fields };
}

interface Run {
  rows: AggregateRow[];
  tally: AggregationTally;
  /** Rows handed out before the end (complete bins). */
  early: number;
}

/** Aggregates like gs:ready-agg: anchor and order from a first look at the records. */
function aggregate(records: unknown[], options: { minutes?: number; site?: SiteFixture; heavyFeet?: number } = {}): Run {
  const instants = records.map((record) => (typeof record === 'object' && record ? recordInstant(record as Record<string, unknown>, time) : null)).filter((instant): instant is number => instant !== null);
  const inOrder = instants.every((instant, index) => index === 0 || instant >= instants[index - 1]);
  const aggregator = new CountsAggregator({
    movements: movementsOf(deviceSite(options.site ?? { zones: [{ id: ZONE_NB, approach: 'Northbound' }, { id: ZONE_SB, approach: 'Southbound' }, { id: ZONE_EB, approach: 'Eastbound' }] })),
    heavyVehicleFeet: options.heavyFeet ?? 17,
    buckets: new TimeBuckets(options.minutes ?? 15, Math.min(...instants)),
    inOrder,
    time,
  });
  const rows: AggregateRow[] = [];
  for (const record of records) rows.push(...aggregator.add(record));
  const early = rows.length;
  rows.push(...aggregator.finish());
  return { rows, tally: aggregator.tally, early };
}

const keysOf = (rows: AggregateRow[]) => rows.map((row) => `${row.timestamp} ${row.zone_approach} ${String(row.turn)} ${row.heavy_vehicle} ${row.volume}`);

describe('CountsAggregator', () => {
  it('writes one row per bin, approach, turn and heavy flag with the keys in upstream order', () => {
    const { rows } = aggregate([
      count('2020-03-04 07:45:01.100000-06:00', { speed: 20, seconds_in_zone: 1 }),
      count('2020-03-04 07:50:00-06:00', { speed: 30, seconds_in_zone: 2 }),
      count('2020-03-04 07:59:59.900000-06:00', { speed: 40, seconds_in_zone: 2 }),
    ]);
    expect(rows).toEqual([
      {
        timestamp: '2020-03-04 07:45:00-06:00',
        zone_approach: 'Northbound',
        turn: 'S',
        heavy_vehicle: 0,
        volume: 3,
        speed_avg: 30,
        speed_std: 10,
        seconds_in_zone_avg: 1.667,
        seconds_in_zone_std: 0.577,
      },
    ]);
    expect(Object.keys(rows[0])).toEqual(['timestamp', 'zone_approach', 'turn', 'heavy_vehicle', 'volume', 'speed_avg', 'speed_std', 'seconds_in_zone_avg', 'seconds_in_zone_std']);
  });

  it('gives a group of one record a standard deviation of 0', () => {
    const [row] = aggregate([count('2020-03-04 07:45:00-06:00', { speed: 27, seconds_in_zone: 1.2 })]).rows;
    expect(row).toMatchObject({ volume: 1, speed_avg: 27, speed_std: 0, seconds_in_zone_avg: 1.2, seconds_in_zone_std: 0 });
  });

  it('leaves the speed average null when no record of the group has a speed, and still counts them', () => {
    const [row] = aggregate([count('2020-03-04 07:45:00-06:00', { speed: null }), count('2020-03-04 07:46:00-06:00', { speed: null })]).rows;
    expect(row).toMatchObject({ volume: 2, speed_avg: null, speed_std: 0 });
  });

  it('averages only the speeds that are there, but counts every record in the volume', () => {
    const [row] = aggregate([count('2020-03-04 07:45:00-06:00', { speed: null }), count('2020-03-04 07:46:00-06:00', { speed: 25 }), count('2020-03-04 07:47:00-06:00', { speed: 35 })]).rows;
    expect(row).toMatchObject({ volume: 3, speed_avg: 30, speed_std: 7.071 });
  });

  it('counts a vehicle without a length as heavy, as upstream did', () => {
    const { rows, tally } = aggregate([count('2020-03-04 07:45:00-06:00', { vehicle_length: null }), count('2020-03-04 07:46:00-06:00', { vehicle_length: 12 })]);
    expect(keysOf(rows)).toEqual(['2020-03-04 07:45:00-06:00 Northbound S 0 1', '2020-03-04 07:45:00-06:00 Northbound S 1 1']);
    expect(tally.missingLengths).toBe(1);
  });

  it('counts a vehicle of exactly 17 ft as heavy and one just shorter as not', () => {
    const { rows } = aggregate([count('2020-03-04 07:45:00-06:00', { vehicle_length: 17 }), count('2020-03-04 07:46:00-06:00', { vehicle_length: 16.9 })]);
    expect(keysOf(rows)).toEqual(['2020-03-04 07:45:00-06:00 Northbound S 0 1', '2020-03-04 07:45:00-06:00 Northbound S 1 1']);
  });

  it('takes the heavy-vehicle threshold from the settings', () => {
    const { rows } = aggregate([count('2020-03-04 07:45:00-06:00', { vehicle_length: 17 })], { heavyFeet: 20 });
    expect(rows[0].heavy_vehicle).toBe(0);
  });

  it('drops records of zones that are not vehicle zones of the site file (inner join)', () => {
    const { rows, tally } = aggregate([count('2020-03-04 07:45:00-06:00', { zone: 'ffffffffffffffffffffffffffffffff' }), count('2020-03-04 07:46:00-06:00'), count('2020-03-04 07:47:00-06:00', { zone: null })]);
    expect(keysOf(rows)).toEqual(['2020-03-04 07:45:00-06:00 Northbound S 0 1']);
    expect(tally.unknownZones).toBe(2);
  });

  it('drops records without a turn and records of zones without an approach', () => {
    const site: SiteFixture = { zones: [{ id: ZONE_NB, approach: 'Northbound' }], moreCameras: [{ mac: '00:30:53:26:e6:e2', zones: [{ id: ZONE_SB }] }] };
    const withoutApproach = deviceSite(site);
    delete withoutApproach.CameraDevices![1].Fisheye!.CameraMasks!.ZoneMasks![1].Vehicle!.ApproachType;
    const aggregator = new CountsAggregator({ movements: movementsOf(withoutApproach), heavyVehicleFeet: 17, buckets: new TimeBuckets(15, Date.parse('2020-03-04T13:45:00Z')), inOrder: true, time });
    const rows = [
      ...aggregator.add(count('2020-03-04 07:45:00-06:00', { turn: null })),
      ...aggregator.add(count('2020-03-04 07:46:00-06:00', { zone: ZONE_SB })),
      ...aggregator.add(count('2020-03-04 07:47:00-06:00', { turn: 'L' })),
      ...aggregator.finish(),
    ];
    expect(keysOf(rows)).toEqual(['2020-03-04 07:45:00-06:00 Northbound L 0 1']);
    expect(aggregator.tally).toMatchObject({ records: 3, missingTurns: 1, missingApproaches: 1 });
  });

  it('takes every zone of every camera, configured or not, included in data or not', () => {
    const site: SiteFixture = { configured: false, zones: [{ id: ZONE_NB, approach: 'Northbound', includeInData: false }], moreCameras: [{ mac: '00:30:53:26:e6:e2', zones: [{ id: ZONE_SB, approach: 'Southbound' }] }] };
    const { rows } = aggregate([count('2020-03-04 07:45:00-06:00'), count('2020-03-04 07:46:00-06:00', { zone: ZONE_SB })], { site });
    expect(keysOf(rows)).toEqual(['2020-03-04 07:45:00-06:00 Northbound S 0 1', '2020-03-04 07:45:00-06:00 Southbound S 0 1']);
  });

  it('groups by the per-vehicle turn, not the zone TurnType', () => {
    const { rows } = aggregate([count('2020-03-04 07:45:00-06:00', { turn: 'R' }), count('2020-03-04 07:46:00-06:00', { turn: 'S' })], { site: { zones: [{ id: ZONE_NB, approach: 'Northbound', turnType: 'Left' }] } });
    expect(rows.map((row) => row.turn)).toEqual(['R', 'S']);
  });

  it('puts :00 and :15 into the bins they start, and :14:59.9 into the earlier one', () => {
    const { rows } = aggregate([count('2020-03-04 08:00:00-06:00'), count('2020-03-04 08:14:59.900000-06:00'), count('2020-03-04 08:15:00-06:00')]);
    expect(keysOf(rows)).toEqual(['2020-03-04 08:00:00-06:00 Northbound S 0 2', '2020-03-04 08:15:00-06:00 Northbound S 0 1']);
  });

  it('keeps the two passes through the repeated fall-back hour apart: same wall time, different offsets', () => {
    const { rows } = aggregate([count('2019-11-03 01:05:00-05:00'), count('2019-11-03 01:10:00-05:00'), count('2019-11-03 01:05:00-06:00')]);
    expect(keysOf(rows)).toEqual(['2019-11-03 01:00:00-05:00 Northbound S 0 2', '2019-11-03 01:00:00-06:00 Northbound S 0 1']);
  });

  it('anchors other widths at 00:00 UTC of the earliest record (-a 7)', () => {
    // 19:00 CST = 01:00Z on the 5th: 7-minute bins from 2020-03-05 00:00Z put it in 00:56Z.
    expect(keysOf(aggregate([count('2020-03-04 19:00:00-06:00')], { minutes: 7 }).rows)).toEqual(['2020-03-04 18:56:00-06:00 Northbound S 0 1']);
    // An earlier record on the 4th (UTC) moves the anchor a day back: 23:00Z is 1380 min (bin at
    // 1379 min), 01:00Z on the 5th is 1500 min (bin at 1498 min).
    expect(keysOf(aggregate([count('2020-03-04 17:00:00-06:00'), count('2020-03-04 19:00:00-06:00')], { minutes: 7 }).rows)).toEqual([
      '2020-03-04 16:59:00-06:00 Northbound S 0 1',
      '2020-03-04 18:58:00-06:00 Northbound S 0 1',
    ]);
  });

  it('rounds averages and deviations half to even as numpy does', () => {
    const { rows } = aggregate([
      count('2020-03-04 07:45:00-06:00', { speed: 2.0005, seconds_in_zone: 1.2345 }),
      count('2020-03-04 08:00:00-06:00', { speed: 2.0015, seconds_in_zone: 1.0005 }),
    ]);
    expect(rows.map((row) => [row.speed_avg, row.seconds_in_zone_avg])).toEqual([
      [2.001, 1.234],
      [2.002, 1],
    ]);
  });

  it('orders the rows by bin, approach, turn and heavy flag whatever the record order', () => {
    const records = [
      count('2020-03-04 07:46:00-06:00', { zone: ZONE_SB, turn: 'L' }),
      count('2020-03-04 07:46:00-06:00', { zone: ZONE_EB, turn: 'S', vehicle_length: 40 }),
      count('2020-03-04 07:47:00-06:00', { zone: ZONE_NB, turn: 'S' }),
      count('2020-03-04 07:48:00-06:00', { zone: ZONE_EB, turn: 'S' }),
      count('2020-03-04 07:49:00-06:00', { zone: ZONE_NB, turn: 'L' }),
      count('2020-03-04 08:01:00-06:00', { zone: ZONE_EB, turn: 'R' }),
    ];
    const expected = [
      '2020-03-04 07:45:00-06:00 Eastbound S 0 1',
      '2020-03-04 07:45:00-06:00 Eastbound S 1 1',
      '2020-03-04 07:45:00-06:00 Northbound L 0 1',
      '2020-03-04 07:45:00-06:00 Northbound S 0 1',
      '2020-03-04 07:45:00-06:00 Southbound L 0 1',
      '2020-03-04 08:00:00-06:00 Eastbound R 0 1',
    ];
    const inOrder = aggregate(records);
    expect(keysOf(inOrder.rows)).toEqual(expected);
    // In time order, the 07:45 bin is handed out as soon as the 08:00 one starts.
    expect(inOrder.early).toBe(5);
    const shuffled = aggregate([records[5], records[2], records[0], records[4], records[1], records[3]]);
    expect(keysOf(shuffled.rows)).toEqual(expected);
    expect(shuffled.early).toBe(0);
  });

  it('counts a record once per zone mask with its id, as upstream’s inner join did', () => {
    const site: SiteFixture = { zones: [{ id: ZONE_NB, approach: 'Northbound' }], moreCameras: [{ mac: '00:30:53:26:e6:e2', zones: [{ id: ZONE_NB, approach: 'Westbound' }] }] };
    expect(keysOf(aggregate([count('2020-03-04 07:45:00-06:00')], { site }).rows)).toEqual(['2020-03-04 07:45:00-06:00 Northbound S 0 1', '2020-03-04 07:45:00-06:00 Westbound S 0 1']);
  });

  it('skips entries that are not records and records without a readable timestamp_adj', () => {
    const { rows, tally } = aggregate([count('2020-03-04 07:45:00-06:00'), 42, count('nonsense'), count('2020-03-04 07:46:00-06:00', { timestamp_adj: null })]);
    expect(rows).toHaveLength(1);
    expect(tally).toMatchObject({ records: 3, notRecords: 1, unreadableTimes: 2 });
  });

  it('gives no rows for no records', () => {
    const aggregator = new CountsAggregator({ movements: new Map(), heavyVehicleFeet: 17, buckets: new TimeBuckets(15, 0), inOrder: true, time });
    expect(aggregator.finish()).toEqual([]);
  });
});
