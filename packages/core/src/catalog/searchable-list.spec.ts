import { LakeTime } from '../time/lake-time';
import type { CatalogEntry } from './catalog-entry';
import { SearchableList } from './searchable-list';

const time = new LakeTime('America/Chicago', () => new Date('2020-10-01T12:00:00Z'));
const day = (calendarDate: string): Date => time.dayStart(calendarDate);

function unitData(calendarDate: string): CatalogEntry {
  return {
    repository: 'atd-datalake-raw',
    dataSource: 'bt',
    base: 'Austin',
    ext: 'unit_data.json',
    pointer: calendarDate,
    collectionDate: day(calendarDate),
  };
}

describe('SearchableList', () => {
  const list = new SearchableList(['2020-09-10', '2020-09-13', '2020-09-13', '2020-09-20'].map(unitData));

  it('finds the first row at or after a date (bisect left)', () => {
    expect(list.nextIndex(day('2020-09-01'))).toBe(0);
    expect(list.nextIndex(day('2020-09-10'))).toBe(0);
    expect(list.nextIndex(day('2020-09-11'))).toBe(1);
    expect(list.nextIndex(day('2020-09-13'))).toBe(1);
    expect(list.nextIndex(day('2020-09-20'))).toBe(3);
    expect(list.nextIndex(day('2020-09-21'))).toBe(4);
  });

  it('finds the first row strictly after a date (bisect right)', () => {
    expect(list.nextIndexExclusive(day('2020-09-09'))).toBe(0);
    expect(list.nextIndexExclusive(day('2020-09-10'))).toBe(1);
    expect(list.nextIndexExclusive(day('2020-09-13'))).toBe(3);
    expect(list.nextIndexExclusive(day('2020-09-20'))).toBe(4);
  });

  it('answers undefined outside the rows', () => {
    expect(list.at(0)?.pointer).toBe('2020-09-10');
    expect(list.at(list.nextIndex(day('2020-09-21')))).toBeUndefined();
    expect(list.at(-1)).toBeUndefined();
    expect(list.length).toBe(4);
  });

  it('sorts rows given out of order', () => {
    const sorted = new SearchableList(['2020-09-20', '2020-09-10', '2020-09-13'].map(unitData));
    expect([...sorted].map((row) => row.pointer)).toEqual(['2020-09-10', '2020-09-13', '2020-09-20']);
  });

  it('is searchable when empty', () => {
    const empty = new SearchableList([]);
    expect(empty.length).toBe(0);
    expect(empty.nextIndex(day('2020-09-10'))).toBe(0);
    expect(empty.at(0)).toBeUndefined();
  });
});
