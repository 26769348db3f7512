import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  type CallBudget,
  Cin7AuthError,
  Cin7Client,
  type Cin7ClientOptions,
  Cin7ConnectionError,
  Cin7Error,
  Cin7NotFoundError,
  Cin7ServerError,
  Cin7ThrottledError,
  Cin7TimeoutError,
  Cin7ValidationError,
  isUncertainWriteOutcome,
} from '../../src/index.js';
import { fakeClock, json, memoryLogger, type StubHandler, startStubServer } from './support/stub-server.js';

// The real transport (global fetch, real sockets) against a small node:http server: headers, URL joining, error
// mapping, retries with a fake clock, redaction. The sandbox-level tests live in client-*.int-spec.ts.

const ACCOUNT_ID = '0A1B2C3D-1111-4222-8333-444455556666';
const API_KEY = '9F8E7D6C-aaaa-4bbb-8ccc-ddddeeeeffff';
const SALE_ID = '7e0d0000-0000-4000-8000-000000000001';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (stops.length > 0) await stops.pop()?.();
});

async function setup(handler: StubHandler, extra: Partial<Cin7ClientOptions> = {}) {
  const stub = await startStubServer(handler);
  stops.push(stub.close);
  const clock = fakeClock();
  const logger = memoryLogger();
  const acquired: string[] = [];
  const throttles: Array<{ status: number; retryAfterMs: number | null }> = [];
  const budget: CallBudget = {
    acquire: async (call) => {
      acquired.push(`${call.method} ${call.path} ${call.priority}`);
    },
    onThrottled: (info) => {
      throttles.push(info);
    },
  };
  const client = new Cin7Client({
    accountId: ACCOUNT_ID,
    apiKey: API_KEY,
    baseUrl: stub.baseUrl,
    clock,
    logger,
    budget,
    retry: { maxAttempts: 3 },
    ...extra,
  });
  return { client, stub, clock, logger, acquired, throttles };
}

const me = { Company: 'Acme Trading Ltd', Currency: 'NZD', TimeZone: 'Pacific/Auckland' };
const sale = { ID: SALE_ID.toUpperCase(), Status: 'ORDERING', Type: 'Simple Sale', ExternalID: 'up-1' };

function expectNoSecrets(text: string) {
  for (const secret of [ACCOUNT_ID, API_KEY]) {
    expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
  }
}

