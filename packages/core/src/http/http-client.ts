// The one HTTP client every driver shares (Knack, PostgREST, Socrata, devices): a timeout on every
// request, retry with backoff on connection errors, 429 and 5xx (honouring Retry-After), an
// optional rate limit, and errors that name the request without leaking secrets.
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConfigError, LakeError, describeError } from '../errors';
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

export interface DownloadOptions {
  /** Largest body accepted; a bigger one is aborted (default: no limit). */
  maxBytes?: number;
  /** For the whole transfer, body included (default: the client's timeout). */
  timeoutMs?: number;
}

export interface DownloadResult {
  status: number;
  /** Bytes written to the destination file. */
  bytes: number;
  headers: Headers;
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

/** A body larger than the caller accepts: never retried, the answer would be as large again. */
export class DownloadTooLarge extends LakeError {
  constructor(service: string, url: string, maxBytes: number) {
    super('DOWNLOAD_TOO_LARGE', `${service}: GET ${url} sent more than ${maxBytes} bytes; the download was aborted`, 'raise the size limit if such answers are expected');
  }
}

/** The destination file of a download could not be written (disk full, no permission). */
export class DownloadNotWritable extends LakeError {
  constructor(destination: string, cause: unknown) {
    super('DOWNLOAD_NOT_WRITABLE', `cannot write ${destination}: ${describeError(cause)}`, 'check the free space and permissions of the temp folder', 1, { cause });
  }
}

/** One try of a request: its value, or why it failed and whether another try may help. */
type Attempt<T> = { value: T } | { failure: HttpError; retriable: boolean; retryAfterMs?: number | null };

const RETRIABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
/** How much of an error answer is kept for the message. */
const EXCERPT_BYTES = 500;

export class HttpClient {
  private readonly limiter: RateLimiter | null;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Every text a credential header of this client could show up as in an answer (see redact). */
  private readonly credentialTexts: string[];

  constructor(private readonly options: HttpClientOptions) {
    refuseUserInfo(options.baseUrl);
    this.limiter = options.rateLimit ? new RateLimiter(options.rateLimit.requests, options.rateLimit.perMs, options.sleep, options.now) : null;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.credentialTexts = credentialTexts(options.headers ?? {});
  }

  /** Sends a request and parses a JSON answer (text when it is not JSON). */
  async request<Body = unknown>(request: HttpRequest): Promise<HttpResponse<Body>> {
    const method = request.method ?? 'GET';
    const url = this.url(request);
    return this.withRetries(method, url, request, async () => {
      const response = await fetch(url, { ...this.init(method, request), signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) });
      const text = await response.text();
      if (response.ok) return { value: { status: response.status, headers: response.headers, body: parseBody(text) as Body } };
      return this.answeredFailure(method, url, response, text);
    });
  }

  /**
   * Streams the answer's body into `destinationPath` (never held in memory), with the retry rules
   * of `request`. On any failure the partial file is removed and nothing is left behind.
   */
  async download(request: HttpRequest, destinationPath: string, options: DownloadOptions = {}): Promise<DownloadResult> {
    const method = request.method ?? 'GET';
    const url = this.url(request);
    const { maxBytes } = options;
    return this.withRetries(method, url, request, async () => {
      const response = await fetch(url, { ...this.init(method, request), signal: AbortSignal.timeout(options.timeoutMs ?? this.options.timeoutMs ?? 30_000) });
      if (!response.ok) return this.answeredFailure(method, url, response, await readExcerpt(response));
      const announced = Number(response.headers.get('content-length'));
      if (maxBytes !== undefined && Number.isFinite(announced) && announced > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw new DownloadTooLarge(this.options.service, this.redact(url), maxBytes);
      }
      try {
        const bytes = await this.saveBody(response, url, destinationPath, maxBytes);
        return { value: { status: response.status, bytes, headers: response.headers } };
      } catch (error) {
        await rm(destinationPath, { force: true });
        throw error;
      }
    });
  }

