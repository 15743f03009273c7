// The one HTTP client every driver shares (Knack, PostgREST, Socrata, devices): a timeout on every
// request, retry with backoff on connection errors, 429 and 5xx (honouring Retry-After), an
// optional rate limit, and errors that name the request without leaking secrets.
import { LakeError, describeError } from '../errors';
import type { Logger } from '../log/logger';
import { RateLimiter } from './rate-limiter';

export interface HttpClientOptions {
  /** Base URL the request paths are joined to. */
  baseUrl: string;
  /** Headers sent with every request (credentials go here; their values are redacted). */
  headers?: Record<string, string>;
  /** Per request, in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Attempts in all, including the first (default 4). */
  attempts?: number;
  /** First backoff delay in milliseconds, doubled each retry (default 500). */
  backoffMs?: number;
  /** At most `requests` per `perMs` milliseconds. */
  rateLimit?: { requests: number; perMs: number };
  /** What the service is, for messages ("Knack", "catalog"). */
  service: string;
  log?: Logger;
  /** Injectable for tests: how to wait, and the clock the rate limit counts with. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | (string | number)[] | undefined>;
  headers?: Record<string, string>;
  /** Serialized as JSON unless it is a string. */
  body?: unknown;
  /** Retry this request on failure (default: true for GET/PUT/DELETE, false for POST/PATCH). */
  retry?: boolean;
}

export interface HttpResponse<Body = unknown> {
  status: number;
  headers: Headers;
  body: Body;
}

/** A request that failed for good: what, where, why, and whether the service answered. */
export class HttpError extends LakeError {
  constructor(
    service: string,
    readonly method: string,
    readonly url: string,
    readonly status: number | null,
    reason: string,
    readonly responseBody?: string,
  ) {
    super(
      status === null ? 'SERVICE_UNREACHABLE' : `HTTP_${status}`,
      `${service}: ${method} ${url} ${status === null ? 'failed' : `answered ${status}`}: ${reason}`,
      status === null ? `check that ${service} is reachable and its URL in lake.config.json` : undefined,
    );
  }
}

const RETRIABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

export class HttpClient {
  private readonly limiter: RateLimiter | null;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: HttpClientOptions) {
    this.limiter = options.rateLimit ? new RateLimiter(options.rateLimit.requests, options.rateLimit.perMs, options.sleep, options.now) : null;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Sends a request and parses a JSON answer (text when it is not JSON). */
  async request<Body = unknown>(request: HttpRequest): Promise<HttpResponse<Body>> {
    const method = request.method ?? 'GET';
    const url = this.url(request);
    const retry = request.retry ?? (method !== 'POST' && method !== 'PATCH');
    const attempts = retry ? (this.options.attempts ?? 4) : 1;
    let backoff = this.options.backoffMs ?? 500;
    for (let attempt = 1; ; attempt++) {
      await this.limiter?.take();
      let failure: HttpError;
      // Retry-After stretches this one wait only; the backoff keeps doubling on its own.
      let delay = backoff;
      try {
        const response = await fetch(url, {
          method,
          headers: { ...this.options.headers, ...request.headers, ...(request.body !== undefined && typeof request.body !== 'string' ? { 'Content-Type': 'application/json' } : {}) },
          body: request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
        });
        const text = await response.text();
        if (response.ok) return { status: response.status, headers: response.headers, body: parseBody(text) as Body };
        failure = new HttpError(this.options.service, method, this.redact(url), response.status, this.redact(text.slice(0, 500)) || response.statusText, this.redact(text));
        if (!RETRIABLE_STATUS.has(response.status) || attempt >= attempts) throw failure;
        delay = Math.max(delay, retryAfterMs(response.headers.get('retry-after')) ?? 0);
      } catch (error) {
        if (error instanceof HttpError) throw error;
        failure = new HttpError(this.options.service, method, this.redact(url), null, this.redact(describeCause(error)));
        if (attempt >= attempts) throw failure;
      }
      this.options.log?.warn(`${failure.message}; retrying in ${delay} ms (attempt ${attempt + 1} of ${attempts})`);
      await this.sleep(delay);
      backoff *= 2;
    }
  }

  private url(request: HttpRequest): string {
    const url = new URL(request.path.replace(/^\//, ''), this.options.baseUrl.endsWith('/') ? this.options.baseUrl : `${this.options.baseUrl}/`);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    return url.toString();
  }

  /** Removes credential values (headers, URL user info) from text shown to people. */
  private redact(text: string): string {
    let redacted = text.replace(/\/\/[^/@\s]+@/g, '//***@');
    for (const value of Object.values(this.options.headers ?? {})) {
      if (value.length >= 4) redacted = redacted.split(value).join('***');
    }
    return redacted;
  }
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause;
  // By name, not instanceof: the abort is a DOMException, which may come from another realm.
  if ((error as { name?: unknown })?.name === 'TimeoutError') return 'timed out';
  return cause?.code ? `${cause.code} (${describeError(error)})` : describeError(error);
}