describe('transport over HTTP', () => {
  it('sends both auth headers and JSON to the joined URL, and counts calls per endpoint', async () => {
    const { client, stub, acquired } = await setup((req, res) =>
      req.url.pathname.endsWith('/me') ? json(res, 200, me) : json(res, 200, sale),
    );
    const result = await client.me.get();
    expect(result.Company).toBe('Acme Trading Ltd');
    await client.sales.create({ Customer: 'Kiwi', Location: 'Main Warehouse', ExternalID: 'up-1' });

    const [get, post] = stub.requests;
    expect(get?.url.pathname).toBe('/ExternalApi/v2/me');
    expect(get?.headers['api-auth-accountid']).toBe(ACCOUNT_ID);
    expect(get?.headers['api-auth-applicationkey']).toBe(API_KEY);
    expect(get?.headers.accept).toBe('application/json');
    expect(post?.url.pathname).toBe('/ExternalApi/v2/sale');
    expect(post?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post?.body ?? '')).toEqual({
      Customer: 'Kiwi',
      Location: 'Main Warehouse',
      ExternalID: 'up-1',
    });
    expect(client.callCounts()).toEqual({ 'GET me': 1, 'POST sale': 1 });
    expect(acquired).toEqual(['GET me background', 'POST sale background']);
  });

  it('joins a base URL without a trailing slash and formats query values', async () => {
    const { client, stub } = await setup(
      (_req, res) => json(res, 200, { Total: 0, Page: 1, CustomerList: [] }),
      {},
    );
    const noSlash = new Cin7Client({
      accountId: ACCOUNT_ID,
      apiKey: API_KEY,
      baseUrl: stub.baseUrl.replace(/\/$/, ''),
      budget: { acquire: async () => {} },
    });
    await noSlash.customers.list({
      ModifiedSince: new Date('2025-05-01T10:00:00Z'),
      IncludeProductPrices: true,
    });
    await client.customers.list({ Page: 2, Limit: 50 });
    const [first, second] = stub.requests;
    expect(first?.url.pathname).toBe('/ExternalApi/v2/customer');
    expect(first?.url.searchParams.get('ModifiedSince')).toBe('2025-05-01T10:00:00.000Z');
    expect(first?.url.searchParams.get('IncludeProductPrices')).toBe('true');
    expect(second?.url.searchParams.get('Page')).toBe('2');
    expect(second?.url.searchParams.get('Limit')).toBe('50');
  });

  it('maps error bodies (object, array, inside a 200, HTML) to typed errors', async () => {
    const answers: Array<[number, string, string]> = [
      [
        400,
        'application/json',
        '{"ErrorCode":400,"Exception":"Required attribute Location is not provided."}',
      ],
      [403, 'application/json', '[{"ErrorCode":403,"Exception":"Incorrect credentials!"}]'],
      [404, 'text/plain', 'Not Found'],
      [200, 'application/json', '[{"ErrorCode":400,"Exception":"Customer not active"}]'],
      [200, 'text/html', '<!DOCTYPE html><html><body>Welcome</body></html>'],
      [200, 'application/json', '{"Company":42}'],
    ];
    let i = 0;
    const { client } = await setup((_req, res) => {
      const [status, type, body] = answers[i++] ?? [500, 'text/plain', ''];
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    });
    const errors: unknown[] = [];
    for (let n = 0; n < answers.length; n++) errors.push(await client.me.get().catch((e: unknown) => e));
    expect(errors.map((e) => (e as Error).constructor.name)).toEqual([
      'Cin7ValidationError',
      'Cin7AuthError',
      'Cin7NotFoundError',
      'Cin7ValidationError',
      'Cin7ServerError',
      'Cin7ServerError',
    ]);
    const validation = errors[0] as Cin7ValidationError;
    expect(validation.status).toBe(400);
    expect(validation.cin7Message).toBe('Required attribute Location is not provided.');
    expect(validation.method).toBe('GET');
    expect(validation.path).toBe('me');
    expect((errors[1] as Cin7AuthError).cin7Message).toBe('Incorrect credentials!');
    expect((errors[3] as Cin7ValidationError).status).toBe(200);
    expect((errors[5] as Cin7ServerError).cin7Message).toContain('Company');
  });

  it('retries reads on 5xx with jittered backoff, up to maxAttempts', async () => {
    const { client, stub, clock } = await setup(
      (_req, res) => json(res, 500, { ErrorCode: 500, Exception: 'boom' }),
      {
        retry: { maxAttempts: 3, baseDelayMs: 1_000 },
      },
    );
    const err = await client.me.get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Cin7ServerError);
    expect(stub.requests).toHaveLength(3);
    expect(clock.sleeps).toHaveLength(2);
    expect(clock.sleeps[0]).toBeLessThan(1_000);
    expect(clock.sleeps[1]).toBeLessThan(2_000);
    expect(client.callCounts()).toEqual({ 'GET me': 3 });
  });

  it('recovers from throttling (429 and 503): waits at least 5 s, tells the budget, then succeeds', async () => {
    for (const status of [429, 503]) {
      let calls = 0;
      const { client, clock, throttles, acquired } = await setup((_req, res) =>
        calls++ < 2
          ? json(res, status, [{ ErrorCode: status, Exception: 'You reached 60 calls per minute API limit' }])
          : json(res, 200, me),
      );
      await expect(client.me.get()).resolves.toMatchObject({ Currency: 'NZD' });
      expect(clock.sleeps).toHaveLength(2);
      for (const wait of clock.sleeps) expect(wait).toBeGreaterThanOrEqual(5_000);
      expect(throttles).toEqual([
        { status, retryAfterMs: null },
        { status, retryAfterMs: null },
      ]);
      expect(acquired).toHaveLength(3); // the budget is asked before every attempt
    }
  });

  it('honours Retry-After when Cin7 sends one', async () => {
    let calls = 0;
    const { client, clock } = await setup((_req, res) =>
      calls++ === 0
        ? json(res, 429, { ErrorCode: 429, Exception: 'slow down' }, { 'retry-after': '2' })
        : json(res, 200, me),
    );
    await client.me.get();
    expect(clock.sleeps).toEqual([2_000]);
  });

  it('gives up on throttling after maxAttempts with a Cin7ThrottledError', async () => {
    const { client, stub } = await setup((_req, res) => json(res, 503, ''));
    const err = await client.me.get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Cin7ThrottledError);
    expect(stub.requests).toHaveLength(3);
    expect(isUncertainWriteOutcome(err)).toBe(false);
  });

  it('retries a throttled write (refused before processing) but never a write that failed with 5xx', async () => {
    let calls = 0;
    const throttledOnce = await setup((_req, res) =>
      calls++ === 0 ? json(res, 429, { ErrorCode: 429, Exception: 'limit' }) : json(res, 200, sale),
    );
    await expect(throttledOnce.client.sales.create({ Customer: 'K', Location: 'L' })).resolves.toMatchObject({
      ID: SALE_ID,
    });
    expect(throttledOnce.stub.requests).toHaveLength(2);

    const failing = await setup((_req, res) =>
      json(res, 500, { ErrorCode: 500, Exception: 'Unexpected error' }),
    );
    const err = await failing.client.sales.create({ Customer: 'K', Location: 'L' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Cin7ServerError);
    expect(failing.stub.requests).toHaveLength(1);
    expect(isUncertainWriteOutcome(err)).toBe(true);
  });

  it('a write whose response is lost after sending is not retried and is an uncertain outcome', async () => {
    const { client, stub } = await setup((_req, res) => {
      res.socket?.destroy(); // Cin7 applied it, the answer never came back
    });
    const err = await client.sales.create({ Customer: 'K', Location: 'L' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Cin7ConnectionError);
    expect((err as Cin7ConnectionError).beforeSending).toBe(false);
    expect(isUncertainWriteOutcome(err)).toBe(true);
    expect(stub.requests).toHaveLength(1);
  });

  it('times out a silent server: reads are retried, writes are uncertain', async () => {
    const { client, stub } = await setup(() => {}, { timeoutMs: 50, retry: { maxAttempts: 2 } });
    const read = await client.me.get().catch((e: unknown) => e);
    expect(read).toBeInstanceOf(Cin7TimeoutError);
    expect(stub.requests).toHaveLength(2);
    const write = await client.sales.void(SALE_ID).catch((e: unknown) => e);
    expect(write).toBeInstanceOf(Cin7TimeoutError);
    expect(stub.requests).toHaveLength(3);
    expect(isUncertainWriteOutcome(write)).toBe(true);
  });

  it('maps a refused connection to Cin7ConnectionError(beforeSending) and retries it on reads', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const clock = fakeClock();
    const client = new Cin7Client({
      accountId: ACCOUNT_ID,
      apiKey: API_KEY,
      baseUrl: `http://127.0.0.1:${port}/ExternalApi/v2/`,
      clock,
      budget: { acquire: async () => {} },
      retry: { maxAttempts: 2 },
    });
    const err = await client.me.get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Cin7ConnectionError);
    expect((err as Cin7ConnectionError).code).toBe('ECONNREFUSED');
    expect((err as Cin7ConnectionError).beforeSending).toBe(true);
    expect(isUncertainWriteOutcome(err)).toBe(false);
    expect(clock.sleeps).toHaveLength(1);
  });

  it('never writes the credentials in a log line, an error message or an error as JSON', async () => {
    const { client, logger } = await setup((req, res) => {
      // A hostile server echoing the credentials back in every error.
      const echo = `${req.headers['api-auth-accountid']} / ${req.headers['api-auth-applicationkey']}`;
      if (req.url.pathname.endsWith('/customer'))
        return json(res, 403, [{ ErrorCode: 403, Exception: echo }]);
      if (req.url.pathname.endsWith('/sale'))
        return json(res, 500, { ErrorCode: 500, Exception: `oops ${echo}` });
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<html>${echo}</html>`);
    });
    const errors = await Promise.all([
      client.customers.search('sam@kiwi.example').catch((e: unknown) => e),
      client.sales.create({ Customer: 'K', Location: 'L' }).catch((e: unknown) => e),
      client.me.get().catch((e: unknown) => e),
    ]);
    for (const err of errors) {
      expect(err).toBeInstanceOf(Cin7Error);
      expectNoSecrets((err as Error).message);
      expectNoSecrets(JSON.stringify(err));
      expectNoSecrets(String((err as Error).stack));
    }
    expect((errors[0] as Cin7AuthError).cin7Message).toContain('[redacted]');
    expect(logger.lines.length).toBeGreaterThan(0);
    expectNoSecrets(logger.text());
    expectNoSecrets(JSON.stringify(client));
    // Personal data in queries is masked too.
    expect(logger.text()).not.toContain('sam@kiwi.example');
    expect((errors[0] as Cin7AuthError).path).toBe('customer?ContactFilter=…&Page=1&Limit=20');
  });

  it('logs one line per attempt with method, path, status, duration and attempt number', async () => {
    let calls = 0;
    const { client, logger } = await setup((_req, res) =>
      calls++ === 0 ? json(res, 502, 'bad gateway') : json(res, 200, { Total: 0, Page: 1, Products: [] }),
    );
    await client.products.list({ Sku: 'TENT-2P' });
    const requests = logger.lines.filter((l) => l.msg === 'cin7 request');
    expect(requests.map((l) => l.meta)).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: 'product?Sku=TENT-2P&Page=1&Limit=100',
        status: 502,
        attempt: 1,
      }),
      expect.objectContaining({ method: 'GET', status: 200, attempt: 2, outcome: 'ok' }),
    ]);
    expect(requests[0]?.meta).toHaveProperty('ms');
  });

  it('reads a missing sale as null (404, or a 400 saying not found)', async () => {
    let calls = 0;
    const { client } = await setup((_req, res) =>
      calls++ === 0
        ? json(res, 404, '')
        : json(res, 400, [{ ErrorCode: 400, Exception: `Sale with ID ${SALE_ID} not found` }]),
    );
    await expect(client.sales.get(SALE_ID)).resolves.toBeNull();
    await expect(client.sales.get(SALE_ID)).resolves.toBeNull();
  });

  it('pages a list at Limit 1000 over HTTP, stopping at ceil(Total/Limit)', async () => {
    const total = 2345;
    const { client, stub } = await setup((req, res) => {
      const page = Number(req.url.searchParams.get('Page'));
      const limit = Number(req.url.searchParams.get('Limit'));
      const start = (page - 1) * limit;
      const rows = Array.from({ length: Math.max(0, Math.min(limit, total - start)) }, (_, i) => ({
        ID: `00000000-0000-4000-8000-${String(start + i).padStart(12, '0')}`,
        SKU: `SKU-${start + i}`,
        Name: `Product ${start + i}`,
      }));
      json(res, 200, { Total: total, Page: page, Products: rows });
    });
    let seen = 0;
    for await (const page of client.products.pages({})) seen += page.items.length;
    expect(seen).toBe(total);
    expect(stub.requests.map((r) => r.url.searchParams.get('Page'))).toEqual(['1', '2', '3']);
    expect(stub.requests.every((r) => r.url.searchParams.get('Limit') === '1000')).toBe(true);
    expect(client.callCounts()).toEqual({ 'GET product': 3 });

    // With attachments, pages are heavy: 100 a page, ceil(2345 / 100) = 24 reads.
    stub.requests.length = 0;
    const heavy: number[] = [];
    for await (const page of client.products.pages({ IncludeAttachments: true }))
      heavy.push(page.items.length);
    expect(heavy.reduce((a, b) => a + b, 0)).toBe(total);
    expect(heavy).toHaveLength(24);
    expect(stub.requests.every((r) => r.url.searchParams.get('Limit') === '100')).toBe(true);

    const resumed: number[] = [];
    for await (const page of client.products.pages({}, { startPage: 3 })) resumed.push(page.page);
    expect(resumed).toEqual([3]);
  });
});

describe('errors', () => {
  it('are all Cin7Error with their status', () => {
    const e = new Cin7NotFoundError({ status: 404, cin7Message: 'x', method: 'GET', path: 'sale' });
    expect(e).toBeInstanceOf(Cin7Error);
    expect(e.name).toBe('Cin7NotFoundError');
    expect(e.message).toBe('Cin7 GET sale failed 404: x');
  });
});
