import { LakeTime, MemoryLogger } from '@lake/core';
import type { BluetoothRecord } from '../formats/file-types';
import { DayDeviceAddresses, DeviceAddressNumbering, type AddressFileType } from './device-addresses';

const rows = (...addresses: (string | null)[]): BluetoothRecord[] => addresses.map((dev_addr) => ({ dev_addr }));
const time = new LakeTime('America/Chicago');

describe('DayDeviceAddresses', () => {
  it('numbers addresses from 1 in order of first appearance', () => {
    const addresses = new DayDeviceAddresses();
    addresses.addRows(rows('B', 'A', 'B', 'C'));
    expect(['A', 'B', 'C'].map((address) => addresses.numberOf(address))).toEqual([2, 1, 3]);
  });

  it('gives a missing address no number', () => {
    const addresses = new DayDeviceAddresses();
    addresses.addRows(rows(null, 'A'));
    expect(addresses.numberOf(null)).toBeNull();
    expect(addresses.numberOf('A')).toBe(1);
    expect(addresses.numberOf('never seen')).toBeNull();
  });
});

describe('DeviceAddressNumbering', () => {
  const day1 = time.dayStart('2019-06-01');
  const day2 = time.dayStart('2019-06-02');
  const files: Record<string, Partial<Record<AddressFileType, BluetoothRecord[]>>> = {
    [day1.getTime()]: { unmatched: rows('U1', 'U2', 'M1'), matched: rows('M1', 'M2', 'U2') },
    [day2.getTime()]: { unmatched: rows('M2', 'U9'), matched: rows('U1') },
  };

  /** Hands each file out in batches of one record, as a stream of a large file would. */
  async function* batches(records: BluetoothRecord[]): AsyncGenerator<BluetoothRecord[]> {
    for (const record of records) yield [record];
  }

  function numbering(loads: string[] = [], log = new MemoryLogger()) {
    return new DeviceAddressNumbering(
      async (type, base, date) => {
        loads.push(`${type} ${time.calendarDate(date)}`);
        const records = files[date.getTime()]?.[type];
        return records ? batches(records) : null;
      },
      log,
      time,
    );
  }

  it('numbers the unmatched file first, then the matched file, one counter per day', async () => {
    const day = await numbering().forDay('Austin', day1);
    expect(['U1', 'U2', 'M1', 'M2'].map((address) => day.numberOf(address))).toEqual([1, 2, 3, 4]);
  });

  it('restarts at 1 on every day, whatever the run published before', async () => {
    const run = numbering();
    await run.forDay('Austin', day1);
    const day = await run.forDay('Austin', day2);
    expect(['M2', 'U9', 'U1'].map((address) => day.numberOf(address))).toEqual([1, 2, 3]);
    expect((await numbering().forDay('Austin', day2)).numberOf('U1')).toBe(3);
  });

  it('reads each file of a day once per run', async () => {
    const loads: string[] = [];
    const run = numbering(loads);
    await run.forDay('Austin', day1);
    await run.forDay('Austin', day1);
    expect(loads).toEqual(['unmatched 2019-06-01', 'matched 2019-06-01']);
  });

  it('warns when the day has no unmatched file to number from', async () => {
    const log = new MemoryLogger();
    files[time.dayStart('2019-06-03').getTime()] = { matched: rows('X') };
    const day = await numbering([], log).forDay('Austin', time.dayStart('2019-06-03'));
    expect(day.numberOf('X')).toBe(1);
    expect(log.lines).toContainEqual(expect.stringContaining('no ready unmatched file for Austin on 2019-06-03'));
  });
});
