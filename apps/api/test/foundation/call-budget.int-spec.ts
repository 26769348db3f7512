import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConnectionsService } from '../../src/module/connection/connections.service.js';
import {
  budgetKeyOf,
  CallBudgetBusyError,
  INTERACTIVE_MAX_WAIT_MS,
  PostgresCallBudget,
} from '../../src/module/work/call-budget.js';
import { systemClock } from '../../src/module/work/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const base = '/integrations/cin7-core';
/** Resolves to 'waiting' when the promise has not settled within `ms`. */
const within = <T>(p: Promise<T>, ms: number) => {
  p.catch(() => undefined); // a waiter still waiting is stopped at the end of the file
  return Promise.race([p, new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), ms))]);
};

describe('the call budget, shared by everything that calls one Cin7 account', () => {
  let t: TestApp;
  let kiwiConnection: string;
  let aussieConnection: string;
  let stopped = false;
  const account = () => t.suppliers.kiwi.account;
  const budget = (connectionId: string, callsPerMinute = 3) =>
    new PostgresCallBudget(
      t.dataSource,
      connectionId,
      budgetKeyOf(account().accountId, account().apiKey),
      systemClock,
      { callsPerMinute },
      () => stopped,
    );
  const clearLog = () => t.dataSource.query('DELETE FROM cin7_call_log');

  beforeAll(async () => {
    t = await createTestApp({ sandbox: { seed: 'small' }, workersEnabled: false });
    // Two suppliers connected to the same Cin7 account with the same API key: Cin7 gives them 60 calls together.
    for (const supplier of [t.suppliers.kiwi, t.suppliers.aussie]) {
      await t.http
        .post(`${base}/connection`)
        .set(t.as(supplier))
        .send({ accountId: account().accountId, apiKey: account().apiKey })
        .expect(201);
    }
    const rows: { supplier_id: string; id: string }[] = await t.dataSource.query(
      'SELECT supplier_id, id FROM cin7_connection',
    );
    kiwiConnection = rows.find((r) => r.supplier_id === t.suppliers.kiwi.id)?.id as string;
    aussieConnection = rows.find((r) => r.supplier_id === t.suppliers.aussie.id)?.id as string;
  });
  afterAll(async () => {
    stopped = true;
    await new Promise((r) => setTimeout(r, 5_500)); // waiters notice within one wait
    await t?.close();
  }, 15_000);

  it('is keyed by the Cin7 account and API key: two connections on one key share its calls', async () => {
    await clearLog();
    const kiwi = budget(kiwiConnection);
    for (let i = 0; i < 3; i++) await kiwi.answered(await kiwi.acquire({ method: 'GET', priority: 'push' }));
    // The other supplier's connection finds the key's minute spent.
    expect(await within(budget(aussieConnection).acquire({ method: 'GET', priority: 'push' }), 1_000)).toBe(
      'waiting',
    );
    // What is stored is a hash, never the key.
    const keys: { budget_key: string }[] = await t.dataSource.query(
      'SELECT DISTINCT budget_key FROM cin7_call_log',
    );
    expect(keys).toEqual([{ budget_key: budgetKeyOf(account().accountId, account().apiKey) }]);
    expect(keys[0]?.budget_key).not.toContain(account().apiKey);

    // The module's own clients key their calls the same way: one budget for both suppliers' connections.
    await clearLog();
    const connections = t.app.get(ConnectionsService);
    for (const supplier of [t.suppliers.kiwi, t.suppliers.aussie]) {
      await (await connections.clientFor(supplier.id, 'background')).client.me.get();
    }
    const used: { connection_id: string; budget_key: string }[] = await t.dataSource.query(
      'SELECT connection_id, budget_key FROM cin7_call_log ORDER BY called_at',
    );
    expect(used.map((c) => c.connection_id)).toEqual([kiwiConnection, aussieConnection]);
    expect(new Set(used.map((c) => c.budget_key))).toEqual(
      new Set([budgetKeyOf(account().accountId, account().apiKey)]),
    );
  });

  it('holds a slot from the call until a minute after its answer, on the database clock', async () => {
    await clearLog();
    const kiwi = budget(kiwiConnection, 2);
    const slots = [
      await kiwi.acquire({ method: 'GET', priority: 'push' }),
      await kiwi.acquire({ method: 'GET', priority: 'push' }),
    ];
    // Both calls started two minutes ago (a slow Cin7, a busy process) and were answered just now: Cin7 may have
    // counted them only now, so their slots stay taken.
    await t.dataSource.query(`UPDATE cin7_call_log SET called_at = now() - interval '2 minutes'`);
    for (const slot of slots) await kiwi.answered(slot);
    expect(await within(kiwi.acquire({ method: 'GET', priority: 'push' }), 1_000)).toBe('waiting');

    // Calls still without an answer hold their slots too.
    await clearLog();
    await kiwi.acquire({ method: 'GET', priority: 'push' });
    await kiwi.acquire({ method: 'GET', priority: 'push' });
    await t.dataSource.query(`UPDATE cin7_call_log SET called_at = now() - interval '2 minutes'`);
    expect(await within(kiwi.acquire({ method: 'GET', priority: 'push' }), 1_000)).toBe('waiting');

    // A minute (plus the margin) after the answers, the slots are free again.
    await t.dataSource.query(`UPDATE cin7_call_log SET answered_at = now() - interval '62 seconds'`);
    expect(await within(kiwi.acquire({ method: 'GET', priority: 'push' }), 1_000)).not.toBe('waiting');

    // A replica whose clock runs two minutes behind stamps nothing in the past: calls are stamped by the database,
    // so another replica still finds the minute spent.
    await clearLog();
    const behind = { ...systemClock, now: () => Date.now() - 120_000 };
    const late = new PostgresCallBudget(
      t.dataSource,
      kiwiConnection,
      budgetKeyOf(account().accountId, account().apiKey),
      behind,
      { callsPerMinute: 2 },
      () => stopped,
    );
    for (let i = 0; i < 2; i++) await late.answered(await late.acquire({ method: 'GET', priority: 'push' }));
    expect(await within(kiwi.acquire({ method: 'GET', priority: 'push' }), 1_000)).toBe('waiting');
  });

  it('tells a user at once that the minute is spent, rather than letting a request hang (503)', async () => {
    await clearLog();
    const kiwi = budget(kiwiConnection, 60);
    for (let i = 0; i < 57; i++) await kiwi.acquire({ method: 'GET', priority: 'push' });
    const started = Date.now();
    await expect(kiwi.acquire({ method: 'GET', priority: 'interactive' })).rejects.toThrow(
      CallBudgetBusyError,
    );
    expect(Date.now() - started).toBeLessThan(INTERACTIVE_MAX_WAIT_MS);

    // Through the panel's customer search: a clear 503, quickly.
    const before = Date.now();
    const res = await t.http.get(`${base}/customers/search?q=Kauri`).set(t.as(t.suppliers.kiwi));
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      error: 'Cin7 Busy',
      message: expect.stringMatching(/calls for the minute/),
    });
    expect(Date.now() - before).toBeLessThan(INTERACTIVE_MAX_WAIT_MS + 2_000);
  });
});
