import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_SETTINGS, FULFILMENT_STEPS_RULE } from '@upstock/cin7-contracts';
import { createTestApp, type TestApp } from '../support/test-app.js';

const route = '/integrations/cin7-core/settings';

describe('settings', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ sandbox: { seed: 'empty' } });
  });
  afterAll(() => t?.close());

  it('starts from the defaults: Draft, Simple, no fulfilment steps, ship-by from the delivery date', async () => {
    const res = await t.http.get(route).set(t.as(t.suppliers.kiwi));
    expect(res.status).toBe(200);
    expect(res.body).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses pick/pack/ship steps unless the sale is Simple and Authorised, explaining why, and saves nothing', async () => {
    const res = await t.http
      .put(route)
      .set(t.as(t.suppliers.kiwi))
      .send({ ...DEFAULT_SETTINGS, saleStatus: 'DRAFT', fulfilmentSteps: 'PICK_PACK' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      field: 'fulfilmentSteps',
      message: `fulfilmentSteps: ${FULFILMENT_STEPS_RULE}`,
    });
    expect((await t.http.get(route).set(t.as(t.suppliers.kiwi))).body).toEqual(DEFAULT_SETTINGS);
  });

  it('names the field of an unknown value', async () => {
    const res = await t.http
      .put(route)
      .set(t.as(t.suppliers.kiwi))
      .send({ ...DEFAULT_SETTINGS, saleType: 'FANCY' });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('saleType');
  });

  it('saves a valid combination for the caller only', async () => {
    const wanted = {
      ...DEFAULT_SETTINGS,
      saleStatus: 'AUTHORISED',
      fulfilmentSteps: 'PICK_PACK_SHIP',
      shipByMode: 'IN_SHIPPING_NOTES',
      freightServiceName: 'Courier',
    };
    const res = await t.http.put(route).set(t.as(t.suppliers.kiwi)).send(wanted);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(wanted);
    expect((await t.http.get(route).set(t.as(t.suppliers.kiwi))).body).toEqual(wanted);
    expect((await t.http.get(route).set(t.as(t.suppliers.aussie))).body).toEqual(DEFAULT_SETTINGS);
  });
});

describe('jobs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ sandbox: { seed: 'empty' } });
  });
  afterAll(() => t?.close());

  it("lists the caller's runs and hides another supplier's (404, never data)", async () => {
    const [run] = await t.dataSource.query(
      `INSERT INTO cin7_sync_run (supplier_id, kind, state, params) VALUES ($1, 'price-sync', 'succeeded', '{}') RETURNING id`,
      [t.suppliers.kiwi.id],
    );
    const mine = await t.http.get('/integrations/cin7-core/jobs').set(t.as(t.suppliers.kiwi));
    expect(mine.body.items.map((j: { id: string }) => j.id)).toEqual([run.id]);
    expect(
      (await t.http.get(`/integrations/cin7-core/jobs/${run.id}`).set(t.as(t.suppliers.kiwi))).body,
    ).toMatchObject({
      id: run.id,
      kind: 'price-sync',
      state: 'succeeded',
    });
    expect(
      (await t.http.get('/integrations/cin7-core/jobs').set(t.as(t.suppliers.aussie))).body.items,
    ).toEqual([]);
    expect(
      (await t.http.get(`/integrations/cin7-core/jobs/${run.id}`).set(t.as(t.suppliers.aussie))).status,
    ).toBe(404);
    expect(
      (await t.http.get('/integrations/cin7-core/jobs/not-a-uuid').set(t.as(t.suppliers.kiwi))).status,
    ).toBe(404);
  });
});
