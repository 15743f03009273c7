// One pg Pool with what every lake statement relies on: each connection's session TimeZone is
// the lake's zone before it runs anything — `timestamptz + interval '1 day'` is a calendar day in
// the session zone (23 or 25 hours across DST), and text without an offset is read as lake wall
// time — and every pg error leaves as a LakeError without the password.
import type { Logger } from '@lake/core';
import { DatabaseError, Pool, type PoolClient, type QueryResult, type QueryResultRow } from 'pg';
import { RETRYABLE_SQLSTATE, errorCode, translatePgError } from './postgres-errors';
import type { PostgresSettings } from './postgres-settings';

/** Attempts of a transaction that lost a deadlock or serialization race to another writer. */
const TRANSACTION_ATTEMPTS = 3;

export type SqlParam = string | number | boolean | null | Date | (string | number | null)[];

export class PostgresDatabase {
  private readonly pool: Pool;
  // Connections whose session is set up; a Pool hands the same client out again and again.
  private readonly prepared = new WeakSet<PoolClient>();

  constructor(
    readonly settings: PostgresSettings,
    private readonly zone: string,
    private readonly log: Logger,
  ) {
    this.pool = new Pool(settings.pool);
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    this.pool.on('error', (error) => this.log.warn(`PostgreSQL ${settings.role}: idle connection lost (${translatePgError(error, settings, 'idle', '').message})`));
  }

  /** Runs one statement and returns its rows; `what` and `table` name it in errors. */
  async query<Row extends QueryResultRow>(sql: string, params: SqlParam[], what: string, table: string): Promise<Row[]> {
    return (await this.run<Row>(sql, params, what, table)).rows;
  }

  /** Runs one statement and returns how many rows it touched. */
  async execute(sql: string, params: SqlParam[], what: string, table: string): Promise<number> {
    return (await this.run(sql, params, what, table)).rowCount ?? 0;
  }

  /** Column names of a table, in order (fails with TABLE_MISSING when it is not there). */
  async columnsOf(table: string, tableText: string): Promise<string[]> {
    return (await this.run(`SELECT * FROM ${table} LIMIT 0`, [], 'reading the table columns', tableText)).fields.map((field) => field.name);
  }

  private async run<Row extends QueryResultRow>(sql: string, params: SqlParam[], what: string, table: string): Promise<QueryResult<Row>> {
    const client = await this.connect(what, table);
    let broken: Error | undefined;
    try {
      return await client.query<Row>(sql, params);
    } catch (error) {
      broken = connectionFailure(error);
      throw translatePgError(error, this.settings, what, table);
    } finally {
      client.release(broken);
    }
  }

  /** Runs `work` in one transaction: all of it or nothing. Rerun when it loses a deadlock. */
  async transaction<T>(what: string, table: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.connect(what, table);
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackFailure) {
          broken = rollbackFailure as Error; // the connection is unusable: drop it from the pool
        }
        const code = errorCode(error);
        if (attempt < TRANSACTION_ATTEMPTS && code && RETRYABLE_SQLSTATE.has(code)) {
          this.log.debug(`PostgreSQL ${this.settings.role}: ${what} lost a race with another writer (${code}); running it again`);
          continue;
        }
        throw translatePgError(error, this.settings, what, table);
      } finally {
        client.release(broken);
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async connect(what: string, table: string): Promise<PoolClient> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw translatePgError(error, this.settings, what, table);
    }
    if (this.prepared.has(client)) return client;
    try {
      // DateStyle too: text dates without an offset read month first, and ::text output is ISO.
      await client.query("SELECT set_config('TimeZone', $1, false), set_config('DateStyle', 'ISO, MDY', false)", [this.zone]);
    } catch (error) {
      client.release(error as Error);
      throw translatePgError(error, this.settings, `setting the session time zone to ${this.zone}`, table);
    }
    this.prepared.add(client);
    return client;
  }
}

/** An error that is not the server's answer to a statement leaves the connection unusable. */
function connectionFailure(error: unknown): Error | undefined {
  return error instanceof DatabaseError ? undefined : (error as Error);
}