  /** Tries a request until it succeeds, fails for good, or runs out of attempts. */
  private async withRetries<T>(method: string, url: string, request: HttpRequest, tryOnce: () => Promise<Attempt<T>>): Promise<T> {
    const retry = request.retry ?? (method !== 'POST' && method !== 'PATCH');
    const attempts = retry ? (this.options.attempts ?? 4) : 1;
    let backoff = this.options.backoffMs ?? 500;
    for (let attempt = 1; ; attempt++) {
      await this.limiter?.take();
      let outcome: Attempt<T>;
      try {
        outcome = await tryOnce();
      } catch (error) {
        // A LakeError is a verdict (too large, not writable); anything else is the connection.
        if (error instanceof LakeError) throw error;
        outcome = { failure: new HttpError(this.options.service, method, this.redact(url), null, this.redact(describeCause(error))), retriable: true };
      }
      if ('value' in outcome) return outcome.value;
      const { failure } = outcome;
      if (!outcome.retriable || attempt >= attempts) throw failure;
      // Retry-After stretches this one wait only; the backoff keeps doubling on its own.
      const delay = Math.max(backoff, outcome.retryAfterMs ?? 0);
      this.options.log?.warn(`${failure.message}; retrying in ${delay} ms (attempt ${attempt + 1} of ${attempts})`);
      await this.sleep(delay);
      backoff *= 2;
    }
  }

  private init(method: string, request: HttpRequest): RequestInit {
    return {
      method,
      headers: { ...this.options.headers, ...request.headers, ...(request.body !== undefined && typeof request.body !== 'string' ? { 'Content-Type': 'application/json' } : {}) },
      body: request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body),
    };
  }

  private answeredFailure<T>(method: string, url: string, response: Response, text: string): Attempt<T> {
    const failure = new HttpError(this.options.service, method, this.redact(url), response.status, this.redact(text.slice(0, EXCERPT_BYTES)) || response.statusText, this.redact(text));
    return { failure, retriable: RETRIABLE_STATUS.has(response.status), retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
  }

  /** Writes the body to the file, counting bytes; returns how many were written. */
  private async saveBody(response: Response, url: string, destinationPath: string, maxBytes: number | undefined): Promise<number> {
    let bytes = 0;
    const service = this.options.service;
    const shownUrl = this.redact(url);
    const counter = new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
        bytes += chunk.length;
        if (maxBytes !== undefined && bytes > maxBytes) callback(new DownloadTooLarge(service, shownUrl, maxBytes));
        else callback(null, chunk);
      },
    });
    const file = createWriteStream(destinationPath);
    let writeError: unknown = null;
    file.on('error', (error) => (writeError ??= error));
    const body = response.body ? Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>) : Readable.from([]);
    try {
      await pipeline(body, counter, file);
    } catch (error) {
      if (writeError !== null) throw new DownloadNotWritable(destinationPath, writeError);
      throw error;
    }
    return bytes;
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
    for (const value of this.credentialTexts) redacted = redacted.split(value).join('***');
    return redacted;
  }
}

/**
 * What a service's error answer may repeat of the headers it was sent: each value whole, the
 * credential after its scheme (`Bearer <token>`, `Basic <base64>`), the password inside a Basic
 * credential, each also JSON-escaped (an answer echoing the headers as JSON) and URL-encoded.
 * Longest first, so a whole value goes before its parts.
 */
function credentialTexts(headers: Record<string, string>): string[] {
  const texts = new Set<string>();
  for (const value of Object.values(headers)) {
    const parts = [value];
    const scheme = /^([A-Za-z]+) +(\S+)$/.exec(value);
    if (scheme) {
      parts.push(scheme[2]);
      if (scheme[1].toLowerCase() === 'basic') {
        const decoded = Buffer.from(scheme[2], 'base64').toString('utf8');
        if (decoded.includes(':')) parts.push(decoded.slice(decoded.indexOf(':') + 1));
      }
    }
    for (const part of parts) {
      // Short values (a one-letter flag, `json`) would blank out ordinary words.
      if (part.length < 4) continue;
      texts.add(part).add(JSON.stringify(part).slice(1, -1)).add(encodeURIComponent(part));
    }
  }
  return [...texts].sort((a, b) => b.length - a.length);
}

function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The first bytes of an error answer, without reading the rest of a possibly huge body. */
async function readExcerpt(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
    }
  } catch {
    // A broken error answer still has its status; the excerpt is only a courtesy.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8');
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

/**
 * fetch refuses every URL with `user:password@`, so such a service URL could never work: say so
 * when the driver is made, without showing the credentials.
 */
function refuseUserInfo(baseUrl: string): void {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return; // The request itself reports an unreadable URL.
  }
  if (url.username === '' && url.password === '') return;
  throw new ConfigError(
    `the service URL ${url.protocol}//***@${url.host}${url.pathname} carries a user name or password`,
    "give credentials in the driver's own settings (token, username, password) from ${env:NAME}, not in the URL",
  );
}
