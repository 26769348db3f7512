import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import PgBoss10 from 'pg-boss-10';
import { JobQueue, QUEUES } from '../../src/module/work/job-queue.service.js';
import { runJobKey } from '../../src/module/work/sync-runs.service.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * A database that ran the module with pg-boss 10 (queue schema cin7_jobs, schema version 24). pg-boss 12 refuses to
 * migrate it ("the oldest supported starting version is 25"), so the module sets it aside and re-creates the work
 * from its own tables.
 */
describe('upgrading from the pg-boss 10 queue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ sandbox: { seed: 'empty' }, workersEnabled: false });
  });
  afterAll(() => t?.close());

  it('sets the old schema aside and gives every unfinished run a job again, resuming at its checkpoint', async () => {
    const [paused] = await t.dataSource.query(
      `INSERT INTO cin7_sync_run (supplier_id, kind, state, params, checkpoint, attempt)
       VALUES ($1, 'import-products', 'paused', '{"scope":"all"}', '{"nextPage":3}', 4) RETURNING id`,
      [t.suppliers.kiwi.id],
    );
    await t.instances[0]?.close();

    // What the previous version left behind: pg-boss 10's schema with the run's job in it.
    const pool = new pg.Pool({ connectionString: t.config.databaseUrl, max: 2 });
    const old = new PgBoss10({
      db: { executeSql: (text, values) => pool.query(text, values) },
      schema: 'cin7_jobs',
    });
    await old.start();
    await old.createQueue(QUEUES.import);
    await old.send(QUEUES.import, { supplierId: t.suppliers.kiwi.id, runId: paused.id });
    await old.stop({ graceful: false, close: false });
    await pool.end();

    await t.startInstance();
    const schemas = await t.dataSource.query(
      `SELECT nspname FROM pg_namespace WHERE nspname LIKE 'cin7_jobs%' ORDER BY nspname`,
    );
    expect(schemas.map((s: { nspname: string }) => s.nspname)).toEqual(['cin7_jobs_v10_retired']);
    const queue = t.app.get(JobQueue);
    expect(await queue.isLive(QUEUES.import, runJobKey(paused.id))).toBe(true);
    const [run] = await t.dataSource.query(
      'SELECT state, checkpoint, attempt FROM cin7_sync_run WHERE id = $1',
      [paused.id],
    );
    // Attempt numbers restart with the new job, so its first attempt may claim the run.
    expect(run).toEqual({ state: 'paused', checkpoint: { nextPage: 3 }, attempt: null });

    // A later start finds nothing to adopt and re-enqueues nothing twice.
    await t.startInstance();
    expect(await queue.isLive(QUEUES.import, runJobKey(paused.id))).toBe(true);
  });
});
