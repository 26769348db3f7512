import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runImport } from '../catalog/catalog-fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { base, expectedSums, hostAvailability } from './stock-fixtures.js';

describe('Cin7 failing in the middle of a stock pass', () => {
  let t: TestApp;
  let failuresLeft = 0;
  // Cin7 answers 503 to the request for page 2 of the availability rows, as long as `failuresLeft` lasts.
  const flakyFetch: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (/\/ref\/productavailability\?/i.test(url) && /[?&]Page=2(&|$)/.test(url) && failuresLeft > 0) {
      failuresLeft--;
      return new Response(JSON.stringify([{ ErrorCode: 503, Exception: 'Service Unavailable' }]), {
        status: 503,
      });
    }
    return fetch(input, init);
  };

  beforeAll(async () => {
    // Time runs 60x so Cin7's one-minute throttle pause lasts a second.
    t = await createTestApp({
      sandbox: { seed: 'medium', timeScale: 60, rateLimit: { enabled: false } },
      timeScale: 60,
      fetch: flakyFetch,
    });
    await t.connect(t.suppliers.kiwi);
    expect((await runImport(t, t.suppliers.kiwi, 'products')).state).toBe('succeeded');
  }, 60_000);
  afterAll(() => t?.close(), 60_000);

  it('pauses, then resumes at the page that failed: pages already stored are not read again', async () => {
    const kiwi = t.suppliers.kiwi;
    // The client tries 4 times; all 4 fail, so the pass itself pauses.
    failuresLeft = 4;
    await t.sandbox.admin.resetMetrics();
    const res = await t.http.put(`${base}/stock/settings`).set(t.as(kiwi)).send({ enabled: true });
    expect(res.status).toBe(200);
    const paused = await t.waitFor(
      async () => {
        const pass = (await t.http.get(`${base}/stock`).set(t.as(kiwi))).body.lastPass;
        return pass?.state === 'paused' ? pass : undefined;
      },
      { what: 'the pass to pause', timeoutMs: 30_000 },
    );
    const [run] = await t.dataSource.query(`SELECT checkpoint FROM cin7_sync_run WHERE id = $1`, [
      paused.runId,
    ]);
    expect(run.checkpoint.page).toBe(1);
    failuresLeft = 0;
    const done = await t.waitForJob(kiwi, paused.runId, 60_000);
    expect(done.state).toBe('succeeded');

    const rows = await t.sandbox.admin.stockRows(0);
    const pages = Math.ceil(rows.filter((r) => r.Location === 'Main Warehouse').length / 1000);
    expect(pages).toBeGreaterThanOrEqual(3);
    // Every page reached Cin7 once: page 1 was not read again after the pause.
    expect((await t.sandbox.admin.metrics()).callsByEndpoint['GET ref/productavailability']).toBe(pages);
    const want = expectedSums(rows, ['Main Warehouse']);
    for (const [cin7Id, product] of await hostAvailability(t, kiwi))
      expect([product.sku, product.available]).toEqual([product.sku, want.get(cin7Id) ?? 0]);
  }, 90_000);
});
