import { LakeTime } from '@lake/core';
import { bluetoothDeviceId } from '../ready/device-id';
import { btDevice, matchedRecord, summaryRecord, unmatchedRecord } from '../test-support/ready-fixtures';
import { DayDeviceAddresses } from './device-addresses';
import { recordId } from './record-id';
import { emptyTally, ReadyDevices, socrataRow, type RowContext } from './rows';
import { socrataTime, weekdayOf } from './socrata-time';

const time = new LakeTime('America/Chicago');
const lamar6th = { ...btDevice('lamar_6th'), device_id: 'id-6th' };
const lamarMlk = { ...btDevice('lamar_mlk'), device_id: 'id-mlk' };
const springdale = { ...btDevice('51st_springdale'), device_id: 'id-springdale' };
const manor = { ...btDevice('51st_manor'), device_id: 'id-manor' };

function context(addressRows = [{ dev_addr: 'QUJD' }]): RowContext {
  const addresses = new DayDeviceAddresses();
  addresses.addRows(addressRows);
  return { time, devices: new ReadyDevices([lamar6th, lamarMlk, springdale, manor]), addresses, tally: emptyTally() };
}

describe('recordId', () => {
  it('matches the bluetooth.md §6.4 vectors', () => {
    expect(recordId(['2019-06-01T00:00:05', 'lamar_6th', 1])).toBe('45b4a5fc2afb569f8a2c54a42ad5ab33');
    expect(recordId(['2019-05-31T23:48:20', '2019-05-31T23:59:46', 'lamar_mlk', 'lamar_6th', 1])).toBe('34fecbdad8f23fa1e7a820841a31b8b5');
    expect(recordId(['2019-06-01T00:00:00', '51st_springdale', '51st_manor', 0.633])).toBe('56a11f1cdbeaac47d33d4cf061752ae8');
  });

  it('hashes null as None', () => {
    expect(recordId([null, 'lamar_6th', 1])).toBe(recordId(['None', 'lamar_6th', '1']));
  });
});

describe('socrataTime', () => {
  it('prints the wall time without offset', () => {
    expect(socrataTime('2019-06-01 00:00:05-05:00', time)).toBe('2019-06-01T00:00:05');
    expect(socrataTime('2019-06-02 04:00:33.234377-05:00', time)).toBe('2019-06-02T04:00:33');
    expect(socrataTime('2020-12-01 00:00:00-06:00', time)).toBe('2020-12-01T00:00:00');
  });

  it('equals the lake zone\'s floating time for times the lake wrote', () => {
    const instant = new Date('2020-11-01T06:30:00Z'); // 01:30 CDT, the first of the repeated hour
    expect(socrataTime(time.format(instant), time)).toBe(time.formatFloating(instant));
  });

  it('keeps the wall time of the offset the value was written with (the original\'s spring-forward text)', () => {
    expect(socrataTime('2020-03-08 02:30:00-06:00', time)).toBe('2020-03-08T02:30:00');
  });

  it('is null for a missing or unreadable time (B-10)', () => {
    expect(socrataTime(null, time)).toBeNull();
    expect(socrataTime(undefined, time)).toBeNull();
    expect(socrataTime('6/1/2019 12:00 AM', time)).toBeNull();
    expect(socrataTime('2019-02-30 00:00:00-06:00', time)).toBeNull();
  });

  it('names the weekday of the local date in English', () => {
    expect(['2019-06-01T00:00:00', '2019-06-02T23:59:59', '2019-06-03T12:00:00', '2019-06-07T00:00:00'].map(weekdayOf)).toEqual([
      'Saturday',
      'Sunday',
      'Monday',
      'Friday',
    ]);
    expect(weekdayOf(null)).toBeNull();
  });
});

