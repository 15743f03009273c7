import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError } from '../errors';
import { MemoryLogger } from '../log/logger';
import { DownloadNotWritable, DownloadTooLarge, HttpClient, HttpError, type HttpClientOptions } from './http-client';

interface SeenRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Handler = (request: SeenRequest, response: http.ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 whose answers each test scripts. */
class ScriptedServer {
  readonly seen: SeenRequest[] = [];
  handler: Handler = (_request, response) => sendJson(response, 200, {});
  private readonly server = http.createServer((incoming, response) => {
    let body = '';
    incoming.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    incoming.on('end', () => {
      const request = { method: incoming.method ?? 'GET', url: new URL(incoming.url ?? '/', this.baseUrl), headers: incoming.headers, body };
      this.seen.push(request);
      this.handler(request, response);
    });
  });

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function sendJson(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** Answers `failures` times with `status`, then 200 with `{ ok: true }`. */
function failingThenOk(failures: number, status: number, headers: Record<string, string> = {}): Handler {
  let remaining = failures;
  return (_request, response) => {
    if (remaining-- > 0) sendJson(response, status, { error: `status ${status}` }, headers);
    else sendJson(response, 200, { ok: true });
  };
}

describe('HttpClient', () => {
  const server = new ScriptedServer();
  let delays: number[];

  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => {
    server.seen.length = 0;
    delays = [];
  });

  function client(options: Partial<HttpClientOptions> = {}): HttpClient {
    return new HttpClient({
      baseUrl: server.baseUrl,
      service: 'test service',
      backoffMs: 100,
      sleep: async (ms) => {
        delays.push(ms);
      },
      ...options,
    });
  }

  it('GETs JSON and parses the answer', async () => {
    server.handler = (_request, response) => sendJson(response, 200, { records: [1, 2] });
    const answer = await client().request<{ records: number[] }>({ path: '/objects/object_1/records' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ records: [1, 2] });
    expect(server.seen[0].method).toBe('GET');
    expect(server.seen[0].url.pathname).toBe('/objects/object_1/records');
  });

  it('refuses a base URL with a user name or password when it is made, without showing them', () => {
    const made = () => new HttpClient({ baseUrl: 'https://lake:S3cr3t-pw@catalog.example.gov/api', log: new MemoryLogger() });
    expect(made).toThrow(ConfigError);
    expect(made).toThrow('the service URL https://***@catalog.example.gov/api carries a user name or password');
    try {
      made();
    } catch (error) {
      expect(`${(error as ConfigError).message} ${(error as ConfigError).hint}`).not.toContain('S3cr3t-pw');
    }
  });

  it('joins paths to a base URL that has a path of its own', async () => {
    await client({ baseUrl: `${server.baseUrl}/v1` }).request({ path: 'applications/app' });
    expect(server.seen[0].url.pathname).toBe('/v1/applications/app');
  });

  it('POSTs a JSON body with its content type', async () => {
    server.handler = (request, response) => sendJson(response, 200, { echoed: JSON.parse(request.body) });
    const answer = await client().request({ method: 'POST', path: '/records', body: { field_9: 'Bluetooth' } });
    expect(answer.body).toEqual({ echoed: { field_9: 'Bluetooth' } });
    expect(server.seen[0].headers['content-type']).toBe('application/json');
  });

  it('returns text when the answer is not JSON, and null when it is empty', async () => {
    server.handler = (_request, response) => response.end('plain words');
    expect((await client().request({ path: '/text' })).body).toBe('plain words');
    server.handler = (_request, response) => response.end();
    expect((await client().request({ path: '/empty' })).body).toBeNull();
  });

  it('sends repeated query keys once per value and skips undefined ones', async () => {
    await client().request({ path: '/q', query: { page: 2, tag: ['a', 'b c'], missing: undefined } });
    const params = server.seen[0].url.searchParams;
    expect(params.get('page')).toBe('2');
    expect(params.getAll('tag')).toEqual(['a', 'b c']);
    expect(params.has('missing')).toBe(false);
  });

  it('sends the client headers and the request headers', async () => {
    await client({ headers: { 'X-Knack-Application-Id': 'app-123' } }).request({ path: '/h', headers: { 'X-Extra': 'yes' } });
    expect(server.seen[0].headers['x-knack-application-id']).toBe('app-123');
    expect(server.seen[0].headers['x-extra']).toBe('yes');
  });

  it('retries a 503 with a doubling backoff, then succeeds', async () => {
    server.handler = failingThenOk(2, 503);
    const log = new MemoryLogger();
    const answer = await client({ log }).request({ path: '/flaky' });
    expect(answer.body).toEqual({ ok: true });
    expect(server.seen).toHaveLength(3);
    expect(delays).toEqual([100, 200]);
    expect(log.text()).toContain('answered 503');
    expect(log.text()).toContain('attempt 2 of 4');
  });

  it('waits as long as a 429 Retry-After asks, without inflating later backoffs', async () => {
    let answers = 0;
    server.handler = (_request, response) => {
      answers++;
      if (answers === 1) sendJson(response, 429, { error: 'slow down' }, { 'Retry-After': '3' });
      else if (answers === 2) sendJson(response, 502, { error: 'bad gateway' });
      else sendJson(response, 200, { ok: true });
    };
    await client().request({ path: '/limited' });
    expect(delays).toEqual([3000, 200]);
  });

  it('gives up after the last attempt with the final status', async () => {
    server.handler = failingThenOk(10, 500);
    const failure = await client({ attempts: 3 }).request({ path: '/down' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpError);
    expect(failure).toMatchObject({ code: 'HTTP_500', status: 500, method: 'GET' });
    expect(server.seen).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });

  it.each([400, 401, 404])('does not retry a %i', async (status) => {
    server.handler = failingThenOk(1, status);
    const failure = await client().request({ path: '/refused' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: `HTTP_${status}`, status });
    expect((failure as HttpError).message).toContain(`answered ${status}`);
    expect(server.seen).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('does not retry a POST unless asked to', async () => {
    server.handler = failingThenOk(1, 503);
    await expect(client().request({ method: 'POST', path: '/create', body: {} })).rejects.toMatchObject({ code: 'HTTP_503' });
    expect(server.seen).toHaveLength(1);

    server.handler = failingThenOk(1, 503);
    server.seen.length = 0;
    await expect(client().request({ method: 'POST', path: '/create', body: {}, retry: true })).resolves.toMatchObject({ status: 200 });
    expect(server.seen).toHaveLength(2);
  });

  it('reports an unreachable service as SERVICE_UNREACHABLE after all attempts', async () => {
    const closed = new ScriptedServer();
    await closed.start();
    const deadUrl = closed.baseUrl;
    await closed.stop();
    const failure = await client({ baseUrl: deadUrl, attempts: 3 }).request({ path: '/x' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpError);
    expect(failure).toMatchObject({ code: 'SERVICE_UNREACHABLE', status: null });
    expect((failure as HttpError).message).toContain('ECONNREFUSED');
    expect((failure as HttpError).hint).toContain('test service');
    expect(delays).toEqual([100, 200]);
  });

  it('times out a request that gets no answer', async () => {
    const pending: http.ServerResponse[] = [];
    server.handler = (_request, response) => pending.push(response);
    const failure = await client({ timeoutMs: 50, attempts: 1 }).request({ path: '/silent' }).catch((error: unknown) => error);
    pending.forEach((response) => response.destroy());
    expect(failure).toMatchObject({ code: 'SERVICE_UNREACHABLE' });
    expect((failure as HttpError).message).toContain('timed out');
  });

  it('keeps header secrets and URL passwords out of error messages and logs', async () => {
    const secret = 'sk-very-secret-key';
    server.handler = (request, response) => sendJson(response, 503, { error: `bad key ${request.headers['x-knack-rest-api-key']}` });
    const log = new MemoryLogger();
    const failure = (await client({ headers: { 'X-Knack-REST-API-Key': secret }, attempts: 2, log })
      .request({ path: '/secret', query: { token: secret } })
      .catch((error: unknown) => error)) as HttpError;
    expect(failure.code).toBe('HTTP_503');
    expect(failure.message).toContain('***');
    expect(failure.message).not.toContain(secret);
    expect(failure.responseBody).not.toContain(secret);
    expect(log.text()).not.toContain(secret);

    // A URL with user info is refused when the client is made (see below), never shown.
    const userInfoFailure = (() => {
      try {
        client({ baseUrl: server.baseUrl.replace('http://', 'http://user:hunter22@'), attempts: 1 });
      } catch (error) {
        return error as ConfigError;
      }
      throw new Error('a URL with a password was accepted');
    })();
    expect(userInfoFailure.message).not.toContain('hunter22');
  });

  it('keeps a credential out of messages and logs however the answer repeats it', async () => {
    const token = 'jwt-abc/+="\\';
    const password = 'pw-xyz/+="\\';
    const basic = Buffer.from(`publisher:${password}`).toString('base64');
    // An error page quoting the bare credentials and every header as JSON.
    server.handler = (request, response) =>
      sendJson(response, 503, { token, password, basic, encoded: encodeURIComponent(token), headers: request.headers });
    for (const headers of [{ Authorization: `Bearer ${token}` }, { Authorization: `Basic ${basic}` }]) {
      const log = new MemoryLogger();
      const failure = (await client({ headers, attempts: 2, log })
        .request({ path: '/echo' })
        .catch((error: unknown) => error)) as HttpError;
      expect(failure.code).toBe('HTTP_503');
      const shown = [failure.message, failure.responseBody ?? '', log.text()].join('\n');
      const secret = headers.Authorization.startsWith('Bearer') ? token : password;
      for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) expect(shown).not.toContain(form);
      if (headers.Authorization.startsWith('Basic')) expect(shown).not.toContain(basic);
    }
  });

  it('consults the rate limit before every attempt', async () => {
    let clock = 0;
    const limited = client({
      rateLimit: { requests: 2, perMs: 1000 },
      now: () => clock,
      sleep: async (ms) => {
        delays.push(ms);
        clock += ms;
      },
    });
    server.handler = (_request, response) => sendJson(response, 200, {});
    await limited.request({ path: '/1' });
    await limited.request({ path: '/2' });
    expect(delays).toEqual([]);
    await limited.request({ path: '/3' });
    expect(delays).toEqual([1000]);
    expect(server.seen).toHaveLength(3);
  });

  describe('download', () => {
    let folder: string;
    let destination: string;
    const payload = Buffer.alloc(200_000, 7);

    beforeEach(() => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'http-download-'));
      destination = path.join(folder, 'answer.bin');
    });
    afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

    /** Sends the first `sent` bytes of a body announced as `payload.length` long, then drops the connection. */
    function cutOff(sent: number): Handler {
      return (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': String(payload.length) });
        response.write(payload.subarray(0, sent), () => setTimeout(() => response.destroy(), 20));
      };
    }

    it('streams the body into the file and says how many bytes it wrote', async () => {
      server.handler = (_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/zip' });
        // Several chunks without a length: the client cannot know the size up front.
        for (let at = 0; at < payload.length; at += 50_000) response.write(payload.subarray(at, at + 50_000));
        response.end();
      };
      const result = await client().download({ path: '/counts/bydate/2020-03-04' }, destination);
      expect(result).toMatchObject({ status: 200, bytes: payload.length });
      expect(result.headers.get('content-type')).toBe('application/zip');
      expect(fs.readFileSync(destination).equals(payload)).toBe(true);
      expect(server.seen[0].url.pathname).toBe('/counts/bydate/2020-03-04');
    });

    it('retries a 503 with backoff, then stores the good answer', async () => {
      let answers = 0;
      server.handler = (_request, response) => {
        if (answers++ === 0) sendJson(response, 503, { error: 'busy' }, { 'Retry-After': '2' });
        else response.end(payload);
      };
      const result = await client().download({ path: '/file' }, destination);
      expect(result.bytes).toBe(payload.length);
      expect(delays).toEqual([2000]);
      expect(fs.readFileSync(destination).equals(payload)).toBe(true);
    });

    it('tries again after a response cut off midway, rewriting the file from the start', async () => {
      let answers = 0;
      const broken = cutOff(60_000);
      server.handler = (request, response) => (answers++ === 0 ? broken(request, response) : response.end(payload));
      const result = await client().download({ path: '/file' }, destination);
      expect(result.bytes).toBe(payload.length);
      expect(fs.readFileSync(destination).equals(payload)).toBe(true);
      expect(server.seen).toHaveLength(2);
    });

    it('removes the partial file when the response is cut off on the last attempt', async () => {
      server.handler = cutOff(60_000);
      const failure = await client({ attempts: 2 }).download({ path: '/file' }, destination).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(HttpError);
      expect(failure).toMatchObject({ code: 'SERVICE_UNREACHABLE', status: null });
      expect((failure as HttpError).message).toContain('GET');
      expect(fs.existsSync(destination)).toBe(false);
      expect(server.seen).toHaveLength(2);
    });

    it('aborts a body larger than the limit, without retrying, and leaves no file', async () => {
      server.handler = (_request, response) => {
        response.writeHead(200); // no length announced: the limit is found while streaming
        response.write(payload.subarray(0, 100_000));
        response.end(payload.subarray(100_000));
      };
      const failure = await client().download({ path: '/big' }, destination, { maxBytes: 150_000 }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DownloadTooLarge);
      expect((failure as DownloadTooLarge).message).toContain('more than 150000 bytes');
      expect(fs.existsSync(destination)).toBe(false);
      expect(server.seen).toHaveLength(1);
    });

    it('refuses an announced length over the limit before reading the body', async () => {
      server.handler = (_request, response) => response.end(payload);
      await expect(client().download({ path: '/big' }, destination, { maxBytes: 1000 })).rejects.toMatchObject({ code: 'DOWNLOAD_TOO_LARGE' });
      expect(fs.existsSync(destination)).toBe(false);
    });

    it('accepts a body exactly at the limit', async () => {
      server.handler = (_request, response) => response.end(payload);
      expect((await client().download({ path: '/exact' }, destination, { maxBytes: payload.length })).bytes).toBe(payload.length);
    });

    it('gives up on a body that never finishes within the timeout, and removes the file', async () => {
      const pending: http.ServerResponse[] = [];
      server.handler = (_request, response) => {
        pending.push(response);
        response.writeHead(200, { 'Content-Length': String(payload.length) });
        response.write(payload.subarray(0, 1000));
      };
      const failure = await client({ timeoutMs: 10_000, attempts: 1 })
        .download({ path: '/slow' }, destination, { timeoutMs: 100 })
        .catch((error: unknown) => error);
      pending.forEach((response) => response.destroy());
      expect(failure).toMatchObject({ code: 'SERVICE_UNREACHABLE' });
      expect((failure as HttpError).message).toContain('timed out');
      expect(fs.existsSync(destination)).toBe(false);
    });

    it('reports a 404 with a short excerpt of the answer, not retried, and writes no file', async () => {
      server.handler = (_request, response) => {
        response.writeHead(404, { 'Content-Type': 'text/html' });
        response.end(`<html><body>No counts for that day</body></html>${'x'.repeat(5000)}`);
      };
      const failure = (await client().download({ path: '/counts/bydate/1999-01-01' }, destination).catch((error: unknown) => error)) as HttpError;
      expect(failure).toBeInstanceOf(HttpError);
      expect(failure).toMatchObject({ code: 'HTTP_404', status: 404 });
      expect(failure.message).toContain('No counts for that day');
      expect(failure.message.length).toBeLessThan(700);
      expect(server.seen).toHaveLength(1);
      expect(fs.existsSync(destination)).toBe(false);
    });

    it('says when the destination cannot be written, without retrying', async () => {
      server.handler = (_request, response) => response.end(payload);
      const failure = await client().download({ path: '/file' }, path.join(folder, 'missing-folder', 'answer.bin')).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DownloadNotWritable);
      expect((failure as DownloadNotWritable).message).toContain('missing-folder');
      expect(server.seen).toHaveLength(1);
    });
  });
});
