// `record_id`, the row identifier of "Camera Traffic Counts" (gridsmart.md §6.2): lowercase hex
// MD5 of the plain concatenation of intersection_name, read_date, heavy_vehicle, direction and
// movement as Python's str() spelled them. Bit-identical to upstream, so republishing a day
// replaces its rows instead of adding them again.
import { createHash } from 'node:crypto';

/**
 * `suffix` is appended only for the first pass through the repeated fall-back hour (its offset,
 * `-05:00`): upstream's id could not tell the two passes apart (§8.15), the second pass keeps it.
 */
export function recordId(intersectionName: unknown, readDate: unknown, heavyVehicle: unknown, direction: unknown, movement: unknown, suffix = ''): string {
  const text = `${pythonText(intersectionName)}${pythonText(readDate)}${pythonText(heavyVehicle)}${pythonText(direction)}${pythonText(movement)}${suffix}`;
  return createHash('md5').update(text, 'utf8').digest('hex');
}

function pythonText(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}
