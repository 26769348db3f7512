import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Cin7Product, PRODUCT_PAGE_LIMIT_WITH_INCLUDES } from '@upstock/cin7-core';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { base, sandboxCatalog, startImport, supplierRows } from './catalog-fixtures.js';

/** The page of the import's product read (it asks for attachments; the background reference refresh does not). */
const importPage = (url: string): number =>
  /\/product\?/i.test(url) && /IncludeAttachments=true/i.test(url)
    ? Number(/[?&]Page=(\d+)/.exec(url)?.[1] ?? 0)
    : 0;

const activeStock = (products: Cin7Product[]) =>
  products.filter((p) => p.Status === 'Active' && p.Type === 'Stock');

/** Pages the import reads: products with their attachments come 100 a page. */
const importPages = (products: Cin7Product[]) =>
  Math.ceil(products.length / PRODUCT_PAGE_LIMIT_WITH_INCLUDES);

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
    // The restart lands after page 1, maybe a page or two later: the checkpoint names the next page at its size.
    const { nextPage, pageSize, tally } = interrupted.checkpoint;
    expect(nextPage).toBeGreaterThanOrEqual(2);
    expect(nextPage).toBeLessThan(importPages(products));
    expect(pageSize).toBe(PRODUCT_PAGE_LIMIT_WITH_INCLUDES);
    expect(tally.seen).toBe((nextPage - 1) * pageSize);

    await t.sandbox.admin.clearFaults();
    await t.startInstance();
    const done = await t.waitForJob(t.suppliers.kiwi, job.id, 60_000);
    expect(done.state).toBe('succeeded');
    const pages = importPages(products);
    expect(done.progress).toMatchObject({ pagesDone: pages, pagesTotal: pages });
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
    if (importPage(url) === 2 && failuresLeft > 0) {
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

describe('an import paused by a version that read products 1,000 a page', () => {
  let t: TestApp;
  let failPage11 = true;
  const pagesAsked: number[] = [];
  // Cin7 answers 503 to page 11 (the first product after 1,000 at 100 a page) until the test lets it through.
  const flakyFetch: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const page = importPage(url);
    if (page) pagesAsked.push(page);
    if (page === 11 && failPage11) {
      return new Response(JSON.stringify([{ ErrorCode: 503, Exception: 'Service Unavailable' }]), {
        status: 503,
      });
    }
    return fetch(input, init);
  };

  beforeAll(async () => {
    t = await createTestApp({
      sandbox: { seed: 'medium', timeScale: 60, rateLimit: { enabled: false } },
      timeScale: 60,
      fetch: flakyFetch,
    });
    await t.connect(t.suppliers.kiwi);
  }, 60_000);
  afterAll(() => t?.close());

  it('resumes its checkpoint at the same product at 100 a page: none skipped, none written twice', async () => {
    const { products } = await sandboxCatalog(t, t.suppliers.kiwi);
    const job = await startImport(t, t.suppliers.kiwi, 'products');
    // While paused (a claim flips it to running first, so this only lands on a paused run), the checkpoint becomes
    // what the previous version saved after its first page of 1,000: the same 1,000 products, counted the same.
    const legacy = await t.waitFor(
      async () => {
        const [rows] = await t.dataSource.query(
          `UPDATE cin7_sync_run SET checkpoint = jsonb_build_object('nextPage', 2, 'tally', checkpoint->'tally')
            WHERE id = $1 AND state = 'paused' AND (checkpoint->>'nextPage')::int = 11
            RETURNING checkpoint`,
          [job.id],
        );
        return rows[0]?.checkpoint;
      },
      { what: 'the job paused at page 11', timeoutMs: 30_000 },
    );
    expect(legacy).toMatchObject({ nextPage: 2, tally: { seen: 1000 } });
    expect(legacy.pageSize).toBeUndefined();
    const asked = pagesAsked.length;
    failPage11 = false;

    const done = await t.waitForJob(t.suppliers.kiwi, job.id, 60_000);
    expect(done.state).toBe('succeeded');
    // Resumed at page 11 of 100: pages 2-10 (products 101-1,000, written before the pause) are not read again.
    const afterResume = pagesAsked.slice(asked);
    expect(afterResume[0]).toBe(11);
    expect(afterResume.filter((p) => p < 11)).toEqual([]);
    expect(done.result.seen).toBe(products.length);
    expect(done.result.created).toBe(activeStock(products).length);
    await expectExactlyOnce(t, activeStock(products));
  }, 90_000);
});

