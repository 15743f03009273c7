// Sample rows the suites write, exported so drivers' own cases build theirs the same way.
import type { CatalogEntry, LakeTime, PerfmetJob, PerfmetObservation } from '@lake/core';

/**
 * The calendar methods the fixtures use. Structural, so core's own specs can pass the LakeTime of
 * core's source, which TypeScript sees as another class than the built one this package imports.
 */
export type FixtureCalendar = Pick<LakeTime, 'dayStart' | 'calendarDate' | 'parse'>;

/** Catalog rows on a calendar: `entry('Austin', 'json', day('2020-09-13'))` in atd-datalake-raw / bt. */
export function catalogFixtures(time: FixtureCalendar) {
  const day = (calendarDate: string): Date => time.dayStart(calendarDate);
  const entry = (base: string, ext: string, date: Date, more: Partial<CatalogEntry> = {}): CatalogEntry => ({
    repository: 'atd-datalake-raw',
    dataSource: 'bt',
    base,
    ext,
    pointer: `${time.calendarDate(date)}/${base}.${ext}`,
    collectionDate: date,
    ...more,
  });
  /** "2020-09-13 Austin json" per row: what a failing comparison should show. */
  const ids = (rows: CatalogEntry[]): string[] => rows.map((row) => `${time.calendarDate(row.collectionDate)} ${row.base} ${row.ext}`);
  return { day, entry, ids };
}

/** A GRIDSMART Standardize job and Vehicle Counts observations on a calendar. */
export function perfmetFixtures(time: FixtureCalendar) {
  const day = (calendarDate: string): Date => time.dayStart(calendarDate);
  const job = (more: Partial<PerfmetJob> = {}): PerfmetJob => ({
    dataSource: 'GRIDSMART',
    stage: 'Standardize',
    seconds: 412.77,
    records: 93,
    processingDate: time.parse('2020-03-05 04:00:00.512-06:00'),
    collectionStart: day('2020-02-04'),
    collectionEnd: day('2020-03-05'),
    failures: 0,
    ...more,
  });
  const observation = (sensorName: string, collectionDate: Date, more: Partial<PerfmetObservation> = {}): PerfmetObservation => ({
    dataSource: 'GRIDSMART',
    sensorName,
    dataType: 'Vehicle Counts',
    data: 18234,
    expected: null,
    collectionDate,
    timestampMin: null,
    timestampMax: null,
    ...more,
  });
  return { day, job, observation };
}
