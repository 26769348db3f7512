import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type RunningSandbox, startSandbox } from '../src/index.js';
import { AU, apiFor } from './sandbox-test-kit.js';

describe('sandbox: rate limit (60 calls per sliding simulated minute per API key)', () => {
  let sandbox: RunningSandbox;
  let api: ReturnType<typeof apiFor>;

  // A frozen clock (timeScale 0) plus admin advanceTime makes the window exact and the test independent of speed.
  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'empty', timeScale: 0 });
    api = apiFor(sandbox);
  });
  beforeEach(async () => {
    await sandbox.admin.reset();
    await sandbox.admin.setConfig({ rateLimit: { enabled: true, perMinute: 60, status: 429 } });
  });
  afterAll(() => sandbox.close());

  async function burst(n: number, call = () => api('GET', 'me')): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) statuses.push((await call()).status);
    return statuses;
  }

  it('answers the 61st call with 429, the Cin7 body and no Retry-After', async () => {
    expect(await burst(60)).toEqual(Array(60).fill(200));
    const res = await api('GET', 'me');
    expect(res.status).toBe(429);
    expect(res.body).toEqual([{ ErrorCode: 429, Exception: 'You reached 60 calls per minute API limit' }]);
    expect(res.headers.get('retry-after')).toBeNull();
    const metrics = await sandbox.admin.metrics();
    expect(metrics.throttled).toBe(1);
    expect(metrics.callsByEndpoint['GET me']).toBe(61);
    expect(metrics.maxCallsInAnyMinute).toBe(61);
  });

  it('slides the window over simulated time', async () => {
    await burst(30);
    await sandbox.admin.advanceTime(30_000);
    await burst(30);
    expect((await api('GET', 'me')).status).toBe(429);
    await sandbox.admin.advanceTime(30_001); // the first 30 calls leave the window, the last 30 stay
    expect(await burst(30)).toEqual(Array(30).fill(200));
    expect((await api('GET', 'me')).status).toBe(429);
  });

  it('can answer 503 instead, and can be switched off', async () => {
    await sandbox.admin.setConfig({ rateLimit: { status: 503, perMinute: 2 } });
    await burst(2);
    const res = await api('GET', 'me');
    expect(res.status).toBe(503);
    expect(res.body).toEqual([{ ErrorCode: 503, Exception: 'You reached 60 calls per minute API limit' }]);
    await sandbox.admin.setConfig({ rateLimit: { enabled: false } });
    expect(await burst(5)).toEqual(Array(5).fill(200));
  });

  it('counts each API application separately and never limits admin calls', async () => {
    await sandbox.admin.setConfig({ rateLimit: { perMinute: 3 } });
    await burst(3);
    expect((await api('GET', 'me')).status).toBe(429);
    expect((await apiFor(sandbox, AU)('GET', 'me')).status).toBe(200);
    for (let i = 0; i < 10; i++) await sandbox.admin.metrics();
  });

  it('throttles the next N calls on a throttle burst fault', async () => {
    await sandbox.admin.setFaults({ throttleBurst: 2 });
    expect(await burst(3)).toEqual([429, 429, 200]);
  });
});
