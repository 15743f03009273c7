// A PostgREST stand-in for tests: a real HTTP server on 127.0.0.1 that answers the PostgREST
// protocol for the original's three tables by running SQL on a REAL PostgreSQL (its own schema,
// dropped on stop). It follows PostgREST's documented behaviour where the drivers depend on it:
// - GET: `select`, filters, logic trees, `order`, `limit`/`offset` capped by `max-rows`, the body
//   built with json_agg (so timestamptz comes back as ISO text in the session's zone), a
//   `Content-Range: <first>-<last>/<total|*>` header (`*/<total>` for an empty page), 206 when
//   an exact count shows more rows, 416 (PGRST103) for an offset past the count;
// - POST: a JSON object or array (every object with the same keys, else PGRST102), inserted with
//   json_populate_recordset over the first object's keys; `Prefer: resolution=merge-duplicates`
//   → ON CONFLICT (primary key) DO UPDATE of the sent columns only; `return=representation|minimal`;
// - DELETE with filters; `Prefer: count=exact` → `Content-Range: */<n>` on writes;
// - JWT: a wrong bearer token → 401 PGRST301; a write without one → 401 42501 (anonymous role);
// - errors as `{"code","message","details","hint"}` with PostgREST's status for each SQLSTATE;
// - faults on demand: N answers with a status (503) or N dropped connections, before or after
//   the write was applied.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool, type DatabaseError } from 'pg';
import { PostgrestQuery, PostgrestRequestError } from './postgrest-query';
import { CATALOG_TABLE, jobTable, OBSERVATION_TABLE, quoteIdentifier, type TableShape } from './postgrest-tables';

