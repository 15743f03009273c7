// Small standardized files and unit-data snapshots for the ready and publish tests, in the shape
// of formats/file-types.ts (times as the original's timestamp text, NUMBER_COLUMNS as numbers).
import type { UnitDataSnapshot } from '@lake/core';
import type { BluetoothFileType, BluetoothRecord, StandardizedFile } from '../formats/file-types';

export function standardizedFile(type: BluetoothFileType, calendarDate: string, data: BluetoothRecord[]): StandardizedFile {
  return {
    header: {
      data_type: 'bluetooth',
      file_type: type,
      origin_filename: `Austin_bt_${calendarDate}_${type}.txt`,
      target_filename: `Austin_bt_${calendarDate}_${type}.json`,
      collection_date: `${calendarDate} 00:00:00-05:00`,
      processing_date: '2019-06-09 03:00:41.512000-05:00',
    },
    data,
  };
}

/** An IAF record: host time (wall time of the day, CDT), reader, address. */
export function unmatchedRecord(host: string | null, reader: string | null, address: string | null): BluetoothRecord {
  return {
    host_timestamp: host,
    ip_address: '10.1.2.3',
    field_timestamp: host,
    reader_id: reader,
    dev_addr: address,
  };
}

export function matchedRecord(address: string | null, origin: string | null, destination: string | null, start: string | null, end: string | null): BluetoothRecord {
  return {
    dev_addr: address,
    origin_reader_id: origin,
    dest_reader_id: destination,
    start_time: start,
    end_time: end,
    travel_time_secs: 686,
    speed: 5,
    match_validity: 'invalid',
    filter_id: 125,
  };
}

export function summaryRecord(origin: string | null, destination: string | null, timestamp: string | null, segLength: number | null = 0.633): BluetoothRecord {
  return {
    origin_reader_id: origin,
    dest_reader_id: destination,
    origin_road: '51st',
    origin_cross_st: 'Springdale',
    origin_dir: 'Westbound',
    dest_road: '51st',
    dest_cross_st: 'Manor',
    dest_dir: 'Eastbound',
    seg_length: segLength,
    timestamp,
    avg_travel_time: 61,
    avg_speed: 37,
    interval: 15,
    samples: 1,
    std_dev: 0,
  };
}

/** A unit-data device (bluetooth.md §4 keys and order). */
export function btDevice(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    device_type: 'BLUETOOTH',
    atd_device_id: 7,
    device_name: name,
    device_status: 'TURNED_ON',
    // Distinct per name, so no two fixture devices share an id by accident (B-5).
    device_ip: `172.16.0.${name}`,
    ip_comm_status: 'ONLINE',
    atd_location_id: 'LOC16-000001',
    coa_intersection_id: 5150001,
    lat: 30.25,
    lon: -97.75,
    primary_st: '6TH ST',
    primary_st_segment_id: 2010001,
    cross_st: 'LAMAR BLVD',
    cross_st_segment_id: 2010002,
    kits_id: null,
    ...overrides,
  };
}

/** A snapshot fetched on `calendarDate` (stamped with that day, as bt:standard stores it). */
export function unitDataSnapshot(calendarDate: string, devices: Record<string, unknown>[]): UnitDataSnapshot {
  return {
    header: {
      data_type: 'bt_unit_data',
      target_filename: `Austin_bt_${calendarDate}_unit_data.json`,
      collection_date: `${calendarDate} 00:00:00-05:00`,
      processing_date: `${calendarDate} 03:00:02.300000-05:00`,
    },
    devices,
  };
}
