// Which unit-data device a row belongs to (wavetronix.md §4.2 step 3): the one whose `kits_id` is
// the row's `intID`. Upstream joined every device with that id, so two radar records sharing a
// kits_id doubled the intersection's rows (W-3); here each intersection gets one device — one not
// marked REMOVED if there is one, else the first listed — and the sharing is reported.
import { wavetronixDeviceIds, type UnitDevice } from './device-id';

export interface KitsDevice {
  device: UnitDevice;
  deviceId: string;
  /** Position in the unit-data file (embedded devices keep that order). */
  position: number;
}

export interface SharedKitsId {
  kitsId: number;
  /** device_id of the device used, then of the others. */
  used: string;
  ignored: string[];
}

export class KitsDevices {
  readonly shared: SharedKitsId[] = [];
  private readonly byKitsId = new Map<number, KitsDevice>();
  private readonly all: KitsDevice[];

  constructor(devices: readonly UnitDevice[]) {
    const ids = wavetronixDeviceIds(devices);
    this.all = devices.map((device, position) => ({ device, deviceId: ids[position], position }));
    const candidates = new Map<number, KitsDevice[]>();
    for (const entry of this.all) {
      const kitsId = kitsIdOf(entry.device.kits_id);
      if (kitsId === null) continue; // never matches, as upstream
      const list = candidates.get(kitsId) ?? [];
      list.push(entry);
      candidates.set(kitsId, list);
    }
    for (const [kitsId, list] of candidates) {
      const used = list.find((entry) => !isRemoved(entry.device)) ?? list[0];
      this.byKitsId.set(kitsId, used);
      if (list.length > 1) this.shared.push({ kitsId, used: used.deviceId, ignored: list.filter((entry) => entry !== used).map((entry) => entry.deviceId) });
    }
  }

  /** The device of an intersection id, or null. */
  forIntId(intID: unknown): KitsDevice | null {
    const id = kitsIdOf(intID);
    return id === null ? null : (this.byKitsId.get(id) ?? null);
  }

  /** The devices with these ids, in unit-data order, each with its keys then `device_id`. */
  embedded(usedIds: ReadonlySet<string>): Record<string, unknown>[] {
    return this.all.filter((entry) => usedIds.has(entry.deviceId)).map((entry) => ({ ...entry.device, device_id: entry.deviceId }));
  }
}

/** Numeric equality, as pandas' merge: `12`, `12.0` and `"12"` are the same id. */
function kitsIdOf(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(number) ? number : null;
}

function isRemoved(device: UnitDevice): boolean {
  return typeof device.device_status === 'string' && device.device_status.trim().toUpperCase() === 'REMOVED';
}
