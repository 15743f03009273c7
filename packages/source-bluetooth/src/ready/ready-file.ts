// Reading the JSON files of the standardized and ready layers back, with a clear error when a
// stored file is not what its name says.
import { LakeError } from '@lake/core';
import { FILE_TYPES, type BluetoothFileType, type ReadyFile, type StandardizedFile } from '../formats/file-types';

export class InvalidBluetoothFile extends LakeError {
  constructor(where: string, problem: string) {
    super('INVALID_BT_FILE', `${where} is not a Bluetooth lake file: ${problem}`, 'standardize (or ready) that day again with -F');
  }
}

/** `unmatched.json` → `unmatched`; any other ext (`unit_data.json`, `matched.txt`) → null. */
export function jsonFileType(ext: string): BluetoothFileType | null {
  return FILE_TYPES.find((type) => ext === `${type}.json`) ?? null;
}

export function standardizedFileOf(value: unknown, where: string): StandardizedFile {
  if (!isObject(value)) throw new InvalidBluetoothFile(where, 'expected a JSON object');
  if (!isObject(value.header)) throw new InvalidBluetoothFile(where, 'no "header" object');
  if (!Array.isArray(value.data)) throw new InvalidBluetoothFile(where, 'no "data" list');
  return value as unknown as StandardizedFile;
}

export function readyFileOf(value: unknown, where: string): ReadyFile {
  const file = standardizedFileOf(value, where);
  if (!Array.isArray((file as Partial<ReadyFile>).devices)) throw new InvalidBluetoothFile(where, 'no "devices" list');
  return file as ReadyFile;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
