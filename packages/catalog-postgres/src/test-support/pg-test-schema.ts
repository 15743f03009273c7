// PostgreSQL for tests: the server CI starts (LAKE_TEST_PG_URL), one schema per test file so
// parallel jest workers and other packages never share tables. Without the variable the
// PostgreSQL suites are skipped.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { LakeTime, silentLogger, type DriverConfig } from '@lake/core';
import { quoteIdentifier } from '../schema';

export { collect } from '@lake/testing';

export const PG_URL = process.env.LAKE_TEST_PG_URL ?? '';
export const describePg = PG_URL ? describe : describe.skip;

export const chicago = (now = '2020-10-01T12:00:00Z'): LakeTime => new LakeTime('America/Chicago', () => new Date(now));

export function uniqueSchemaName(label: string): string {
  return `lake_test_${label}_${randomBytes(5).toString('hex')}`;
}

/** A driver config block for the test server and a schema. */
export function pgSettings(schema: string, more: Record<string, unknown> = {}): DriverConfig {
  return { driver: 'postgres', connectionString: PG_URL, schema, ...more };
}

export const driverEnv = (time: LakeTime) => ({ time, log: silentLogger });

/** One statement on a connection of its own (setting up and inspecting tables). */
export async function adminQuery<Row = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Row[];
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await adminQuery(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
}
