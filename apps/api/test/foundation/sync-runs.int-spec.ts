import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Cin7ServerError } from '@upstock/cin7-core';
import { ShuttingDownError } from '../../src/module/work/call-budget.js';
import { JobExpiredError, runInJob } from '../../src/module/work/job-context.js';
import { JobQueue, QUEUES } from '../../src/module/work/job-queue.service.js';
import {
  REAPED_MESSAGE,
  RunBusyError,
  RunTakenOverError,
  runJobKey,
  SyncRuns,
} from '../../src/module/work/sync-runs.service.js';
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

  it('refuse to start a run whose job could not be enqueued, leaving no run behind', async () => {
    const queue = t.app.get(JobQueue);
    const scope = `enqueue-fails-${Math.random()}`;
    const send = jest.spyOn(queue, 'send').mockRejectedValueOnce(new Error('queue unreachable'));
    try {
      await expect(
        runs.startOrJoin(t.suppliers.kiwi.id, 'price-sync', QUEUES.priceSync, { scope }),
      ).rejects.toThrow('queue unreachable');
    } finally {
      send.mockRestore();
    }
    const left = await t.dataSource.query(`SELECT id FROM cin7_sync_run WHERE params->>'scope' = $1`, [
      scope,
    ]);
    expect(left).toEqual([]);
    // The next request starts one (with its job), rather than joining a run nobody will ever work on.
    const next = await runs.startOrJoin(t.suppliers.kiwi.id, 'price-sync', QUEUES.priceSync, { scope });
    expect(next.joined).toBe(false);
    expect(await queue.isLive(QUEUES.priceSync, runJobKey(next.run.id))).toBe(true);
  });

  it('reap runs whose job is gone, with the reason shown, and leave runs with a live job alone', async () => {
    const queue = t.app.get(JobQueue);
    const orphan = await newRun(); // no job: its replica was lost in the last retry
    const { run: alive } = await runs.startOrJoin(t.suppliers.kiwi.id, 'price-sync', QUEUES.priceSync, {
      scope: `alive-${Math.random()}`,
    });
    expect(await queue.isLive(QUEUES.priceSync, runJobKey(alive.id))).toBe(true);
    await t.dataSource.query(
      `UPDATE cin7_sync_run SET created_at = now() - interval '5 minutes', state = 'running' WHERE id = ANY($1)`,
      [[orphan, alive.id]],
    );
    expect(await runs.reapOrphans()).toBeGreaterThanOrEqual(1);
    expect(await stateOf(orphan)).toEqual({ state: 'failed', error: REAPED_MESSAGE });
    expect((await stateOf(alive.id)).state).toBe('running');
  });

  it('let one attempt work on a run at a time: a retry waits for the lease, then fences the old attempt out', async () => {
    const id = await newRun();
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let resumeOld!: () => void;
    const oldMayResume = new Promise<void>((r) => {
      resumeOld = r;
    });
    // Attempt 0 starts, checkpoints once, then freezes (a paused process) before its next write.
    const first = runs.execute(
      id,
      async (ctx) => {
        await ctx.checkpoint({ checkpoint: { page: 1 } });
        release();
        await oldMayResume;
        await ctx.checkpoint({ checkpoint: { page: 2 } });
        return { by: 'first' };
      },
      { attempt: 0 },
    );
    await held;
    // Its job expired and was retried while it still holds the run: the retry does not start beside it.
    await expect(runs.execute(id, async () => ({ by: 'second' }), { attempt: 1 })).rejects.toThrow(
      RunBusyError,
    );
    // The frozen attempt's lease lapses (nobody renewed it): the retry takes the run over and finishes it.
    await t.dataSource.query(
      `UPDATE cin7_sync_run SET lease_until = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    await runs.execute(
      id,
      async (ctx) => {
        expect(ctx.run.checkpoint).toEqual({ page: 1 });
        return { by: 'second' };
      },
      { attempt: 1 },
    );
    // The old attempt wakes up: its next write is refused and the run keeps the retry's outcome.
    resumeOld();
    await expect(first).rejects.toThrow(RunTakenOverError);
    const [row] = await t.dataSource.query(
      'SELECT state, result, checkpoint FROM cin7_sync_run WHERE id = $1',
      [id],
    );
    expect(row).toEqual({ state: 'succeeded', result: { by: 'second' }, checkpoint: { page: 1 } });
  });

  it('stop an attempt whose job expired at its next step, and let the retry resume at once', async () => {
    const id = await newRun();
    const job = new AbortController();
    let wrote = 0;
    const expiring = runInJob(job.signal, () =>
      runs.execute(
        id,
        async (ctx) => {
          await ctx.checkpoint({ checkpoint: { page: 1 } });
          job.abort(new Error('handler execution exceeded 600s'));
          ctx.assertOwned();
          wrote++;
          return {};
        },
        { attempt: 0, signal: job.signal },
      ),
    );
    await expect(expiring).rejects.toThrow(JobExpiredError);
    expect(wrote).toBe(0);
    expect((await stateOf(id)).state).toBe('paused');
    // The lease was let go: the retry does not wait for it to lapse.
    await runs.execute(id, async (ctx) => ({ resumedAt: ctx.run.checkpoint }), { attempt: 1 });
    expect((await stateOf(id)).state).toBe('succeeded');
  });
});
