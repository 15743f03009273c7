// An in-test SODA server: a real node:http server on 127.0.0.1 that holds datasets in memory,
// each with a row identifier column, and answers the way the SODA producer API does
// (publishing.md §3): POST /resource/<4x4>.json upserts (create or update by row id,
// `":deleted": true` deletes) and answers the counter object; GET queries with $select, $where,
// $order, $limit and $offset. Writes need HTTP Basic auth (401 otherwise); the X-App-Token of
// every request is recorded. Faults can be queued (429 with Retry-After, 500, an answer with
// row errors, a top-level error) so tests can check retries and failures against the data.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { compileOrder, compileWhere, UnsupportedSoql, type SodaRow } from './soql-filter';

export type { SodaRow } from './soql-filter';

export interface SodaDoubleOptions {
  /** The one user that may write (default publisher / 'double-password-123'). */
  username?: string;
  password?: string;
}

/** What the next request gets instead of (or on top of) normal handling. */
export type SodaFault =
  | { status: 429; retryAfterSeconds?: number }
  | { status: 500 | 502 | 503 }
  /** The upsert is processed, but its first `rows` rows fail (not applied) and are counted in `Errors`. */
  | { rowErrors: number }
  /** Nothing is applied; the answer is 200 `{ "error": true, "message": … }`. */
  | { error: string }
  /** Nothing is applied; the answer is 200 with this body (e.g. counters a real portal could send). */
  | { answer: unknown };

export interface SodaRequest {
  method: string;
  dataset: string | null;
  query: Record<string, string>;
  /** Rows in an upsert payload. */
  rows: number | null;
  /** The `:deleted` rows among them. */
  deletes: number | null;
  appToken: string | null;
  user: string | null;
  status: number;
}

interface Dataset {
  rowId: string;
  rows: Map<string, SodaRow>;
}

export class SodaDouble {
  readonly requests: SodaRequest[] = [];
  readonly username: string;
  readonly password: string;
  private readonly datasets = new Map<string, Dataset>();
  private readonly faults: SodaFault[] = [];
  private address = '';

  private constructor(
    private readonly server: http.Server,
    options: SodaDoubleOptions,
  ) {
    this.username = options.username ?? 'publisher';
    this.password = options.password ?? 'double-password-123';
  }

