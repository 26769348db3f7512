import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../../src/index.js';

export interface SeenRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export type StubHandler = (req: SeenRequest, res: ServerResponse) => void | Promise<void>;

/** A real HTTP server on a free port, so the client's real transport (fetch, headers, body) is exercised. */
export async function startStubServer(handler: StubHandler) {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://stub'),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      Promise.resolve(handler(seen, res)).catch((err: unknown) => {
        res.statusCode = 599;
        res.end(String(err));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/ExternalApi/v2/`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Time that only moves when the client sleeps: backoff waits are recorded, never really waited. */
export function fakeClock(
  start = Date.parse('2025-06-01T00:00:00Z'),
): Clock & { sleeps: number[]; t: number } {
  const clock = {
    t: start,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

/** Collects every log line, to assert on them and to prove that no secret is ever written. */
export function memoryLogger() {
  const lines: Array<{ level: 'debug' | 'warn'; msg: string; meta?: object }> = [];
  return {
    lines,
    debug: (msg: string, meta?: object) => lines.push({ level: 'debug', msg, meta }),
    warn: (msg: string, meta?: object) => lines.push({ level: 'warn', msg, meta }),
    text: () => lines.map((l) => `${l.msg} ${JSON.stringify(l.meta ?? {})}`).join('\n'),
  };
}
