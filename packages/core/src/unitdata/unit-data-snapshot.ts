// The minimal shape every unit-data file must have (unitdata.md §2). Files from the original
// system may carry more lists and more header keys; those are kept as they are.
import type { UnitDataSnapshot } from './unit-data';

/** Why `value` is not a unit-data snapshot, or undefined when it is one. */
export function unitDataProblem(value: unknown, { headerRequired = true } = {}): string | undefined {
  if (!isRecord(value)) return 'expected a JSON object';
  if (!Array.isArray(value.devices)) return 'no "devices" list';
  // Every reader of a snapshot takes a device's fields; a device that is no object would fail there, naming nothing.
  const notObject = value.devices.findIndex((device) => !isRecord(device));
  if (notObject >= 0) return `device ${notObject} of the "devices" list is ${JSON.stringify(value.devices[notObject])?.slice(0, 40) ?? 'undefined'}, not an object`;
  if (value.header === undefined && !headerRequired) return undefined;
  if (!isRecord(value.header)) return 'no "header" object';
  if (headerRequired && typeof value.header.collection_date !== 'string') return 'the header has no collection_date';
  return undefined;
}

export function isUnitDataSnapshot(value: unknown): value is UnitDataSnapshot {
  return unitDataProblem(value) === undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
