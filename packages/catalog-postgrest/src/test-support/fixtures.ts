// Small helpers the specs share: the PostgreSQL gate, a fixed calendar, catalog rows, a token.
import { LakeTime, MemoryLogger, type CatalogEntry, type DriverConfig } from '@lake/core';
import { PostgrestCatalogDriver } from '../postgrest-catalog-driver';
import type { PostgrestDouble } from './postgrest-double';

/** Tests that need PostgreSQL run only where LAKE_TEST_PG_URL is set (CI sets it). */
export const describePg = process.env.LAKE_TEST_PG_URL ? describe : describe.skip;

/** Stands for a JWT; long enough that the HTTP client redacts it from messages. */
export const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.test-write-role.c2lnbmF0dXJl';

export const time = new LakeTime('America/Chicago', () => new Date('2020-10-01T12:00:00Z'));
export const day = (calendarDate: string): Date => time.dayStart(calendarDate);

export function entry(base: string, ext: string, date: Date, more: Partial<CatalogEntry> = {}): CatalogEntry {
  return {
    repository: 'atd-datalake-raw',
    dataSource: 'bt',
    base,
    ext,
    pointer: `${time.calendarDate(date)}/${base}.${ext}`,
    collectionDate: date,
    ...more,
  };
}

export async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const row of rows) list.push(row);
  return list;
}

/** A catalog driver on the double's catalog table; retries wait 1 ms. */
export function catalogDriver(
  double: PostgrestDouble,
  settings: Partial<DriverConfig> = {},
  env: { time?: LakeTime; log?: MemoryLogger } = {},
): PostgrestCatalogDriver {
  return new PostgrestCatalogDriver(
    { driver: 'postgrest', url: double.endpoint('data_lake_cat_new'), token: TOKEN, backoffMs: 1, ...settings },
    { time: env.time ?? time, log: env.log ?? new MemoryLogger() },
  );
}
