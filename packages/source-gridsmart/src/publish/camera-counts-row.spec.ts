import { LakeTime } from '@lake/core';
import { aggregateRow } from '../aggregate/test-support/counts-fixtures';
import { CameraCountsRows, hasDeviceInformation, type CameraCountsOptions } from './camera-counts-row';
import { recordId } from './record-id';

const time = new LakeTime('America/Chicago');
const device = { atd_device_id: 6548, primary_st: ' LAMAR BLVD ', cross_st: 'KOENIG LN ', reversed: false };

const aggregate = aggregateRow;

const rowsOf = (options: Partial<CameraCountsOptions> = {}) => new CameraCountsRows({ time, device, binSeconds: 900, dropUnassigned: false, ...options });

describe('CameraCountsRows', () => {
  it('builds the dataset row with its columns in order and the upstream record_id', () => {
    const row = rowsOf().row(aggregate());
    expect(row).toEqual({
      atd_device_id: 6548,
      read_date: '2020-03-04T07:45:00',
      intersection_name: 'LAMAR BLVD / KOENIG LN',
      direction: 'NORTHBOUND',
      movement: 'THRU',
      heavy_vehicle: false,
      volume: 37,
      speed_average: 28.405,
      speed_stddev: 6.112,
      seconds_in_zone_average: 1.873,
      seconds_in_zone_stddev: 0.95,
      month: 3,
      day: 4,
      year: 2020,
      hour: 7,
      minute: 45,
      day_of_week: 3,
      bin_duration: 900,
      // md5("LAMAR BLVD / KOENIG LN2020-03-04T07:45:00FalseNORTHBOUNDTHRU") by Python's hashlib
      record_id: '9e15324d8cfdc19ff175648b3ef08216',
    });
    expect(Object.keys(row!)).toEqual([
      'atd_device_id', 'read_date', 'intersection_name', 'direction', 'movement', 'heavy_vehicle', 'volume', 'speed_average', 'speed_stddev',
      'seconds_in_zone_average', 'seconds_in_zone_stddev', 'month', 'day', 'year', 'hour', 'minute', 'day_of_week', 'bin_duration', 'record_id',
    ]);
  });

  it.each([
    ['Northbound', 'NORTHBOUND'],
    ['Southbound', 'SOUTHBOUND'],
    ['Eastbound', 'EASTBOUND'],
    ['Westbound', 'WESTBOUND'],
  ])('maps approach %s to direction %s', (approach, direction) => {
    const rows = rowsOf();
    expect(rows.row(aggregate({ zone_approach: approach }))?.direction).toBe(direction);
    expect(rows.warnings.size).toBe(0);
  });

  it.each([
    ['S', 'THRU'],
    ['L', 'LEFT TURN'],
    ['R', 'RIGHT TURN'],
    ['U', 'U-TURN'],
  ])('maps turn %s to movement %s', (turn, movement) => {
    expect(rowsOf().row(aggregate({ turn }))?.movement).toBe(movement);
  });

  it('publishes Unassigned approaches as UNASSIGNED with a counted warning', () => {
    const rows = rowsOf();
    expect(rows.row(aggregate({ zone_approach: 'Unassigned' }))?.direction).toBe('UNASSIGNED');
    rows.row(aggregate({ zone_approach: 'Unassigned', turn: 'L' }));
    expect([...rows.warnings]).toEqual([['Unassigned approach: row published as UNASSIGNED', 2]]);
  });

  it('leaves Unassigned approaches out with --no_unassigned', () => {
    const rows = rowsOf({ dropUnassigned: true });
    expect(rows.row(aggregate({ zone_approach: 'Unassigned' }))).toBeNull();
    expect(rows.row(aggregate())).not.toBeNull();
    expect([...rows.warnings]).toEqual([['Unassigned approach: row skipped (--no_unassigned)', 1]]);
  });

  it('skips rows of an unknown or differently cased approach with a counted warning', () => {
    const rows = rowsOf();
    expect(rows.row(aggregate({ zone_approach: 'northbound' }))).toBeNull();
    expect(rows.row(aggregate({ zone_approach: 'Diagonal' }))).toBeNull();
    expect(rows.row(aggregate({ zone_approach: 'Diagonal' }))).toBeNull();
    expect([...rows.warnings]).toEqual([
      ['unknown approach "northbound": row skipped', 1],
      ['unknown approach "Diagonal": row skipped', 2],
    ]);
  });

  it('keeps an unknown turn as the movement, hashed as it is, with a counted warning', () => {
    const rows = rowsOf();
    const row = rows.row(aggregate({ turn: 'X' }));
    expect(row?.movement).toBe('X');
    expect(row?.record_id).toBe(recordId('LAMAR BLVD / KOENIG LN', '2020-03-04T07:45:00', false, 'NORTHBOUND', 'X'));
    expect([...rows.warnings]).toEqual([['unknown turn "X": movement published unchanged', 1]]);
  });

  it('publishes heavy vehicles as true, and null for missing averages', () => {
    const row = rowsOf().row(aggregate({ heavy_vehicle: 1, speed_avg: null, seconds_in_zone_avg: null }));
    expect(row).toMatchObject({ heavy_vehicle: true, speed_average: null, seconds_in_zone_average: null, speed_stddev: 6.112 });
    expect(row?.record_id).toBe(recordId('LAMAR BLVD / KOENIG LN', '2020-03-04T07:45:00', true, 'NORTHBOUND', 'THRU'));
  });

  it('numbers the days of the week from Sunday = 0 to Saturday = 6', () => {
    const rows = rowsOf();
    expect(rows.row(aggregate({ timestamp: '2020-03-08 10:00:00-05:00' }))?.day_of_week).toBe(0);
    expect(rows.row(aggregate({ timestamp: '2020-03-07 23:45:00-06:00' }))?.day_of_week).toBe(6);
  });

  it('reads the time columns from the row’s own wall clock', () => {
    const row = rowsOf().row(aggregate({ timestamp: '2019-12-31 23:45:00-06:00' }));
    expect(row).toMatchObject({ read_date: '2019-12-31T23:45:00', year: 2019, month: 12, day: 31, hour: 23, minute: 45, day_of_week: 2 });
  });

  it('gives the first pass through the repeated hour its own record_id; the second keeps upstream’s', () => {
    const rows = rowsOf();
    const first = rows.row(aggregate({ timestamp: '2019-11-03 01:00:00-05:00', heavy_vehicle: 1, zone_approach: 'Southbound', turn: 'L' }));
    const second = rows.row(aggregate({ timestamp: '2019-11-03 01:00:00-06:00', heavy_vehicle: 1, zone_approach: 'Southbound', turn: 'L' }));
    expect(first?.read_date).toBe('2019-11-03T01:00:00');
    expect(second?.read_date).toBe('2019-11-03T01:00:00');
    // md5 by Python's hashlib of "…2019-11-03T01:00:00TrueSOUTHBOUNDLEFT TURN-05:00" and without the offset
    expect(first?.record_id).toBe('b24d68385d7a40b314247fd4b090b267');
    expect(second?.record_id).toBe('70812390cc11c6c17a73f40668bae142');
    expect(rows.firstPassRows).toBe(1);
  });

  it('skips rows with an unreadable timestamp and entries that are not rows', () => {
    const rows = rowsOf();
    expect(rows.row(aggregate({ timestamp: 'soon' }))).toBeNull();
    expect(rows.row(7)).toBeNull();
    expect([...rows.warnings.keys()]).toEqual(['unreadable timestamp "soon": row skipped', 'data entry that is not a row: skipped']);
  });

  it('publishes bin_duration as the aggregation interval in seconds', () => {
    expect(rowsOf({ binSeconds: 420 }).row(aggregate())?.bin_duration).toBe(420);
  });
});

describe('hasDeviceInformation', () => {
  it('accepts only a non-empty device object', () => {
    expect(hasDeviceInformation(device)).toBe(true);
    expect([undefined, null, [], {}, 'device'].map(hasDeviceInformation)).toEqual([false, false, false, false, false]);
  });
});
