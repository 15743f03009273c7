// The SODA producer API over core's HttpClient: upserts (create, update and `:deleted` rows in one
// payload) and SoQL queries of one portal, with HTTP Basic auth and the app token the original
// configured but never sent (publishing.md defect 1). Upserts by row identifier are idempotent,
// so they are retried like reads (429, 5xx, connection errors; Retry-After honoured) — defect 3.
import { HttpClient, HttpError, silentLogger, stringifyLakeJson, type Logger, type PublishRow } from '@lake/core';
import { assertDatasetId } from './dataset-id';
import { SocrataAuthFailed, SocrataUnexpectedAnswer, type SodaCounts } from './socrata-errors';
import { readSodaCounts } from './soda-counts';

export interface SodaClientOptions {
  /** `https://data.austintexas.gov` (see socrataSettings for host → URL). */
  baseUrl: string;
  username: string;
  password: string;
  appToken?: string | null;
  /** Per request (default 120 000 ms). */
  timeoutMs?: number;
  /** Attempts per request, including the first (default 4). */
  attempts?: number;
  /** First retry delay, doubled each retry (default 1 000 ms). */
  backoffMs?: number;
  log?: Logger;
  /** Injectable for tests: how to wait between attempts. */
  sleep?: (ms: number) => Promise<void>;
}

/** SoQL clauses of a query (`$select`, `$where`, …). */
export interface SodaQuery {
  select?: string;
  where?: string;
  order?: string;
  limit?: number;
  offset?: number;
}

export class SodaClient {
  private readonly http: HttpClient;
  private readonly secrets: string[];

  constructor(private readonly options: SodaClientOptions) {
    const basic = Buffer.from(`${options.username}:${options.password}`).toString('base64');
    this.http = new HttpClient({
      service: 'Socrata',
      baseUrl: options.baseUrl,
      headers: {
        Authorization: `Basic ${basic}`,
        Accept: 'application/json',
        ...(options.appToken ? { 'X-App-Token': options.appToken } : {}),
      },
      timeoutMs: options.timeoutMs ?? 120_000,
      attempts: options.attempts ?? 4,
      backoffMs: options.backoffMs ?? 1000,
      log: options.log ?? silentLogger,
      sleep: options.sleep,
    });
    // The client already hides its header values; the bare password and token are hidden here too.
    this.secrets = [options.password, basic, options.appToken ?? ''].filter((secret) => secret.length >= 4);
  }

  /** POSTs one upsert payload; returns the counters, throws SocrataRowErrors when rows failed. */
  async upsert(dataset: string, payload: readonly PublishRow[]): Promise<SodaCounts> {
    assertDatasetId(dataset);
    const answer = await this.send(dataset, () =>
      this.http.request({
        method: 'POST',
        path: resourcePath(dataset),
        // Serialized here so NaN and ±Infinity become null (defect 4), never a bare token.
        body: stringifyLakeJson(payload),
        headers: { 'Content-Type': 'application/json' },
        retry: true,
      }),
    );
    return readSodaCounts(dataset, answer.body, (text) => this.redact(text));
  }

  /** Rows of a SoQL query (one page: give `limit` and `offset` to page). */
  async query<Row = Record<string, unknown>>(dataset: string, query: SodaQuery = {}): Promise<Row[]> {
    assertDatasetId(dataset);
    const answer = await this.send(dataset, () =>
      this.http.request({
        path: resourcePath(dataset),
        query: { $select: query.select, $where: query.where, $order: query.order, $limit: query.limit, $offset: query.offset },
      }),
    );
    if (!Array.isArray(answer.body)) {
      throw new SocrataUnexpectedAnswer(`the query of ${dataset}`, `${answer.body === null ? 'an empty body' : typeof answer.body} instead of a list of rows`);
    }
    return answer.body as Row[];
  }

  /** Runs a request; auth failures become SocrataAuthFailed, every message loses the secrets. */
  private async send<T>(dataset: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof HttpError && (error.status === 401 || error.status === 403)) {
        throw new SocrataAuthFailed(dataset, error.status, this.options.username);
      }
      if (error instanceof Error) error.message = this.redact(error.message);
      if (error instanceof HttpError && error.responseBody) {
        (error as { responseBody?: string }).responseBody = this.redact(error.responseBody);
      }
      throw error;
    }
  }

  private redact(text: string): string {
    let redacted = text;
    for (const secret of this.secrets) redacted = redacted.split(secret).join('***');
    return redacted;
  }
}

function resourcePath(dataset: string): string {
  return `resource/${dataset}.json`;
}
