// Reading a ready file for publishing without holding it (B-18 fixed): the records stream in
// batches. The ready layout puts `devices` after `data`, so a publisher that needs the devices
// first reads the file twice (LakeJsonFile: pass one skips the data).
import { LakeJsonFile, readLakeJsonStream, type JsonInput } from '@lake/core';
import type { BluetoothHeader, BluetoothRecord } from '../formats/file-types';
import { InvalidBluetoothFile } from '../ready/ready-file';

/** A ready file's small members. */
export interface ReadyOutline {
  header: BluetoothHeader;
  devices: Record<string, unknown>[];
}

/** Pass one: header and devices, with the checks readyFileOf makes; the data are only scanned. */
export async function readyOutline(file: LakeJsonFile): Promise<ReadyOutline> {
  const { members, arrayShape } = await file.outline();
  if (!isObject(members.header)) throw new InvalidBluetoothFile(file.source, 'no "header" object');
  if (arrayShape !== 'array') throw new InvalidBluetoothFile(file.source, 'no "data" list');
  if (!Array.isArray(members.devices)) throw new InvalidBluetoothFile(file.source, 'no "devices" list');
  return { header: members.header as unknown as BluetoothHeader, devices: members.devices as Record<string, unknown>[] };
}

/** Batches of `values` that are records, and a count of those that were not. */
export function recordsOf(values: readonly unknown[]): { records: BluetoothRecord[]; notRecords: number } {
  const records: BluetoothRecord[] = [];
  for (const value of values) if (isObject(value)) records.push(value);
  return { records, notRecords: values.length - records.length };
}

/**
 * The records of a ready file in one pass, batch by batch. The file's shape is checked as it is
 * read: a file without header, data list or devices fails by its end.
 */
export async function* readyRecordBatches(input: JsonInput, where: string): AsyncGenerator<BluetoothRecord[]> {
  let header: unknown;
  let devices: unknown;
  let hasData = false;
  for await (const event of readLakeJsonStream(input, { arrays: ['data'], source: where })) {
    if (event.kind === 'elements') {
      const { records } = recordsOf(event.values);
      if (records.length > 0) yield records;
    } else if (event.kind === 'arrayEnd') hasData = true;
    else if (event.kind === 'member') {
      if (event.key === 'header') header = event.value;
      else if (event.key === 'devices') devices = event.value;
    }
  }
  if (!isObject(header)) throw new InvalidBluetoothFile(where, 'no "header" object');
  if (!hasData) throw new InvalidBluetoothFile(where, 'no "data" list');
  if (!Array.isArray(devices)) throw new InvalidBluetoothFile(where, 'no "devices" list');
}

function isObject(value: unknown): value is BluetoothRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
