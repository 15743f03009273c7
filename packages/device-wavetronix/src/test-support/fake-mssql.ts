// A test double of the `mssql` pool and request, implementing what the Wavetronix source uses the
// way the driver behaves: `input()` parameters, `query()` resolving `{ recordset }`, and in stream
// mode the 'recordset' / 'row' / 'error' / 'done' events, with pause/resume (no row while paused),
// cancel (an ECANCEL error, then 'done'), and the driver's own error classes. A stream-mode query
// resolves even when it fails: errors come as events, as the driver does it.
import { EventEmitter } from 'node:events';
import * as mssql from 'mssql';
import type { SqlConnector, SqlPool, SqlRequest } from '../database/sql-client';

export interface ExecutedQuery {
  text: string;
  parameters: Record<string, { type: unknown; value: unknown }>;
  stream: boolean;
}

/** What the server answers to a query: rows, or an error (after `rowsBefore` rows when streaming). */
export type QueryAnswer = { rows: Record<string, unknown>[] } | { error: Error; rowsBefore?: Record<string, unknown>[] };

export type QueryHandler = (query: ExecutedQuery) => QueryAnswer;

export class FakeSqlServer {
  readonly executed: ExecutedQuery[] = [];
  readonly configs: mssql.config[] = [];
  openPools = 0;
  /** Most rows a streaming request handed out while its reader had asked it to pause. */
  rowsWhilePaused = 0;
  cancelled = 0;
  /** Set to refuse connections with this error. */
  connectError: Error | null = null;

  constructor(public handler: QueryHandler) {}

  readonly connect: SqlConnector = async (config) => {
    this.configs.push(config);
    if (this.connectError) throw this.connectError;
    this.openPools++;
    return new FakePool(this);
  };
}

class FakePool implements SqlPool {
  private closed = false;

  constructor(private readonly server: FakeSqlServer) {}

  request(): SqlRequest {
    if (this.closed) throw new mssql.ConnectionError('Connection is closed.', 'ECONNCLOSED');
    return new FakeRequest(this.server);
  }

  async close(): Promise<void> {
    if (!this.closed) this.server.openPools--;
    this.closed = true;
  }
}

class FakeRequest extends EventEmitter implements SqlRequest {
  stream = false;
  private readonly parameters: ExecutedQuery['parameters'] = {};
  private paused = false;
  private cancelled = false;
  private resumeWaiter: (() => void) | null = null;

  constructor(private readonly server: FakeSqlServer) {
    super();
  }

  input(name: string, type: unknown, value: unknown): this {
    if (name in this.parameters) throw new mssql.RequestError(`The parameter name ${name} has already been declared. Parameter names must be unique`, 'EDUPEPARAM' as mssql.MSSQL_ERROR_CODE);
    this.parameters[name] = { type, value };
    return this;
  }

  async query(text: string): Promise<mssql.IResult<unknown>> {
    const query = { text, parameters: this.parameters, stream: this.stream };
    this.server.executed.push(query);
    for (const name of text.match(/@\w+/g) ?? []) {
      if (!(name.slice(1) in this.parameters)) {
        return this.fail(new mssql.RequestError(`Must declare the scalar variable "${name}".`, 'EREQUEST'));
      }
    }
    const answer = this.server.handler(query);
    if (!this.stream) {
      if ('error' in answer) throw answer.error;
      return result(answer.rows);
    }
    await tick();
    this.emit('recordset', columnsOf('rows' in answer ? answer.rows : (answer.rowsBefore ?? [])));
    const rows = 'rows' in answer ? answer.rows : (answer.rowsBefore ?? []);
    for (const row of rows) {
      while (this.paused && !this.cancelled) await new Promise<void>((resolve) => (this.resumeWaiter = resolve));
      if (this.cancelled) break;
      this.emit('row', row);
      await tick();
    }
    if (this.cancelled) {
      this.server.cancelled++;
      this.emit('error', new mssql.RequestError('Canceled.', 'ECANCEL'));
    } else if ('error' in answer) {
      this.emit('error', answer.error);
    }
    this.emit('done', { rowsAffected: [rows.length] });
    return result([]);
  }

  pause(): boolean {
    if (!this.stream) return false;
    this.paused = true;
    return true;
  }

  resume(): boolean {
    if (!this.stream) return false;
    this.paused = false;
    this.resumeWaiter?.();
    this.resumeWaiter = null;
    return true;
  }

  cancel(): void {
    this.cancelled = true;
    this.resumeWaiter?.();
    this.resumeWaiter = null;
  }

  override emit(event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'row' && this.paused) this.server.rowsWhilePaused++;
    return super.emit(event, ...args);
  }

  private fail(error: Error): mssql.IResult<unknown> {
    if (!this.stream) throw error;
    setImmediate(() => {
      this.emit('error', error);
      this.emit('done', { rowsAffected: [] });
    });
    return result([]);
  }
}

function result(rows: Record<string, unknown>[]): mssql.IResult<unknown> {
  return { recordset: rows as mssql.IRecordSet<unknown>, recordsets: [rows as mssql.IRecordSet<unknown>], output: {}, rowsAffected: [rows.length] };
}

function columnsOf(rows: Record<string, unknown>[]): Record<string, { name: string }> {
  return Object.fromEntries(Object.keys(rows[0] ?? {}).map((name) => [name, { name }]));
}

function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The driver's error for a server nobody answers at. */
export function unreachableServerError(server: string): Error {
  return new mssql.ConnectionError(`Failed to connect to ${server}:1433 - getaddrinfo ENOTFOUND ${server}`, 'ESOCKET');
}

/** The driver's error for a rejected login (tedious words it like this). */
export function loginFailedError(user: string): Error {
  return new mssql.ConnectionError(`Login failed for user '${user}'.`, 'ELOGIN');
}

export function timeoutError(milliseconds: number): Error {
  return new mssql.RequestError(`Timeout: Request failed to complete in ${milliseconds}ms`, 'ETIMEOUT');
}
