// The Wavetronix device id (wavetronix.md §4.2): an MD5 over the device's type, name, IP and
// position, spelled as the original's pandas rows spelled them, so ids of already-published ready
// files keep matching. pandas typed each column over all devices of the unit-data file: a numeric
// column with a gap became floats (`30.0`, a gap `nan`); a column without any value stayed `None`.
import { createHash } from 'node:crypto';
import { pythonFloatText } from '@lake/core';

export type UnitDevice = Record<string, unknown>;

/** The hashed keys, in order. */
export const DEVICE_ID_KEYS = ['device_type', 'device_name', 'device_ip', 'lat', 'lon'] as const;

type ColumnKind = 'empty' | 'integer' | 'float' | 'object';

// Unit data store positions as floats (unitdata.md §1.2 toFloat), so Python read `30.0` even
// where JSON shows `30`.
const FLOAT_KEYS: ReadonlySet<string> = new Set(['lat', 'lon']);

/** The device ids of every device of a unit-data file, in its order. */
export function wavetronixDeviceIds(devices: readonly UnitDevice[]): string[] {
  const kinds = new Map(DEVICE_ID_KEYS.map((key) => [key, columnKind(devices, key)]));
  return devices.map((device) => {
    const text = DEVICE_ID_KEYS.map((key) => pythonText(device[key], kinds.get(key)!)).join('');
    return createHash('md5').update(text, 'utf8').digest('hex');
  });
}

/** What pandas made of a column: no values at all, all integers, numbers with gaps, or anything else. */
function columnKind(devices: readonly UnitDevice[], key: string): ColumnKind {
  let values = 0;
  let gaps = 0;
  let integers = true;
  for (const device of devices) {
    const value = device[key];
    if (value === null || value === undefined) {
      gaps++;
      continue;
    }
    if (typeof value !== 'number') return 'object';
    values++;
    if (!Number.isInteger(value)) integers = false;
  }
  if (values === 0) return 'empty';
  return integers && gaps === 0 && !FLOAT_KEYS.has(key) ? 'integer' : 'float';
}

function pythonText(value: unknown, kind: ColumnKind): string {
  if (value === null || value === undefined) return kind === 'float' ? 'nan' : 'None';
  if (typeof value === 'number') {
    if (kind === 'float') return pythonFloatText(value);
    return Number.isInteger(value) ? String(value) : pythonFloatText(value);
  }
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
