import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Retention } from '../../src/module/work/retention.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('retention', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ sandbox: { seed: 'empty' }, workersEnabled: false });
  });
  afterAll(() => t?.close());

  const ids = async (sql: string) => (await t.dataSource.query(sql)).map((r: { id: string }) => String(r.id));

  it('prunes old runs (keeping the latest of each kind), push timelines, settled shipments and the call log', async () => {
    const supplier = t.suppliers.kiwi.id;
    const run = async (kind: string, state: string, daysAgo: number) =>
      (
        await t.dataSource.query(
          `INSERT INTO cin7_sync_run (supplier_id, kind, state, params, created_at, finished_at)
           VALUES ($1, $2, $3, $4, now() - make_interval(days => $5), now() - make_interval(days => $5))
           RETURNING id`,
          [supplier, kind, state, { scope: `s-${Math.random()}` }, daysAgo],
        )
      )[0].id as string;
    const oldImport = await run('import-products', 'succeeded', 40);
    const newerImport = await run('import-products', 'succeeded', 35); // the latest of its kind: kept
    const oldSync = await run('price-sync', 'failed', 45);
    const recentSync = await run('price-sync', 'succeeded', 2);

    await t.dataSource.query(
      `INSERT INTO cin7_shipment_state (supplier_id, sale_id, order_id, shipped_key, updated_at)
       VALUES ($1, 'old-shipped', 'o1', 'k', now() - interval '100 days'),
              ($1, 'old-open', 'o2', NULL, now() - interval '100 days'),
              ($1, 'new-shipped', 'o3', 'k', now() - interval '1 day')`,
      [supplier],
    );
    await t.dataSource.query(
      `INSERT INTO cin7_call_log (connection_id, budget_key, called_at, answered_at, priority)
       VALUES (gen_random_uuid(), 'k', now() - interval '2 hours', now() - interval '2 hours', 'push'),
              (gen_random_uuid(), 'k', now() - interval '10 seconds', now() - interval '9 seconds', 'push')`,
    );

    const [push] = await t.dataSource.query(
      `INSERT INTO cin7_order_push (supplier_id, upstock_order_id, state, external_id, approved_at)
       VALUES ($1, 'order-old', 'pushed', 'ext-old', now() - interval '200 days') RETURNING id`,
      [supplier],
    );
    const event = (step: string, daysAgo: number) =>
      t.dataSource.query(
        `INSERT INTO cin7_order_push_event (push_id, supplier_id, attempt, step, outcome, at)
         VALUES ($1, $2, 1, $3, 'ok', now() - make_interval(days => $4))`,
        [push.id, supplier, step, daysAgo],
      );
    await event('old-step', 200);
    await event('recent-step', 1);

    const deleted = await t.app.get(Retention).prune();
    expect(deleted).toMatchObject({ runs: 2, pushEvents: 1, shipmentStates: 1, callLog: 1 });
    const steps = await t.dataSource.query(`SELECT step FROM cin7_order_push_event`);
    expect(steps).toEqual([{ step: 'recent-step' }]);
    const runs = await ids(`SELECT id FROM cin7_sync_run`);
    expect(runs).toEqual(expect.arrayContaining([newerImport, recentSync]));
    expect(runs).not.toContain(oldImport);
    expect(runs).not.toContain(oldSync);
    const sales = (await t.dataSource.query(`SELECT sale_id FROM cin7_shipment_state ORDER BY sale_id`)).map(
      (r: { sale_id: string }) => r.sale_id,
    );
    expect(sales).toEqual(['new-shipped', 'old-open']);
    expect(await ids(`SELECT id FROM cin7_call_log`)).toHaveLength(1);
    // A second pass finds nothing left to do.
    expect(Object.values(await t.app.get(Retention).prune()).every((n) => n === 0)).toBe(true);
  });

  it('sweeps retired credentials past their hour even when their clean-up job never finished', async () => {
    await t.dataSource.query(
      `INSERT INTO cin7_retired_credentials (connection_id, supplier_id, account_id, api_key_encrypted, retired_at)
       VALUES (gen_random_uuid(), 'a', 'acc', 'v1.x', now() - interval '61 minutes'),
              (gen_random_uuid(), 'b', 'acc', 'v1.y', now() - interval '5 minutes')`,
    );
    expect((await t.app.get(Retention).prune()).retiredCredentials).toBe(1);
    expect(await t.dataSource.query(`SELECT supplier_id FROM cin7_retired_credentials`)).toEqual([
      { supplier_id: 'b' },
    ]);
  });
});
