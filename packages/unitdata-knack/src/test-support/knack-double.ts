// A stand-in for the Knack REST API on 127.0.0.1: application metadata, object records with
// paging and `is` filters, credential checks (401), and scripted 429/5xx answers.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface KnackFieldDef {
  key: string;
  name: string;
}

export interface KnackObjectDef {
  key: string;
  name: string;
  fields: KnackFieldDef[];
  /** As Knack sends them: `id`, `field_N`, `field_N_raw`. */
  records: Record<string, unknown>[];
}

export interface KnackDoubleOptions {
  appId: string;
  apiKey: string;
  objects: KnackObjectDef[];
  /** Stamps each request (e.g. the fake clock a test hands the client). */
  clock?: () => number;
  /** Rewrites the text of a successful answer (hostile-input tests: bare NaN, deep nesting, …). */
  rewrite?: (path: string, text: string) => string;
}

export interface SeenKnackRequest {
  path: string;
  query: URLSearchParams;
  at: number;
  status: number;
}

export class KnackDouble {
  readonly requests: SeenKnackRequest[] = [];
  private readonly failures: { status: number; retryAfter?: string }[] = [];
  private readonly server = http.createServer((request, response) => this.answer(request, response));

  constructor(private readonly options: KnackDoubleOptions) {}

  /** Base URL of the fake API, `http://127.0.0.1:<port>/v1`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** The next `count` requests (with good credentials) are answered `status`. */
  failNext(count: number, status: number, retryAfter?: string): void {
    for (let i = 0; i < count; i++) this.failures.push({ status, retryAfter });
  }

  recordRequests(objectKey: string): SeenKnackRequest[] {
    return this.requests.filter((request) => request.path === `/v1/objects/${objectKey}/records`);
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(request: http.IncomingMessage, response: http.ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      this.requests.push({ path: url.pathname, query: url.searchParams, at: this.options.clock?.() ?? Date.now(), status });
      response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      const text = JSON.stringify(body);
      response.end(status === 200 && this.options.rewrite ? this.options.rewrite(url.pathname, text) : text);
    };
    if (request.headers['x-knack-application-id'] !== this.options.appId || request.headers['x-knack-rest-api-key'] !== this.options.apiKey) {
      return send(401, { errors: [{ message: 'Invalid API key' }] });
    }
    const failure = this.failures.shift();
    if (failure) return send(failure.status, { errors: [{ message: 'scripted failure' }] }, failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {});

    if (url.pathname === `/v1/applications/${this.options.appId}`) return send(200, this.metadata());
    const records = /^\/v1\/objects\/([^/]+)\/records$/.exec(url.pathname);
    const object = records && this.options.objects.find((candidate) => candidate.key === records[1]);
    if (!object) return send(404, { errors: [{ message: 'not found' }] });
    try {
      return send(200, page(object, url.searchParams));
    } catch (error) {
      return send(400, { errors: [{ message: (error as Error).message }] });
    }
  }

  private metadata(): unknown {
    return {
      application: {
        id: this.options.appId,
        name: 'Data Tracker (double)',
        objects: this.options.objects.map(({ key, name, fields }) => ({ key, name, fields: fields.map((field) => ({ ...field, type: 'short_text' })) })),
      },
    };
  }
}

function page(object: KnackObjectDef, query: URLSearchParams): unknown {
  const matching = object.records.filter(filterOf(query.get('filters')));
  const rowsPerPage = Number(query.get('rows_per_page') ?? 25);
  if (rowsPerPage > 1000) throw new Error('rows_per_page must be at most 1000');
  const pageNumber = Number(query.get('page') ?? 1);
  const totalPages = Math.ceil(matching.length / rowsPerPage);
  return {
    total_pages: totalPages,
    // Knack sends current_page as text at times.
    current_page: String(pageNumber),
    total_records: matching.length,
    records: matching.slice((pageNumber - 1) * rowsPerPage, pageNumber * rowsPerPage),
  };
}

function filterOf(text: string | null): (record: Record<string, unknown>) => boolean {
  if (!text) return () => true;
  const filter = JSON.parse(text) as { match?: string; rules: { field: string; operator: string; value: unknown }[] };
  const tests = filter.rules.map((rule) => {
    if (rule.operator !== 'is') throw new Error(`operator ${rule.operator} is not supported by the double`);
    return (record: Record<string, unknown>) => String(record[rule.field]) === String(rule.value);
  });
  return filter.match === 'or' ? (record) => tests.some((test) => test(record)) : (record) => tests.every((test) => test(record));
}