export interface PostgrestDoubleOptions {
  /** Default: $LAKE_TEST_PG_URL. */
  pgUrl?: string;
  /** PostgREST's `db-max-rows`: rows per response at most (null = no cap). */
  maxRows?: number | null;
  /** The bearer token that may write (stands for a JWT signed with the server's secret). */
  jwt?: string;
  /** Session zone of the database connection: the offset timestamps come back with. */
  timeZone?: string;
  /** Add the lake's `failures` column to the job table. */
  withFailuresColumn?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path and raw (still encoded) query string, exactly as sent. */
  url: string;
  /** Decoded query parameters, in order. */
  params: [string, string][];
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Fault {
  kind: 'status' | 'drop';
  status: number;
  /** Drop the connection after the request took effect (the client cannot know it did). */
  afterApply: boolean;
  method?: string;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Preferences {
  return?: string;
  resolution?: string;
  count?: string;
}

export class PostgrestDouble {
  readonly requests: RecordedRequest[] = [];
  maxRows: number | null;
  readonly url: string;
  private readonly faults: Fault[] = [];
  private readonly tables: Map<string, TableShape>;

  private constructor(
    private readonly server: http.Server,
    private readonly pool: Pool,
    readonly schema: string,
    private readonly jwt: string | undefined,
    options: PostgrestDoubleOptions,
  ) {
    this.maxRows = options.maxRows ?? null;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.tables = new Map([CATALOG_TABLE, jobTable(options.withFailuresColumn), OBSERVATION_TABLE].map((table) => [table.name, table]));
  }

  static async start(options: PostgrestDoubleOptions = {}): Promise<PostgrestDouble> {
    const pgUrl = options.pgUrl ?? process.env.LAKE_TEST_PG_URL;
    if (!pgUrl) throw new Error('PostgrestDouble needs a PostgreSQL URL (LAKE_TEST_PG_URL)');
    const schema = `lake_pgrst_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    // The session zone decides the offset PostgreSQL writes timestamps with, as for PostgREST.
    const timeZone = (options.timeZone ?? 'UTC').replace(/[^A-Za-z0-9_/+-]/g, '');
    const pool = new Pool({ connectionString: pgUrl, max: 4, options: `-c TimeZone=${timeZone}` });
    const tables = [CATALOG_TABLE, jobTable(options.withFailuresColumn), OBSERVATION_TABLE];
    await pool.query(`CREATE SCHEMA ${quoteIdentifier(schema)}`);
    for (const table of tables) await pool.query(table.createSql(`${quoteIdentifier(schema)}.${quoteIdentifier(table.name)}`));

    let double: PostgrestDouble | undefined;
    const server = http.createServer((request, response) => void double?.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    double = new PostgrestDouble(server, pool, schema, options.jwt, options);
    return double;
  }

  /** URL of one table, e.g. `http://127.0.0.1:1234/data_lake_cat_new`. */
  endpoint(table: string): string {
    return `${this.url}/${table}`;
  }

  /** The next `count` requests (of `method`, if given) are answered with `status`. */
  failNext(count: number, status = 503, method?: string): void {
    for (let index = 0; index < count; index++) this.faults.push({ kind: 'status', status, afterApply: false, method });
  }

  /** The next `count` requests (of `method`, if given) lose their connection without an answer. */
  dropNext(count: number, options: { afterApply?: boolean; method?: string } = {}): void {
    for (let index = 0; index < count; index++) this.faults.push({ kind: 'drop', status: 0, afterApply: options.afterApply ?? false, method: options.method });
  }

  /** SQL straight on the double's database (seeding, checks); tables are in `schema`. */
  async sql<Row = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<Row[]> {
    const client = await this.pool.connect();
    try {
      await client.query(`SET search_path TO ${quoteIdentifier(this.schema)}`);
      return (await client.query(text, params)).rows as Row[];
    } finally {
      await client.query('RESET search_path');
      client.release();
    }
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    try {
      await this.pool.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(this.schema)} CASCADE`);
    } finally {
      await this.pool.end();
    }
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const body = await readBody(request);
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', this.url);
    this.requests.push({ method, url: request.url ?? '/', params: [...url.searchParams], headers: request.headers, body });

    const fault = this.takeFault(method);
    if (fault?.kind === 'status') return send(response, errorAnswer(fault.status, 'PGRST000', 'Database client error. Retrying the connection.'));
    if (fault?.kind === 'drop' && !fault.afterApply) return void request.socket.destroy();

    let answer: Answer;
    try {
      answer = await this.answer(method, url, request.headers, body);
    } catch (error) {
      answer = this.errorOf(error, request.headers.authorization !== undefined);
    }
    if (fault?.kind === 'drop') return void request.socket.destroy();
    send(response, answer);
  }

  private async answer(method: string, url: URL, headers: http.IncomingHttpHeaders, body: string): Promise<Answer> {
    const name = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '');
    const table = this.tables.get(name);
    if (!table) throw new PostgrestRequestError(404, 'PGRST205', `Could not find the table 'api.${name}' in the schema cache`);
    this.authorize(method, headers.authorization, table);
    const prefer = preferences(headers.prefer);
    const query = new PostgrestQuery(table, url.searchParams);
    if (method === 'GET' || method === 'HEAD') return this.read(table, query, prefer);
    if (method === 'POST') return this.insert(table, query, prefer, body);
    if (method === 'DELETE') return this.remove(table, query, prefer);
    throw new PostgrestRequestError(405, 'PGRST117', `Unsupported HTTP method: ${method}`);
  }

  private authorize(method: string, authorization: string | undefined, table: TableShape): void {
    if (authorization !== undefined) {
      if (authorization !== `Bearer ${this.jwt}` || this.jwt === undefined) {
        throw new PostgrestRequestError(401, 'PGRST301', 'JWSError JWSInvalidSignature');
      }
      return;
    }
    // The anonymous role may read; writing needs the JWT's role.
    if (method !== 'GET' && method !== 'HEAD') throw new DatabaseRefusal('42501', `permission denied for table ${table.name}`);
  }

  private async read(table: TableShape, query: PostgrestQuery, prefer: Preferences): Promise<Answer> {
    const where = query.where();
    const columns = query.columns().map(quoteIdentifier).join(', ');
    const offset = query.offset();
    const limit = Math.min(query.limit() ?? Infinity, this.maxRows ?? Infinity);
    const [page] = await this.sql<{ body: string; rows: number }>(
      `SELECT coalesce(json_agg(page), '[]'::json)::text AS body, count(*)::int AS rows
       FROM (SELECT ${columns} FROM ${quoteIdentifier(table.name)} WHERE ${where} ${query.orderBy()}
             ${Number.isFinite(limit) ? `LIMIT ${limit}` : ''} OFFSET ${offset}) page`,
      query.params,
    );
    let total: number | null = null;
    if (prefer.count === 'exact') {
      [{ total }] = await this.sql<{ total: number }>(`SELECT count(*)::int AS total FROM ${quoteIdentifier(table.name)} WHERE ${where}`, query.params);
    }
    const last = offset + page.rows - 1;
    if (total !== null && offset > total) {
      throw new PostgrestRequestError(416, 'PGRST103', 'Requested range not satisfiable', `An offset of ${offset} was requested, but there are only ${total} rows.`);
    }
    const status = total !== null && page.rows < total ? 206 : 200;
    return { status, headers: { 'Content-Range': contentRange(offset, last, total), 'Content-Type': 'application/json; charset=utf-8' }, body: page.body };
  }

  private async insert(table: TableShape, query: PostgrestQuery, prefer: Preferences, body: string): Promise<Answer> {
    const rows = payloadRows(body);
    const keys = Object.keys(rows[0] ?? {});
    for (const key of keys) {
      if (!table.columns.includes(key)) throw new PostgrestRequestError(400, 'PGRST204', `Could not find the '${key}' column of '${table.name}' in the schema cache`);
    }
    const qualified = quoteIdentifier(table.name);
    const columns = keys.map(quoteIdentifier).join(', ');
    let sql = `INSERT INTO ${qualified} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${qualified}, $1::json) payload`;
    if (prefer.resolution === 'merge-duplicates') {
      sql += ` ON CONFLICT (${table.primaryKey.map(quoteIdentifier).join(', ')}) DO UPDATE SET ${keys
        .map((key) => `${quoteIdentifier(key)} = EXCLUDED.${quoteIdentifier(key)}`)
        .join(', ')}`;
    } else if (prefer.resolution === 'ignore-duplicates') {
      sql += ` ON CONFLICT (${table.primaryKey.map(quoteIdentifier).join(', ')}) DO NOTHING`;
    }
    const written = rows.length === 0 ? [] : await this.sql(`WITH written AS (${sql} RETURNING ${query.columns().map(quoteIdentifier).join(', ')}) SELECT row_to_json(written)::text AS row FROM written`, [body.trim().startsWith('[') ? body : `[${body}]`]);
    return this.mutationAnswer(201, written as { row: string }[], prefer);
  }

  private async remove(table: TableShape, query: PostgrestQuery, prefer: Preferences): Promise<Answer> {
    const where = query.where();
    const returning = query.columns().map(quoteIdentifier).join(', ');
    const removed = await this.sql<{ row: string }>(
      `WITH removed AS (DELETE FROM ${quoteIdentifier(table.name)} WHERE ${where} RETURNING ${returning}) SELECT row_to_json(removed)::text AS row FROM removed`,
      query.params,
    );
    return this.mutationAnswer(prefer.return === 'representation' ? 200 : 204, removed, prefer);
  }

  private mutationAnswer(status: number, rows: { row: string }[], prefer: Preferences): Answer {
    const headers: Record<string, string> = {};
    if (prefer.count === 'exact') headers['Content-Range'] = `*/${rows.length}`;
    if (prefer.return !== 'representation') return { status: status === 200 ? 204 : status, headers, body: '' };
    headers['Content-Type'] = 'application/json; charset=utf-8';
    return { status, headers, body: `[${rows.map(({ row }) => row).join(',')}]` };
  }

  private takeFault(method: string): Fault | undefined {
    const index = this.faults.findIndex((fault) => fault.method === undefined || fault.method === method);
    return index < 0 ? undefined : this.faults.splice(index, 1)[0];
  }

  private errorOf(error: unknown, authenticated: boolean): Answer {
    if (error instanceof PostgrestRequestError) return errorAnswer(error.status, error.code, error.message, error.details, error.hint);
    const database = error as Partial<DatabaseError>;
    if (typeof database.code === 'string') {
      return errorAnswer(statusOfSqlState(database.code, database.message ?? '', authenticated), database.code, database.message ?? '', database.detail ?? null, database.hint ?? null);
    }
    return errorAnswer(500, 'PGRST000', String(error));
  }
}

/** A refusal the database itself would give (the status then depends on the role). */
class DatabaseRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** PostgREST's SQLSTATE → HTTP status table (Error.hs), the lines that matter here. */
function statusOfSqlState(code: string, message: string, authenticated: boolean): number {
  if (code === '42501') return authenticated ? 403 : 401;
  if (code === '23503' || code === '23505') return 409;
  if (code === '21000') return message.endsWith('requires a WHERE clause') ? 400 : 500;
  if (code === '42P01') return 404;
  if (code.startsWith('08') || code.startsWith('53')) return 503;
  if (code.startsWith('09') || code.startsWith('25') || code.startsWith('XX')) return 500;
  if (code.startsWith('28')) return 403;
  return 400;
}

function payloadRows(body: string): Record<string, unknown>[] {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    throw new PostgrestRequestError(400, 'PGRST102', 'Empty or invalid json');
  }
  const rows = Array.isArray(payload) ? payload : [payload];
  if (!rows.every((row) => typeof row === 'object' && row !== null && !Array.isArray(row))) {
    throw new PostgrestRequestError(400, 'PGRST102', 'Empty or invalid json');
  }
  const keys = (row: object) => Object.keys(row).sort().join(',');
  if (rows.some((row) => keys(row) !== keys(rows[0]))) throw new PostgrestRequestError(400, 'PGRST102', 'All object keys must match');
  return rows as Record<string, unknown>[];
}

/** `Prefer: return=minimal, resolution=merge-duplicates, count=exact` (several headers allowed). */
function preferences(header: string | string[] | undefined): Preferences {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const prefer: Preferences = {};
  for (const part of text.split(',')) {
    const [key, value] = part.split('=').map((item) => item.trim());
    if (key === 'return' || key === 'resolution' || key === 'count') prefer[key] = value;
  }
  return prefer;
}

/** PostgREST's contentRangeH: `first-last/total`, `*` for an unknown total or an empty range. */
export function contentRange(first: number, last: number, total: number | null): string {
  const range = total !== 0 && first <= last ? `${first}-${last}` : '*';
  return `${range}/${total ?? '*'}`;
}

function errorAnswer(status: number, code: string, message: string, details: string | null = null, hint: string | null = null): Answer {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify({ code, message, details, hint }) };
}

function send(response: http.ServerResponse, answer: Answer): void {
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
