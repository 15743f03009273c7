// A tiny S3 look-alike on node:http for what s3rver cannot do: page listings (its continuation
// tokens need DES, gone from Node's OpenSSL 3), refuse credentials, fail on cue.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  /** Path without the query, decoded: `/bucket/key`. */
  path: string;
  query: URLSearchParams;
  body: Buffer;
}

export interface FakeAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface FakeS3 {
  endpoint: string;
  requests: FakeRequest[];
  stop(): Promise<void>;
}

export async function startFakeS3(answer: (request: FakeRequest) => FakeAnswer): Promise<FakeS3> {
  const requests: FakeRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const request = { method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), query: url.searchParams, body: Buffer.concat(chunks) };
      requests.push(request);
      const { status, body = '', headers = {} } = answer(request);
      res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(body)), ...headers });
      res.end(request.method === 'HEAD' ? undefined : body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export function s3Error(status: number, code: string, message: string): FakeAnswer {
  return { status, body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>fake</RequestId></Error>` };
}

/** A ListObjectsV2 answer over `keys` (sorted), honouring prefix, max-keys and continuation-token. */
export function listAnswer(keys: string[], query: URLSearchParams): FakeAnswer {
  const prefix = query.get('prefix') ?? '';
  const maxKeys = Math.min(1000, Number(query.get('max-keys') ?? 1000));
  const after = query.get('continuation-token') ? Buffer.from(query.get('continuation-token') as string, 'base64url').toString('utf8') : '';
  const matching = keys.filter((key) => key.startsWith(prefix) && key > after);
  const page = matching.slice(0, maxKeys);
  const truncated = matching.length > page.length;
  const contents = page.map((key) => `<Contents><Key>${key}</Key><LastModified>2019-06-02T05:00:00.000Z</LastModified><Size>${key.length}</Size></Contents>`).join('');
  const next = truncated ? `<NextContinuationToken>${Buffer.from(page[page.length - 1]).toString('base64url')}</NextContinuationToken>` : '';
  return {
    status: 200,
    body: `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>raw</Name><Prefix>${prefix}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${next}</ListBucketResult>`,
  };
}
