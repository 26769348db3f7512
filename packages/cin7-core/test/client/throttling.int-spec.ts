import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DEMO_ACCOUNTS, type RunningSandbox, startSandbox } from '@upstock/cin7-sandbox';
import {
  Cin7Client,
  type Cin7ClientOptions,
  Cin7ServerError,
  Cin7ThrottledError,
  type Clock,
  TokenBucketBudget,
  unlimitedBudget,
} from '../../src/index.js';

// Throttling and faults against the sandbox's real limiter. The sandbox clock is frozen (timeScale 0) and the
// client's clock moves it: every client wait advances simulated time, so a minute-long window passes instantly.

const [NZ] = DEMO_ACCOUNTS;

describe('client against the sandbox: throttling, retries and faults', () => {
  let sandbox: RunningSandbox;
  let clock: Clock & { sleeps: number[] };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 'small', timeScale: 0, rateLimit: { perMinute: 3 } });
  });
  afterAll(() => sandbox.close());

  beforeEach(async () => {
    await sandbox.admin.reset();
    await sandbox.admin.clearFaults();
    let t = Date.now();
    const sleeps: number[] = [];
    clock = {
      sleeps,
      now: () => t,
      sleep: async (ms) => {
        sleeps.push(ms);
        t += ms;
        await sandbox.admin.advanceTime(ms);
      },
    };
  });

  const clientWith = (opts: Partial<Cin7ClientOptions> = {}) =>
    new Cin7Client({ ...NZ, baseUrl: sandbox.baseUrl, clock, budget: unlimitedBudget, ...opts });

  for (const status of [429, 503] as const) {
    it(`recovers from ${status} throttling by backing off at least 5 s and telling the budget`, async () => {
      await sandbox.admin.setConfig({ rateLimit: { enabled: true, perMinute: 3, status } });
      const throttles: number[] = [];
      const client = clientWith({
        retry: { maxAttempts: 12 },
        budget: { acquire: async () => {}, onThrottled: (info) => void throttles.push(info.status) },
      });
      for (let i = 0; i < 5; i++) await expect(client.me.get()).resolves.toMatchObject({ Currency: 'NZD' });
      const metrics = await sandbox.admin.metrics();
      expect(metrics.throttled).toBeGreaterThan(0);
      expect(throttles).toHaveLength(metrics.throttled);
      expect(throttles.every((s) => s === status)).toBe(true);
      expect(clock.sleeps.every((ms) => ms >= 5_000)).toBe(true);
      expect(client.callCounts()['GET me']).toBe(5 + metrics.throttled);
    });
  }

  it('gives up with Cin7ThrottledError once maxAttempts is spent', async () => {
    await sandbox.admin.setFaults({ throttleBurst: 10 });
    const client = clientWith({ retry: { maxAttempts: 3 } });
    await expect(client.me.get()).rejects.toBeInstanceOf(Cin7ThrottledError);
    expect(client.callCounts()['GET me']).toBe(3);
  });

  it('the default budget keeps within the limit: no call is ever throttled', async () => {
    await sandbox.admin.setConfig({ rateLimit: { enabled: true, perMinute: 3, status: 429 } });
    const client = clientWith({ budget: new TokenBucketBudget({ perMinute: 3, clock }) });
    for (let i = 0; i < 8; i++) await client.reference.priceTiers();
    const metrics = await sandbox.admin.metrics();
    expect(metrics.throttled).toBe(0);
    expect(metrics.maxCallsInAnyMinute).toBe(3);
    expect(client.callCounts()['GET ref/pricetier']).toBe(8);
  });

  it('retries reads through injected 5xx, and stops after maxAttempts', async () => {
    await sandbox.admin.setConfig({ rateLimit: { enabled: false } });
    await sandbox.admin.setFaults({ serverErrorRate: 1 });
    const client = clientWith({ retry: { maxAttempts: 3, baseDelayMs: 10 } });
    await expect(client.me.get()).rejects.toBeInstanceOf(Cin7ServerError);
    expect(client.callCounts()['GET me']).toBe(3);
    await sandbox.admin.setFaults({ serverErrorRate: 0.5, seed: 7 });
    const patient = clientWith({ retry: { maxAttempts: 20, baseDelayMs: 10 } });
    for (let i = 0; i < 5; i++) await expect(patient.me.get()).resolves.toMatchObject({ Currency: 'NZD' });
  });
});
