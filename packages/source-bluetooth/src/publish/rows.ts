// Ready records → Socrata rows (bluetooth.md §6.3). Keys are in the listed order: the `-o` CSV
// takes its header from the first row. Numbers stay what the standardized layer made of them.
import type { LakeTime, PublishRow } from '@lake/core';
import type { BluetoothFileType, BluetoothRecord } from '../formats/file-types';
import type { DayDeviceAddresses } from './device-addresses';
import { recordId } from './record-id';
import { socrataTime, weekdayOf } from './socrata-time';

/** What publishing a file met that it could not publish as it was; logged per file. */
export interface PublishTally {
  /** Time fields published as null because the ready value was missing or not a time (B-10). */
  nullTimes: number;
  /** Device ids not among the file's embedded devices (the reader id of the row was used). */
  unknownDevices: number;
  /** Rows with no device address to number (published with a null one). */
  missingAddresses: number;
}

export function emptyTally(): PublishTally {
  return { nullTimes: 0, unknownDevices: 0, missingAddresses: 0 };
}

/** The devices embedded in a ready file, by device_id. */
export class ReadyDevices {
  private readonly byId = new Map<string, Record<string, unknown>[]>();

  constructor(devices: readonly Record<string, unknown>[]) {
    for (const device of devices) {
      if (typeof device.device_id !== 'string') continue;
      const sharing = this.byId.get(device.device_id);
      if (sharing) sharing.push(device);
      else this.byId.set(device.device_id, [device]);
    }
  }

  /**
   * The device's name, or undefined when the id is not embedded. Readers sharing type, IP and
   * position share an id (B-5); the one named like the row's reader is then the right one.
   */
  nameOf(deviceId: unknown, readerId: unknown): string | null | undefined {
    const sharing = typeof deviceId === 'string' ? this.byId.get(deviceId) : undefined;
    if (!sharing) return undefined;
    const device = sharing.find((candidate) => candidate.device_name === readerId) ?? sharing[0];
    return typeof device.device_name === 'string' ? device.device_name : null;
  }
}

export interface RowContext {
  time: LakeTime;
  devices: ReadyDevices;
  /** The day's numbering; needed for matched and unmatched rows. */
  addresses: DayDeviceAddresses | null;
  tally: PublishTally;
}

export function socrataRow(type: BluetoothFileType, record: BluetoothRecord, context: RowContext): PublishRow {
  switch (type) {
    case 'unmatched':
      return unmatchedRow(record, context);
    case 'matched':
      return matchedRow(record, context);
    case 'traf_match_summary':
      return summaryRow(record, context);
  }
}

function unmatchedRow(record: BluetoothRecord, context: RowContext): PublishRow {
  const hostReadTime = time(record.host_timestamp, context);
  const readerIdentifier = readerName(record.device_id, record.reader_id, context);
  const deviceAddress = addressOf(record, context);
  return {
    host_read_time: hostReadTime,
    field_device_read_time: time(record.field_timestamp, context),
    reader_identifier: readerIdentifier,
    device_address: deviceAddress,
    record_id: recordId([hostReadTime, readerIdentifier, deviceAddress]),
  };
}

function matchedRow(record: BluetoothRecord, context: RowContext): PublishRow {
  const deviceAddress = addressOf(record, context);
  const origin = readerName(record.origin_device_id, record.origin_reader_id, context);
  const destination = readerName(record.dest_device_id, record.dest_reader_id, context);
  const startTime = time(record.start_time, context);
  const endTime = time(record.end_time, context);
  return {
    device_address: deviceAddress,
    origin_reader_identifier: origin,
    destination_reader_identifier: destination,
    travel_time_seconds: value(record.travel_time_secs),
    speed_miles_per_hour: value(record.speed),
    match_validity: value(record.match_validity),
    filter_identifier: value(record.filter_id),
    start_time: startTime,
    end_time: endTime,
    day_of_week: weekdayOf(startTime),
    record_id: recordId([startTime, endTime, origin, destination, deviceAddress]),
  };
}

function summaryRow(record: BluetoothRecord, context: RowContext): PublishRow {
  const origin = readerName(record.origin_device_id, record.origin_reader_id, context);
  const destination = readerName(record.dest_device_id, record.dest_reader_id, context);
  const timestamp = time(record.timestamp, context);
  const segmentLength = value(record.seg_length);
  return {
    origin_reader_identifier: origin,
    destination_reader_identifier: destination,
    origin_roadway: value(record.origin_road),
    origin_cross_street: value(record.origin_cross_st),
    origin_direction: value(record.origin_dir),
    destination_roadway: value(record.dest_road),
    destination_cross_street: value(record.dest_cross_st),
    destination_direction: value(record.dest_dir),
    segment_length_miles: segmentLength,
    timestamp,
    average_travel_time_seconds: value(record.avg_travel_time),
    average_speed_mph: value(record.avg_speed),
    summary_interval_minutes: value(record.interval),
    number_samples: value(record.samples),
    standard_deviation: value(record.std_dev),
    record_id: recordId([timestamp, origin, destination, segmentLength]),
  };
}

function time(stored: unknown, context: RowContext): string | null {
  const converted = socrataTime(stored, context.time);
  if (converted === null) context.tally.nullTimes++;
  return converted;
}

function readerName(deviceId: unknown, readerId: unknown, context: RowContext): string | null {
  const name = context.devices.nameOf(deviceId, readerId);
  if (name !== undefined) return name;
  // The join was exact, so the row's reader id is the device's name.
  context.tally.unknownDevices++;
  return typeof readerId === 'string' ? readerId : null;
}

function addressOf(record: BluetoothRecord, context: RowContext): number | null {
  const number = context.addresses?.numberOf(record.dev_addr) ?? null;
  if (number === null) context.tally.missingAddresses++;
  return number;
}

/** A standardized value as published: text, number or null (an extras list is not a value). */
function value(stored: unknown): string | number | null {
  return typeof stored === 'string' || typeof stored === 'number' ? stored : null;
}
