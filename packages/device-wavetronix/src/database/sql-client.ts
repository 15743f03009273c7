// The part of the `mssql` driver the Wavetronix source uses, as interfaces: production code gets
// a real `mssql.ConnectionPool`; tests hand in a double that implements the same few calls.
import * as mssql from 'mssql';

/** `mssql.Request`: parameters, a query, and in stream mode the recordset/row/error/done events. */
export interface SqlRequest {
  stream: boolean;
  input(name: string, type: mssql.ISqlTypeFactoryWithNoParams, value: unknown): unknown;
  query(command: string): Promise<mssql.IResult<unknown>>;
  on(event: 'recordset', listener: (columns: Record<string, unknown>) => void): unknown;
  on(event: 'row', listener: (row: Record<string, unknown>) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'done', listener: (result: unknown) => void): unknown;
  pause(): boolean;
  resume(): boolean;
  cancel(): void;
}

/** `mssql.ConnectionPool`, once connected. */
export interface SqlPool {
  request(): SqlRequest;
  close(): Promise<void>;
}

/** Opens a connected pool; rejects when the server cannot be reached or refuses the login. */
export type SqlConnector = (config: mssql.config) => Promise<SqlPool>;

export const connectMssql: SqlConnector = async (config) => {
  const pool = new mssql.ConnectionPool(config);
  try {
    await pool.connect();
  } catch (error) {
    await pool.close().catch(() => undefined);
    throw error;
  }
  return pool as unknown as SqlPool;
};
