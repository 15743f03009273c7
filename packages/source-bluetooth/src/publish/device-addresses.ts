// The public "device address" (bluetooth.md §6.2, B-9 fixed): the hashed MAC address of a phone is
// replaced by a small integer that is reset daily. One numbering per collection day: 1, 2, … in
// order of first appearance in the day's ready IAF (unmatched) rows, then in its ITMF (matched)
// rows — so a device has the same number in both files of a day, and the number never depends on
// which days or files a run happens to publish. (The original restarted its counter depending on
// the first date of the run and numbered the matched file first.)
import type { LakeTime, Logger } from '@lake/core';
import type { BluetoothRecord } from '../formats/file-types';

/** The file types whose rows carry device addresses, in numbering order. */
export const ADDRESS_FILE_TYPES = ['unmatched', 'matched'] as const;
export type AddressFileType = (typeof ADDRESS_FILE_TYPES)[number];

/** One day's numbering. */
export class DayDeviceAddresses {
  private readonly numbers = new Map<string, number>();

  /** Number the addresses of these rows not numbered yet, in row order. */
  addRows(rows: Iterable<BluetoothRecord>): void {
    for (const row of rows) {
      const address = row.dev_addr;
      if (typeof address === 'string' && !this.numbers.has(address)) this.numbers.set(address, this.numbers.size + 1);
    }
  }

  /** The number of an address; null for a missing address (never lumped with other phones). */
  numberOf(address: unknown): number | null {
    return typeof address === 'string' ? this.numbers.get(address) ?? null : null;
  }

  get size(): number {
    return this.numbers.size;
  }
}

/**
 * The ready records of one file of a day, in batches (streamed: a day's IAF may be large), or null
 * when the ready layer has no such file.
 */
export type ReadyRowsLoader = (type: AddressFileType, base: string, date: Date) => Promise<AsyncIterable<readonly BluetoothRecord[]> | null>;

/**
 * The numbering of each day a run publishes, computed from the day's ready files whichever of
 * them the run publishes. Only the latest day is kept: items arrive in date order. Only the
 * numbers are held, never the files.
 */
export class DeviceAddressNumbering {
  // The promise is kept, so the items of one day running at once (--concurrency) compute it once.
  private cached: { key: string; addresses: Promise<DayDeviceAddresses> } | null = null;

  constructor(
    private readonly load: ReadyRowsLoader,
    private readonly log: Logger,
    private readonly time: LakeTime,
  ) {}

  /** The day's numbering: its unmatched file's addresses first, then its matched file's. */
  async forDay(base: string, date: Date): Promise<DayDeviceAddresses> {
    const key = `${base}\u0000${date.getTime()}`;
    if (this.cached?.key !== key) {
      const cached = { key, addresses: this.numberDay(base, date) };
      this.cached = cached;
      // A failed read is not kept: the next item of the day tries again.
      cached.addresses.catch(() => {
        if (this.cached === cached) this.cached = null;
      });
    }
    return this.cached.addresses;
  }

  private async numberDay(base: string, date: Date): Promise<DayDeviceAddresses> {
    const addresses = new DayDeviceAddresses();
    for (const type of ADDRESS_FILE_TYPES) {
      const batches = await this.load(type, base, date);
      if (batches) {
        for await (const rows of batches) addresses.addRows(rows);
      } else if (type === 'unmatched') {
        // Numbers follow the IAF; without it they would change once it arrives and is published.
        this.log.warn(`no ready ${type} file for ${base} on ${this.time.calendarDate(date)}; device addresses are numbered from the matched file alone`);
      }
    }
    return addresses;
  }
}