describe('socrataRow', () => {
  it('maps an IAF record to the unmatched dataset row, keys in order', () => {
    const record = { ...unmatchedRecord('2019-06-01 00:00:05-05:00', 'lamar_6th', 'QUJD'), field_timestamp: '2019-05-31 23:59:58-05:00', device_id: 'id-6th' };
    const row = socrataRow('unmatched', record, context());
    expect(Object.keys(row)).toEqual(['host_read_time', 'field_device_read_time', 'reader_identifier', 'device_address', 'record_id']);
    expect(row).toEqual({
      host_read_time: '2019-06-01T00:00:05',
      field_device_read_time: '2019-05-31T23:59:58',
      reader_identifier: 'lamar_6th',
      device_address: 1,
      record_id: '45b4a5fc2afb569f8a2c54a42ad5ab33',
    });
  });

  it('maps an ITMF record to the matched dataset row, keys in order', () => {
    const record = {
      ...matchedRecord('QUJD', 'lamar_mlk', 'lamar_6th', '2019-05-31 23:48:20-05:00', '2019-05-31 23:59:46-05:00'),
      origin_device_id: 'id-mlk',
      dest_device_id: 'id-6th',
    };
    const row = socrataRow('matched', record, context());
    expect(Object.keys(row)).toEqual([
      'device_address', 'origin_reader_identifier', 'destination_reader_identifier', 'travel_time_seconds', 'speed_miles_per_hour',
      'match_validity', 'filter_identifier', 'start_time', 'end_time', 'day_of_week', 'record_id',
    ]);
    expect(row).toEqual({
      device_address: 1,
      origin_reader_identifier: 'lamar_mlk',
      destination_reader_identifier: 'lamar_6th',
      travel_time_seconds: 686,
      speed_miles_per_hour: 5,
      match_validity: 'invalid',
      filter_identifier: 125,
      start_time: '2019-05-31T23:48:20',
      end_time: '2019-05-31T23:59:46',
      day_of_week: 'Friday',
      record_id: '34fecbdad8f23fa1e7a820841a31b8b5',
    });
  });

  it('maps a TMSR record to the summary dataset row, keys in order', () => {
    const record = { ...summaryRecord('51st_springdale', '51st_manor', '2019-06-01 00:00:00-05:00'), origin_device_id: 'id-springdale', dest_device_id: 'id-manor' };
    const row = socrataRow('traf_match_summary', record, { ...context(), addresses: null });
    expect(row).toEqual({
      origin_reader_identifier: '51st_springdale',
      destination_reader_identifier: '51st_manor',
      origin_roadway: '51st',
      origin_cross_street: 'Springdale',
      origin_direction: 'Westbound',
      destination_roadway: '51st',
      destination_cross_street: 'Manor',
      destination_direction: 'Eastbound',
      segment_length_miles: 0.633,
      timestamp: '2019-06-01T00:00:00',
      average_travel_time_seconds: 61,
      average_speed_mph: 37,
      summary_interval_minutes: 15,
      number_samples: 1,
      standard_deviation: 0,
      record_id: '56a11f1cdbeaac47d33d4cf061752ae8',
    });
    expect(Object.keys(row)).toEqual([
      'origin_reader_identifier', 'destination_reader_identifier', 'origin_roadway', 'origin_cross_street', 'origin_direction',
      'destination_roadway', 'destination_cross_street', 'destination_direction', 'segment_length_miles', 'timestamp',
      'average_travel_time_seconds', 'average_speed_mph', 'summary_interval_minutes', 'number_samples', 'standard_deviation', 'record_id',
    ]);
  });

  it('publishes missing times as null, counts them and hashes them as None (B-10)', () => {
    const rowContext = context();
    const record = { ...matchedRecord('QUJD', 'lamar_mlk', 'lamar_6th', null, 'garbage'), origin_device_id: 'id-mlk', dest_device_id: 'id-6th' };
    const row = socrataRow('matched', record, rowContext);
    expect(row).toMatchObject({ start_time: null, end_time: null, day_of_week: null });
    expect(row.record_id).toBe(recordId([null, null, 'lamar_mlk', 'lamar_6th', 1]));
    expect(rowContext.tally.nullTimes).toBe(2);
  });

  it('names the reader by the embedded device, the one named like the row when readers share an id (B-5)', () => {
    const twinA = { ...btDevice('twin_a'), device_id: 'shared' };
    const twinB = { ...btDevice('twin_b'), device_id: 'shared' };
    const rowContext = { ...context(), devices: new ReadyDevices([twinA, twinB]) };
    const record = { ...unmatchedRecord('2019-06-01 00:00:05-05:00', 'twin_b', 'QUJD'), device_id: 'shared' };
    expect(socrataRow('unmatched', record, rowContext).reader_identifier).toBe('twin_b');
  });

  it('falls back to the row\'s reader id for a device that is not embedded, and counts it', () => {
    const rowContext = context();
    const record = { ...unmatchedRecord('2019-06-01 00:00:05-05:00', 'lamar_6th', 'QUJD'), device_id: bluetoothDeviceId(btDevice('other')) };
    expect(socrataRow('unmatched', record, rowContext).reader_identifier).toBe('lamar_6th');
    expect(rowContext.tally.unknownDevices).toBe(1);
  });
});
