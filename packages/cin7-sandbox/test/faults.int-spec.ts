import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type RunningSandbox, startSandbox } from '../src/index.js';
import { apiFor, NZ } from './sandbox-test-kit.js';

type Row = Record<string, unknown>;

describe('sandbox: fault injection', () => {
  let sandbox: RunningSandbox;
  let api: ReturnType<typeof apiFor>;

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 'demo', rateLimit: { enabled: false } });
    api = apiFor(sandbox);
  });
  beforeEach(async () => {
    await sandbox.admin.reset();
    await sandbox.admin.clearFaults();
  });
  afterAll(() => sandbox.close());

  const newSaleBody = async () => {
    const customer = (await api<{ CustomerList: Row[] }>('GET', 'customer?Name=Kiwi')).body
      .CustomerList[0] as Row;
    return { CustomerID: customer.ID, SkipQuote: true, Location: 'Main Warehouse', ExternalID: 'dup-check' };
  };

  it('answers 500 with a Cin7 error body at the server error rate', async () => {
    await sandbox.admin.setFaults({ serverErrorRate: 1 });
    const res = await api('GET', 'me');
    expect(res.status).toBe(500);
    expect(res.body).toEqual([{ ErrorCode: 500, Exception: expect.any(String) }]);
  });

  it('replays the same fault sequence for the same PRNG seed', async () => {
    const run = async () => {
      await sandbox.admin.setFaults({ serverErrorRate: 0.5, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await api('GET', 'me')).status);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });

  it('adds latency', async () => {
    await sandbox.admin.setFaults({ latencyMs: 30 });
    const started = performance.now();
    await api('GET', 'me');
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('hangs until the client gives up, applying nothing', async () => {
    const body = await newSaleBody();
    await sandbox.admin.setFaults({ timeoutRate: 1 });
    await expect(
      fetch(`${sandbox.baseUrl}sale`, {
        method: 'POST',
        headers: {
          'api-auth-accountid': NZ.accountId,
          'api-auth-applicationkey': NZ.apiKey,
          'content-type': 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(150),
      }),
    ).rejects.toThrow();
    expect(await sandbox.admin.listSales(0)).toHaveLength(0);
  });

  it('drops the response after applying a write, so the client sees a network error but the sale exists', async () => {
    const body = await newSaleBody();
    await sandbox.admin.setFaults({ dropResponseAfterWriteRate: 1 });
    await expect(api('POST', 'sale', body)).rejects.toThrow();
    expect(await sandbox.admin.listSales(0)).toHaveLength(1);
    // Reads are never dropped.
    expect((await api('GET', 'me')).status).toBe(200);
    await sandbox.admin.clearFaults();
    await api('POST', 'sale', body); // a blind retry creates a duplicate, which metrics report
    const metrics = await sandbox.admin.metrics();
    expect(metrics.duplicateExternalIds).toBe(1);
    expect(metrics.salesByAccount[NZ.accountId]).toBe(2);
  });
});