describe('an import whose job expires while it works (a slow Cin7, a busy replica)', () => {
  let t: TestApp;
  let jobRetried: () => Promise<boolean> = async () => false;
  const productPageRequests: number[] = [];
  // Cin7 answers the first request for page 2 only once the job has expired and been retried: the attempt that
  // asked is then past its time, with a page in hand.
  const slowFetch: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const page = importPage(url);
    if (page) productPageRequests.push(page);
    if (page === 2 && productPageRequests.filter((p) => p === 2).length === 1) {
      await t.waitFor(jobRetried, { timeoutMs: 40_000, intervalMs: 50, what: 'the job to be retried' });
    }
    return fetch(input, init);
  };

  beforeAll(async () => {
    t = await createTestApp({
      sandbox: { seed: 'medium', rateLimit: { enabled: false } },
      fetch: slowFetch,
      work: { jobExpireSeconds: 4, runLeaseSeconds: 5 },
    });
    await t.connect(t.suppliers.kiwi);
    // Every change of a run, as it happens (a poll could miss a short pause).
    await t.dataSource.query(`
      CREATE TABLE run_history (at timestamptz DEFAULT clock_timestamp(), run_id uuid, state text, attempt int, error text, pages int);
      CREATE FUNCTION record_run() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        INSERT INTO run_history (run_id, state, attempt, error, pages)
          VALUES (NEW.id, NEW.state, NEW.attempt, NEW.error, (NEW.progress->>'pagesDone')::int);
        RETURN NEW; END $$;
      CREATE TRIGGER record_run AFTER UPDATE ON cin7_sync_run FOR EACH ROW EXECUTE FUNCTION record_run();`);
  }, 60_000);
  afterAll(() => t?.close());

  it('stops the expired attempt before it writes, and the retry finishes the import exactly once', async () => {
    const { products } = await sandboxCatalog(t, t.suppliers.kiwi);
    const job = await startImport(t, t.suppliers.kiwi, 'products');
    jobRetried = async () => {
      const [row] = await t.dataSource.query(
        `SELECT retry_count FROM cin7_queue.job WHERE singleton_key = $1 AND state = 'active'`,
        [`run:${job.id}`],
      );
      return (row?.retry_count ?? 0) >= 1;
    };
    const done = await t.waitForJob(t.suppliers.kiwi, job.id, 80_000);
    expect(done.state).toBe('succeeded');
    expect(done.result.created).toBe(activeStock(products).length);
    await expectExactlyOnce(t, activeStock(products));

    const history: { state: string; attempt: number; error: string | null; pages: number }[] =
      await t.dataSource.query(
        'SELECT state, attempt, error, pages FROM run_history WHERE run_id = $1 ORDER BY at',
        [job.id],
      );
    // The first attempt checkpointed page 1, then, past its time with page 2 in hand, stopped without writing it:
    // paused with the reason, or (on a machine busy enough to let its lease lapse) fenced out by the retry.
    const first = history.filter((h) => h.attempt === 0);
    expect(Math.max(...first.map((h) => h.pages))).toBe(1);
    expect(first.some((h) => h.state === 'succeeded')).toBe(false);
    const last = first.at(-1);
    if (last?.state === 'paused') expect(last.error).toMatch(/time ran out/);
    else expect(last?.state).toBe('running');
    // A later attempt finished it.
    expect(history.at(-1)).toMatchObject({ state: 'succeeded', pages: importPages(products) });
    expect(history.at(-1)?.attempt).toBeGreaterThanOrEqual(1);
    // Page 2 was read by the expired attempt (and dropped) and again by the retry; page 1 only once.
    expect(productPageRequests.filter((p) => p === 1)).toHaveLength(1);
    expect(productPageRequests.filter((p) => p === 2).length).toBeGreaterThanOrEqual(2);
  }, 100_000);
});