  static async start(options: SodaDoubleOptions = {}): Promise<SodaDouble> {
    let double: SodaDouble | null = null;
    const server = http.createServer((request, response) => {
      (double as SodaDouble).handle(request, response).catch((error: unknown) => {
        response.writeHead(500, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ error: true, message: `double failed: ${String(error)}` }));
      });
    });
    double = new SodaDouble(server, options);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    double.address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return double;
  }

  /** `http://127.0.0.1:<port>` (still known after close, to test an unreachable portal). */
  get url(): string {
    return this.address;
  }

  /** Creates (or empties) a dataset whose row identifier is `rowId`. */
  addDataset(id: string, rowId: string, rows: SodaRow[] = []): void {
    const dataset: Dataset = { rowId, rows: new Map() };
    for (const row of rows) dataset.rows.set(String(row[rowId]), structuredClone(row));
    this.datasets.set(id, dataset);
  }

  /** The rows of a dataset, in the order they were created. */
  rows(id: string): SodaRow[] {
    const dataset = this.datasets.get(id);
    if (!dataset) throw new Error(`the double has no dataset ${id}`);
    return [...dataset.rows.values()].map((row) => structuredClone(row));
  }

  /** The rows by row id, sorted by id (for comparing whole datasets). */
  rowsById(id: string): SodaRow[] {
    const rowId = this.datasets.get(id)?.rowId as string;
    return this.rows(id).sort((a, b) => String(a[rowId]).localeCompare(String(b[rowId])));
  }

  /** Queue faults for the next requests, one each, in order. */
  failNext(fault: SodaFault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push(fault);
  }

  /** The upserts received (whatever their status). */
  get upserts(): SodaRequest[] {
    return this.requests.filter((request) => request.method === 'POST');
  }

  async close(): Promise<void> {
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const body = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const match = /^\/resource\/([a-z0-9]{4}-[a-z0-9]{4})\.json$/.exec(url.pathname);
    const record: SodaRequest = {
      method: request.method ?? 'GET',
      dataset: match?.[1] ?? null,
      query: Object.fromEntries(url.searchParams),
      rows: null,
      deletes: null,
      appToken: headerText(request.headers['x-app-token']),
      user: null,
      status: 0,
    };
    this.requests.push(record);
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      response.end(JSON.stringify(payload));
    };

    const credentials = basicCredentials(request.headers.authorization);
    record.user = credentials?.username ?? null;
    const authorized = credentials?.username === this.username && credentials.password === this.password;
    // Reads of a public dataset need no login, but wrong credentials are refused either way.
    if ((record.method !== 'GET' || credentials) && !authorized) {
      return answer(401, { code: 'authentication_required', error: true, message: 'You must be logged in to write to this dataset.' });
    }

    const fault = this.faults.shift();
    if (fault && 'status' in fault) {
      const headers: Record<string, string> = fault.status === 429 && fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
      return answer(fault.status, { error: true, message: fault.status === 429 ? 'Too many requests' : 'Internal error' }, headers);
    }

    const dataset = match ? this.datasets.get(match[1]) : undefined;
    if (!match || !dataset) return answer(404, { code: 'not_found', error: true, message: `no dataset at ${url.pathname}` });

    if (record.method === 'GET') return this.query(dataset, url.searchParams, answer);
    if (record.method !== 'POST') return answer(405, { error: true, message: `${record.method} is not supported by the double` });

    let payload: unknown;
    try {
      // Strict JSON: a bare NaN from a client fails here, as it does on Socrata.
      payload = JSON.parse(body);
    } catch {
      return answer(400, { code: 'invalid_json', error: true, message: 'The request body is not valid JSON' });
    }
    if (!Array.isArray(payload)) return answer(400, { error: true, message: 'An upsert body is a JSON array of rows' });
    record.rows = payload.length;
    record.deletes = payload.filter((row) => isRow(row) && row[':deleted'] === true).length;
    if (fault && 'error' in fault) return answer(200, { error: true, message: fault.error });
    if (fault && 'answer' in fault) return answer(200, fault.answer);
    answer(200, applyUpsert(dataset, payload, fault && 'rowErrors' in fault ? fault.rowErrors : 0));
  }

  private query(dataset: Dataset, params: URLSearchParams, answer: (status: number, payload: unknown) => void): void {
    let rows: SodaRow[];
    try {
      const where = compileWhere(params.get('$where'));
      const order = compileOrder(params.get('$order'));
      rows = [...dataset.rows.values()].filter(where).sort(order);
    } catch (error) {
      if (error instanceof UnsupportedSoql) return answer(400, { code: 'query.compiler.malformed', error: true, message: error.message });
      throw error;
    }
    const offset = Number(params.get('$offset') ?? 0);
    const limit = Number(params.get('$limit') ?? 1000);
    const select = params.get('$select');
    const columns = select && select.trim() !== '*' ? select.split(',').map((column) => column.trim()) : null;
    const page = rows.slice(offset, offset + limit).map((row) => (columns ? Object.fromEntries(columns.map((column) => [column, row[column]])) : row));
    answer(200, page);
  }
}

function applyUpsert(dataset: Dataset, payload: unknown[], failing: number): Record<string, number> {
  const counts = { created: 0, updated: 0, deleted: 0, errors: 0 };
  payload.forEach((row, index) => {
    const id = isRow(row) ? row[dataset.rowId] : undefined;
    if (index < failing || !isRow(row) || id === undefined || id === null) {
      counts.errors += 1;
      return;
    }
    const key = String(id);
    if (row[':deleted'] === true) {
      // An id the dataset lacks deletes nothing and is not counted.
      if (dataset.rows.delete(key)) counts.deleted += 1;
      return;
    }
    const existing = dataset.rows.get(key);
    if (existing) {
      dataset.rows.set(key, { ...existing, ...structuredClone(row) });
      counts.updated += 1;
    } else {
      dataset.rows.set(key, structuredClone(row));
      counts.created += 1;
    }
  });
  return {
    'By RowIdentifier': counts.created + counts.updated + counts.deleted,
    'Rows Updated': counts.updated,
    'Rows Deleted': counts.deleted,
    'Rows Created': counts.created,
    Errors: counts.errors,
    'By SID': 0,
  };
}

function isRow(value: unknown): value is SodaRow {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function basicCredentials(header: string | undefined): { username: string; password: string } | null {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function headerText(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
