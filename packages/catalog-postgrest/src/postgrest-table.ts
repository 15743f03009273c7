// One PostgREST table over core's HttpClient: paged reads, upserts and deletes, with PostgREST's
// errors turned into LakeErrors that name the table URL (never the token: the client redacts
// header values from everything it reports).
import { HttpClient, HttpError, type HttpResponse, type Logger } from '@lake/core';
import { parseContentRange } from './content-range';
import { PostgrestRequestFailed, PostgrestUnauthorized, PostgrestUnexpectedAnswer, PostgrestUnreachable, type PostgrestErrorBody } from './postgrest-errors';
import { redactUserInfo, type PostgrestConnection } from './postgrest-settings';

/** Query parameters in order; an array repeats the key (PostgREST ANDs repeated filters). */
export type PostgrestParams = Record<string, string | string[] | undefined>;

export type PostgrestRow = Record<string, unknown>;

export interface PostgrestTableOptions extends PostgrestConnection {
  /** The table's URL, e.g. `http://host/data_lake_cat_new`. */
  url: string;
  /** For messages: "catalog", "perfmet jobs". */
  service: string;
  /** The config block, for hints: "catalog", "perfmet". */
  block: string;
  log?: Logger;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

export interface SelectOptions {
  /** Stop after this many accepted rows (default: all). */
  limit?: number;
  /**
   * Rows the server filter let through that do not belong (the server filter was looser than
   * the query); they do not count towards the limit.
   */
  accept?: ((row: PostgrestRow) => boolean) | null;
}

export class PostgrestTable {
  /** The table URL as messages show it: a login written into it (`user:password@`) is hidden. */
  readonly url: string;
  private readonly http: HttpClient;
  private readonly table: string;

  constructor(private readonly options: PostgrestTableOptions) {
    this.url = redactUserInfo(options.url);
    const parsed = new URL(options.url);
    const segments = parsed.pathname.split('/');
    this.table = decodeURIComponent(segments.pop() ?? '');
    parsed.pathname = `${segments.join('/')}/`;
    this.http = new HttpClient({
      baseUrl: parsed.toString(),
      headers: options.token ? { Authorization: `Bearer ${options.token}` } : {},
      service: options.service,
      timeoutMs: options.timeoutMs,
      attempts: options.attempts,
      backoffMs: options.backoffMs,
      log: options.log,
      sleep: options.sleep,
    });
  }

  /**
   * Every row the filters match, page by page with limit/offset. A page shorter than asked for
   * ends the read only when the count says nothing is left: PostgREST silently caps a page at
   * its `max-rows`, so without a count a short page is followed by one more request (an empty
   * page, or the rest). Never capped silently (core.md C-2, perfmet defect 3).
   * A read that one page can satisfy (`limit 1` for latest/earliest) is not counted: a full page
   * ends it, an empty one too, and counting every matching row for one would be waste.
   */
  async *select(params: PostgrestParams, options: SelectOptions = {}): AsyncIterable<PostgrestRow> {
    const limit = options.limit ?? Infinity;
    const count = this.options.exactCount && limit > this.options.pageSize;
    let accepted = 0;
    let offset = 0;
    while (accepted < limit) {
      // With a client-side check, rejected rows do not count, so a full page is always asked for.
      const wanted = options.accept ? this.options.pageSize : Math.min(this.options.pageSize, limit - accepted);
      const page = await this.page(params, wanted, offset, count);
      if (page === null) return;
      for (const row of page.rows) {
        if (options.accept && !options.accept(row)) continue;
        yield row;
        if (++accepted >= limit) return;
      }
      offset += page.rows.length;
      if (page.rows.length === 0) return;
      if (page.total !== null && offset >= page.total) return;
    }
  }

