// The Bluetooth device id (bluetooth.md §5.2): an MD5 over the device's type, IP and position,
// spelled exactly as the original's Python spelled them, so ids of already-published rows and
// ready files keep matching.
import { createHash } from 'node:crypto';
import { pythonFloatText } from '@lake/core';

/** A unit-data device as the inventory lists it (bluetooth.md §4); other keys ride along. */
export type BluetoothDevice = Record<string, unknown>;

/**
 * Lowercase hex MD5 of `device_type + device_ip + PyText(lat) + PyText(lon)`. The name is not part
 * of it (unlike Wavetronix), so two readers sharing type, IP and position share an id (B-5).
 * A missing lat/lon is `nan` (pandas made such a value NaN). A missing type or IP crashed the
 * original (B-5); here it is spelled `None`, as the Wavetronix recipe does, and reported.
 */
export function bluetoothDeviceId(device: BluetoothDevice, report: (problem: string) => void = () => undefined): string {
  const type = textPart(device, 'device_type', report);
  const ip = textPart(device, 'device_ip', report);
  const text = `${type}${ip}${coordinateText(device.lat)}${coordinateText(device.lon)}`;
  return createHash('md5').update(text, 'utf8').digest('hex');
}

function textPart(device: BluetoothDevice, key: string, report: (problem: string) => void): string {
  const value = device[key];
  if (typeof value === 'string') return value;
  const name = typeof device.device_name === 'string' ? device.device_name : '(unnamed)';
  if (value === null || value === undefined) {
    report(`device ${name} has no ${key}; its device_id uses "None" there`);
    return 'None';
  }
  report(`device ${name} has a ${typeof value} ${key}; its device_id uses its text "${String(value)}"`);
  return String(value);
}

// The inventory stores lat/lon as floats; older files held numeric text, which pandas read as floats.
function coordinateText(value: unknown): string {
  if (typeof value === 'number') return pythonFloatText(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return pythonFloatText(Number(value));
  return 'nan';
}
