// Servers on 127.0.0.1 that make a lake run fail in the ways that tend to put credentials into
// error messages: an HTTP service whose error pages echo the whole request back (URL and every
// header as JSON, as debug pages and some gateways do, and the refused credential itself), a PostgreSQL that asks for the password and then
// refuses it, a TCP service that hangs up at once, and a port nobody listens on.
import * as http from 'node:http';
import * as net from 'node:net';

export interface EchoRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface EchoServer {
  url: string;
  readonly requests: EchoRequest[];
  stop(): Promise<void>;
}

/** Answers every request with `status` and a JSON body that repeats the request, headers included. */
export async function startEchoServer(status: number): Promise<EchoServer> {
  const requests: EchoRequest[] = [];
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const seen = { method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers };
      requests.push(seen);
      // Some services also quote the credential they refused, without its scheme.
      const credential = String(request.headers.authorization ?? '').replace(/^\w+ /, '');
      const body = JSON.stringify({ error: true, code: `status_${status}`, message: `request refused: ${seen.method} ${seen.url}; credential ${credential || 'none'}`, request: seen });
      response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) });
      response.end(body);
    });
  });
  await listen(server);
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    requests,
    stop: () => close(server),
  };
}

export interface RefusingPostgres {
  port: number;
  /** The passwords clients sent (to show the refusal was for the password that was sent). */
  readonly passwords: string[];
  stop(): Promise<void>;
}

/**
 * Speaks just enough of the PostgreSQL protocol to refuse a login: asks for a cleartext password
 * (AuthenticationCleartextPassword), reads it, and answers FATAL 28P01 as a real server does.
 */
export async function startPasswordRefusingPostgres(): Promise<RefusingPostgres> {
  const passwords: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    let started = false;
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(length);
          // SSLRequest: "no TLS here", then the client sends its startup message in the clear.
          if (code === 80877103) {
            socket.write('N');
            continue;
          }
          started = true;
          socket.write(message('R', int32(3)));
          continue;
        }
        if (buffer.length < 5) return;
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) return;
        const type = String.fromCharCode(buffer[0]);
        const payload = buffer.subarray(5, 1 + length);
        buffer = buffer.subarray(1 + length);
        if (type === 'p') {
          passwords.push(payload.subarray(0, payload.indexOf(0)).toString('utf8'));
          const fields = [
            ['S', 'FATAL'],
            ['V', 'FATAL'],
            ['C', '28P01'],
            ['M', 'password authentication failed for user "lake"'],
          ];
          socket.end(message('E', Buffer.concat([...fields.map(([key, value]) => Buffer.from(`${key}${value}\0`)), Buffer.from([0])])));
          return;
        }
      }
    });
  });
  await listen(server);
  return {
    port: (server.address() as net.AddressInfo).port,
    passwords,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await close(server);
    },
  };
}

export interface HangUpServer {
  port: number;
  /** Connections accepted (and closed at once). */
  connections: number;
  stop(): Promise<void>;
}

/** Accepts TCP connections and closes each at once, before a byte is exchanged. */
export async function startHangUpServer(): Promise<HangUpServer> {
  const state = { connections: 0 };
  const server = net.createServer((socket) => {
    state.connections++;
    socket.on('error', () => undefined);
    socket.destroy();
  });
  await listen(server);
  return {
    port: (server.address() as net.AddressInfo).port,
    get connections() {
      return state.connections;
    },
    stop: () => close(server),
  };
}

/** A loopback port that was free a moment ago and has no listener: connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await listen(server);
  const { port } = server.address() as net.AddressInfo;
  await close(server);
  return port;
}

function message(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(payload.length + 4, 1);
  return Buffer.concat([header, payload]);
}

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value, 0);
  return buffer;
}

function listen(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
}

function close(server: net.Server): Promise<void> {
  (server as http.Server).closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}
