import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Cin7Product } from '@upstock/cin7-core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { base, sandboxCatalog, startImport, supplierRows } from './catalog-fixtures.js';

const activeStock = (products: Cin7Product[]) =>
  products.filter((p) => p.Status === 'Active' && p.Type === 'Stock');

async function jobOf(t: TestApp, id: string) {
  return (await t.http.get(`${base}/jobs/${id}`).set(t.as(t.suppliers.kiwi))).body;
}

async function expectExactlyOnce(t: TestApp, expected: Cin7Product[]) {
  const supplierId = t.suppliers.kiwi.id;
  const host = await supplierRows(t, 'host_product', supplierId);
  const links = await supplierRows(t, 'cin7_product_link', supplierId);
  expect(host).toHaveLength(expected.length);
  expect(links).toHaveLength(expected.length);
  expect(new Set(links.map((l) => l.cin7_product_id))).toEqual(new Set(expected.map((p) => p.ID)));
  expect(new Set(links.map((l) => l.upstock_product_id))).toEqual(new Set(host.map((p) => p.id)));
}

describe('an import killed half-way (the server restarts)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ sandbox: { seed: 'medium', rateLimit: { enabled: false } } });
    await t.connect(t.suppliers.kiwi);
  }, 60_000);
  afterAll(() => t?.close());

  it('resumes from its checkpoint on another instance and finishes with no duplicates', async () => {
    const { products } = await sandboxCatalog(t, t.suppliers.kiwi);
    // Slow Cin7 down so the restart lands while page 2 is being read.
    await t.sandbox.admin.setFaults({ latencyMs: 800 });
    const job = await startImport(t, t.suppliers.kiwi, 'products');
    await t.waitFor(async () => (await jobOf(t, job.id)).progress.pagesDone >= 1, { what: 'page 1' });

    const first = t.instances[0];
    await first?.close();
    const [interrupted] = await t.dataSource.query(
      'SELECT state, checkpoint FROM cin7_sync_run WHERE id = $1',
      [job.id],
    );
    expect(interrupted.state).toBe('paused');
    expect(interrupted.checkpoint.nextPage).toBe(2);

    await t.sandbox.admin.clearFaults();
    await t.startInstance();
    const done = await t.waitForJob(t.suppliers.kiwi, job.id, 60_000);
    expect(done.state).toBe('succeeded');
    expect(done.progress).toMatchObject({ pagesDone: 2, pagesTotal: 2 });
    // The counts run on across the restart: every product counted once.
    expect(done.result.created).toBe(activeStock(products).length);
    expect(done.result.seen).toBe(products.length);
    await expectExactlyOnce(t, activeStock(products));
  }, 60_000);
});

describe('Cin7 failing in the middle of an import', () => {
  let t: TestApp;
  let failuresLeft = 0;
  // Cin7 answers 503 to the request for page 2 of the products, as long as `failuresLeft` lasts.
  const flakyFetch: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (/\/product\?/i.test(url) && /[?&]Page=2(&|$)/.test(url) && failuresLeft > 0) {
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
  }, 60_000);
  afterAll(() => t?.close());

  it('pauses the job, then resumes at the page that failed: nothing duplicated or lost', async () => {
    const { products } = await sandboxCatalog(t, t.suppliers.kiwi);
    // The client tries 4 times; all 4 fail, so the job itself pauses.
    failuresLeft = 4;
    const job = await startImport(t, t.suppliers.kiwi, 'products');
    const paused = await t.waitFor(
      async () => {
        const j = await jobOf(t, job.id);
        return j.state === 'paused' ? j : undefined;
      },
      { what: 'the job to pause', timeoutMs: 30_000 },
    );
    expect(paused.progress.pagesDone).toBe(1);
    expect(paused.error).toMatch(/./);
    failuresLeft = 0;
    const done = await t.waitForJob(t.suppliers.kiwi, job.id, 60_000);
    expect(done.state).toBe('succeeded');
    expect(done.result.created).toBe(activeStock(products).length);
    await expectExactlyOnce(t, activeStock(products));
  }, 60_000);
});
