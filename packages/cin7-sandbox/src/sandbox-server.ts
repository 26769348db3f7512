import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleAdmin } from './admin.handler.js';
import { findRoute } from './api-routes.js';
import { renderAttachment } from './attachment-image.js';
import { Cin7HttpError, errorBody, Query, readBody, sendJson } from './http-kit.js';
import type { SandboxEngine } from './sandbox-engine.js';

const API_PREFIX = '/externalapi/v2/';

/** The HTTP face of the sandbox: Cin7's API under /ExternalApi/v2, attachments, and the admin API. */
export function createSandboxServer(engine: SandboxEngine): Server {
  return createServer((req, res) => {
    handle(engine, req, res).catch((err: unknown) => {
      engine.log(`sandbox error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) sendJson(res, 500, errorBody(500, 'Unexpected error in the sandbox.'));
      else res.destroy();
    });
  });
}

async function handle(engine: SandboxEngine, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.local');
  const path = decodeURIComponent(url.pathname);
  const lower = path.toLowerCase();
  const publicUrl = `http://${req.headers.host ?? 'localhost'}`;

  if (lower.startsWith('/admin/') || lower === '/admin') {
    const body = await readBody(req);
    await handleAdmin(
      engine,
      req.method ?? 'GET',
      lower.replace(/^\/admin\/?/, ''),
      url.searchParams,
      body,
      res,
    );
    return;
  }
  if (lower.startsWith('/attachments/') || lower === '/attachment/download') {
    serveAttachment(
      engine,
      lower.startsWith('/attachments/') ? path.split('/')[2] : url.searchParams.get('ID'),
      res,
    );
    return;
  }
  if (lower === '/' || lower === '/health') {
    sendJson(res, 200, {
      name: 'cin7-core-sandbox',
      baseUrl: `${publicUrl}/ExternalApi/v2/`,
      seed: engine.seed,
    });
    return;
  }
  if (!lower.startsWith(API_PREFIX)) {
    sendJson(res, 404, errorBody(404, 'Not found.'));
    return;
  }
  await handleApi(engine, req, res, path.slice(API_PREFIX.length), url.searchParams, publicUrl);
}

async function handleApi(
  engine: SandboxEngine,
  req: IncomingMessage,
  res: ServerResponse,
  apiPath: string,
  params: URLSearchParams,
  publicUrl: string,
): Promise<void> {
  const rawBody = await readBody(req);
  const accountId = header(req, 'api-auth-accountid');
  const apiKey = header(req, 'api-auth-applicationkey');
  const state = accountId && apiKey ? engine.findByCredentials(accountId, apiKey) : undefined;
  if (!state) {
    sendJson(res, 403, errorBody(403, 'Incorrect credentials!'));
    return;
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const route = findRoute(apiPath);
  const endpoint = `${method} ${route?.name ?? apiPath.toLowerCase()}`;
  const now = engine.now();
  const limiterKey = `${state.account.accountId}|${apiKey?.toLowerCase()}`;
  engine.metrics.recordCall(endpoint, state.account.accountId, limiterKey, now);

  const { rateLimit } = engine.config;
  const throttled =
    engine.faults.takeThrottleBurst() ||
    (rateLimit.enabled && !engine.limiter.tryAcquire(limiterKey, now, rateLimit.perMinute));
  if (throttled) {
    engine.metrics.throttled++;
    // No Retry-After and no rate-limit headers: Cin7 documents none (reference §2.1).
    sendJson(res, rateLimit.status, errorBody(rateLimit.status, 'You reached 60 calls per minute API limit'));
    return;
  }

  const faults = engine.faults.config;
  if (faults.latencyMs > 0) await sleep(faults.latencyMs);
  if (engine.faults.roll(faults.timeoutRate)) {
    engine.log(`fault: hanging ${endpoint}`);
    return; // Never answered; the socket closes when the client gives up or the sandbox stops.
  }
  if (engine.faults.roll(faults.serverErrorRate)) {
    sendJson(res, 500, errorBody(500, 'An unexpected error occurred. Please try again later.'));
    return;
  }
  if (engine.faults.roll(faults.errorIn200Rate)) {
    engine.log(`fault: error inside a 200 for ${endpoint}`);
    sendJson(res, 200, errorBody(500, 'An unexpected error occurred. Please try again later.'));
    return;
  }

  if (!route) {
    sendJson(res, 404, errorBody(404, `Endpoint ${apiPath} does not exist.`));
    return;
  }
  const handler = route.methods[method as keyof typeof route.methods];
  if (!handler) {
    sendJson(res, 405, errorBody(405, `The requested resource does not support http method '${method}'.`));
    return;
  }

  let body: unknown;
  if (rawBody.trim()) {
    try {
      body = JSON.parse(rawBody);
    } catch {
      sendJson(res, 500, errorBody(500, 'The object passed to the API could not be parsed.'));
      return;
    }
  }
  let result: unknown;
  try {
    result = await handler({ engine, state, query: new Query(params), body, publicUrl });
  } catch (err) {
    if (err instanceof Cin7HttpError) {
      sendJson(res, err.status, errorBody(err.status, err.message));
      return;
    }
    throw err;
  }
  if (method !== 'GET' && engine.faults.roll(faults.dropResponseAfterWriteRate)) {
    engine.log(`fault: dropping the response of ${endpoint} after applying it`);
    req.socket.destroy();
    return;
  }
  engine.log(`${endpoint} 200`);
  sendJson(res, 200, result);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function serveAttachment(engine: SandboxEngine, id: string | null | undefined, res: ServerResponse): void {
  if (id) {
    for (const state of engine.accounts) {
      for (const product of state.products) {
        const attachment = product.attachments.find((a) => a.ID.toLowerCase() === id.toLowerCase());
        if (attachment) {
          const { contentType, body } = renderAttachment(attachment, product.Name);
          res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
          res.end(body);
          return;
        }
      }
    }
  }
  sendJson(res, 404, errorBody(404, 'Attachment not found.'));
}
