import { LakeTime } from '@lake/core';
import { OrderKeys, ReadySorter } from './ready-order';

const time = new LakeTime('America/Chicago');

function sortRows(rows: { detID: number | null; curDateTime: string | null }[], streaming: boolean): { out: string[]; heldMost: number } {
  const keys = new OrderKeys(time);
  const sorter = new ReadySorter<{ detID: number | null; curDateTime: string | null }>(keys, streaming);
  const out: string[] = [];
  let heldMost = 0;
  let added = 0;
  for (const row of rows) {
    const ready = sorter.add(row, keys.of(row));
    added++;
    out.push(...ready.map((r) => `${r.curDateTime} ${r.detID}`));
    heldMost = Math.max(heldMost, added - out.length);
  }
  out.push(...sorter.finish().map((r) => `${r.curDateTime} ${r.detID}`));
  return { out, heldMost };
}

// The fall-back day as the database orders it: by wall clock, both passes side by side.
const FALL_BACK = [
  { detID: 3, curDateTime: '2020-11-01 00:45:00-05:00' },
  { detID: 2, curDateTime: '2020-11-01 00:45:00-05:00' },
  { detID: 2, curDateTime: '2020-11-01 01:00:00-05:00' },
  { detID: 2, curDateTime: '2020-11-01 01:00:00-06:00' },
  { detID: 2, curDateTime: '2020-11-01 01:45:00-05:00' },
  { detID: 2, curDateTime: '2020-11-01 01:45:00-06:00' },
  { detID: null, curDateTime: '2020-11-01 01:50:00-06:00' },
  { detID: 1, curDateTime: null },
  { detID: 2, curDateTime: '2020-11-01 02:00:00-06:00' },
  { detID: 1, curDateTime: '2020-11-01 02:00:00-06:00' },
  { detID: 2, curDateTime: '2020-11-01 02:15:00-06:00' },
];

const EXPECTED = [
  '2020-11-01 00:45:00-05:00 2',
  '2020-11-01 00:45:00-05:00 3',
  '2020-11-01 01:00:00-05:00 2',
  '2020-11-01 01:45:00-05:00 2',
  '2020-11-01 01:00:00-06:00 2',
  '2020-11-01 01:45:00-06:00 2',
  '2020-11-01 01:50:00-06:00 null',
  '2020-11-01 02:00:00-06:00 1',
  '2020-11-01 02:00:00-06:00 2',
  '2020-11-01 02:15:00-06:00 2',
  'null 1',
];

describe('the ready order', () => {
  it('sorts by instant then detector, the repeated hour in the order it happened, undated rows last', () => {
    expect(sortRows(FALL_BACK, true).out).toEqual(EXPECTED);
    expect(sortRows(FALL_BACK, false).out).toEqual(EXPECTED);
  });

  it('holds only one wall time of rows while the input is in wall-clock order', () => {
    const rows = [];
    for (let hour = 3; hour < 23; hour++) for (const detID of [5, 4, 3, 2, 1]) rows.push({ detID, curDateTime: `2020-09-13 ${String(hour).padStart(2, '0')}:00:00-05:00` });
    const { out, heldMost } = sortRows(rows, true);
    expect(out).toHaveLength(100);
    expect(out[0]).toBe('2020-09-13 03:00:00-05:00 1');
    expect(heldMost).toBeLessThanOrEqual(5);
  });
});
