// Ready files for the publish tests, made from standardized records by the ready transform and
// written to the ready repository as bt:ready writes them.
import type { BluetoothFileType, BluetoothRecord } from '../formats/file-types';
import { enrichStandardized } from '../ready/enrich';
import { btDevice, standardizedFile } from './ready-fixtures';
import type { BtTestLake } from './ready-lake';

export const READERS = ['lamar_6th', 'lamar_mlk', '51st_springdale', '51st_manor'];
export const DEVICES = READERS.map((name) => btDevice(name));

export async function writeReadyDay(
  lake: BtTestLake,
  calendarDate: string,
  files: Partial<Record<BluetoothFileType, BluetoothRecord[]>>,
  devices: Record<string, unknown>[] = DEVICES,
): Promise<void> {
  for (const [type, records] of Object.entries(files) as [BluetoothFileType, BluetoothRecord[]][]) {
    const { ready } = enrichStandardized(standardizedFile(type, calendarDate, records), devices, {
      fileType: type,
      processingDate: `${calendarDate} 05:00:00-05:00`,
    });
    await lake.writeJson('ready', `${type}.json`, calendarDate, ready);
  }
}

/** A CSV line split into fields (the fixtures hold no quoted commas). */
export function fields(line: string): string[] {
  return line.split(',');
}