  /**
   * Upsert on the primary key (`resolution=merge-duplicates`): columns a row leaves out keep
   * their stored values. PostgREST takes the column list from the first object and fills
   * missing keys with null, so rows are sent in groups with the same keys. Retried, because an
   * upsert can safely be sent twice.
   */
  async upsert(rows: PostgrestRow[]): Promise<void> {
    for (const group of groupByKeys(rows)) {
      await this.send({
        method: 'POST',
        headers: { Prefer: 'return=minimal, resolution=merge-duplicates' },
        // A lone row goes as an object, as the original sent single upserts.
        body: group.length === 1 ? group[0] : group,
        retry: true,
      });
    }
  }

  /** Deletes the matching rows and says how many (`count=exact`, else the returned rows). */
  async remove(params: PostgrestParams, countColumn: string): Promise<number> {
    const response = await this.send({
      method: 'DELETE',
      query: { ...params, select: countColumn },
      headers: { Prefer: 'return=representation, count=exact' },
    });
    const total = parseContentRange(response.headers.get('content-range'))?.total;
    if (total !== undefined && total !== null) return total;
    return Array.isArray(response.body) ? response.body.length : 0;
  }

  /** True when the table has the column (PostgREST refuses to select an unknown one with 400). */
  async hasColumn(column: string): Promise<boolean> {
    try {
      await this.send({ method: 'GET', query: { select: column, limit: '0' } });
      return true;
    } catch (error) {
      if (error instanceof PostgrestRequestFailed && error.status === 400) return false;
      throw error;
    }
  }

  private async page(params: PostgrestParams, limit: number, offset: number, count: boolean): Promise<{ rows: PostgrestRow[]; total: number | null } | null> {
    let response: HttpResponse;
    try {
      response = await this.send({
        method: 'GET',
        query: { ...params, limit: String(limit), offset: String(offset) },
        headers: count ? { Prefer: 'count=exact' } : {},
      });
    } catch (error) {
      // An offset past the end (rows were deleted while we paged): nothing more to read.
      if (error instanceof PostgrestRequestFailed && error.status === 416) return null;
      throw error;
    }
    if (!Array.isArray(response.body)) {
      throw new PostgrestUnexpectedAnswer(this.options.service, 'GET', this.url, `${typeof response.body} instead of a JSON array`);
    }
    const range = parseContentRange(response.headers.get('content-range'));
    return { rows: response.body as PostgrestRow[], total: range?.total ?? null };
  }

  private async send(request: {
    method: 'GET' | 'POST' | 'DELETE';
    query?: PostgrestParams;
    headers?: Record<string, string>;
    body?: unknown;
    retry?: boolean;
  }): Promise<HttpResponse> {
    try {
      return await this.http.request({ ...request, path: this.table });
    } catch (error) {
      throw this.explain(request.method, error);
    }
  }

  private explain(method: string, error: unknown): unknown {
    if (!(error instanceof HttpError)) return error;
    const { service, block } = this.options;
    if (error.status === null) {
      const prefix = `${service}: ${method} ${error.url} failed: `;
      const reason = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
      return new PostgrestUnreachable(service, method, this.url, reason, block);
    }
    const body = errorBody(error.responseBody);
    const fallback = error.responseBody?.slice(0, 300) || `HTTP ${error.status}`;
    if (error.status === 401 || error.status === 403) {
      return new PostgrestUnauthorized(service, method, this.url, error.status, body, fallback, this.options.token !== undefined, block);
    }
    return new PostgrestRequestFailed(service, method, this.url, error.status, body, fallback);
  }
}

/** Rows grouped by their key set, each group in the original order. */
export function groupByKeys(rows: PostgrestRow[]): PostgrestRow[][] {
  const groups = new Map<string, PostgrestRow[]>();
  for (const row of rows) {
    const keys = Object.keys(row).sort().join('\u0000');
    const group = groups.get(keys);
    if (group) group.push(row);
    else groups.set(keys, [row]);
  }
  return [...groups.values()];
}

function errorBody(text: string | undefined): PostgrestErrorBody | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as PostgrestErrorBody) : null;
  } catch {
    return null;
  }
}
