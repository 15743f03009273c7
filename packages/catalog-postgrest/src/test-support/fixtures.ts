// Small helpers the specs share: the PostgreSQL gate, a fixed calendar, catalog rows, a token.
import { LakeTime, MemoryLogger, type DriverConfig } from '@lake/core';
import { catalogFixtures } from '@lake/testing';
import { PostgrestCatalogDriver } from '../postgrest-catalog-driver';
import type { PostgrestDouble } from './postgrest-double';

/** Tests that need PostgreSQL run only where LAKE_TEST_PG_URL is set (CI sets it). */
export const describePg = process.env.LAKE_TEST_PG_URL ? describe : describe.skip;

/** Stands for a JWT; long enough that the HTTP client redacts it from messages. */
export const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.test-write-role.c2lnbmF0dXJl';

export const time = new LakeTime('America/Chicago', () => new Date('2020-10-01T12:00:00Z'));
export const { day, entry } = catalogFixtures(time);
export { collect } from '@lake/testing';

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
