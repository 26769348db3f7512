import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Cin7ServerError } from '@upstock/cin7-core';
import { ShuttingDownError } from '../../src/module/work/call-budget.js';
import { SyncRuns } from '../../src/module/work/sync-runs.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const cin7Down = () =>
  new Cin7ServerError({ status: 502, cin7Message: 'Bad gateway', method: 'GET', path: 'customer' });

describe('supplier-visible runs', () => {
  let t: TestApp;
  let runs: SyncRuns;
  beforeAll(async () => {
    t = await createTestApp({ sandbox: { seed: 'empty' }, workersEnabled: false });
    runs = t.app.get(SyncRuns);
  });
  afterAll(() => t?.close());

  const newRun = async (): Promise<string> => {
    const [row] = await t.dataSource.query(
      `INSERT INTO cin7_sync_run (supplier_id, kind, state, params) VALUES ($1, 'price-sync', 'queued', $2) RETURNING id`,
      [t.suppliers.kiwi.id, { scope: `test-${Math.random()}` }],
    );
    return row.id;
  };
  const stateOf = async (id: string) =>
    (await t.dataSource.query('SELECT state, error FROM cin7_sync_run WHERE id = $1', [id]))[0];

  it('pause on a Cin7 outage while retries are left, and end visibly failed on the last one', async () => {
    const id = await newRun();
    await expect(runs.execute(id, async () => Promise.reject(cin7Down()))).rejects.toThrow(Cin7ServerError);
    expect(await stateOf(id)).toMatchObject({ state: 'paused' });

    await runs.execute(id, async () => Promise.reject(cin7Down()), { lastAttempt: true });
    const ended = await stateOf(id);
    expect(ended.state).toBe('failed');
    expect(ended.error).toMatch(/^Gave up after repeated attempts: .*Bad gateway/);
    // A failed run no longer blocks the next one of its kind.
    expect((await runs.startOrJoin(t.suppliers.kiwi.id, 'price-sync', 'cin7-price-sync')).joined).toBe(false);
  });

  it('pause when their replica shuts down, even on the last attempt: another replica resumes them', async () => {
    const id = await newRun();
    await expect(
      runs.execute(id, async () => Promise.reject(new ShuttingDownError()), { lastAttempt: true }),
    ).rejects.toThrow(ShuttingDownError);
    expect(await stateOf(id)).toMatchObject({ state: 'paused' });
  });

  it('fail at once on an error that no retry would change', async () => {
    const id = await newRun();
    await runs.execute(id, async () => Promise.reject(new Error('mapping bug')));
    expect(await stateOf(id)).toMatchObject({ state: 'failed', error: 'mapping bug' });
  });
});
