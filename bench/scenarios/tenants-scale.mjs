// Scenario tenants-scale (issue 13): what idle suppliers cost, at 100 and at 2,000, on two replicas.
//   idle_db_queries_per_s_<n>   database transactions a second per replica while nothing is to do (pg_stat_database
//                               xact_commit delta of the bench database over a minute in which no poll, check or
//                               sync falls due, over 2 replicas; a statement outside a transaction is one)
//                               (goal: at most 5, the same at both sizes)
//   scheduler_tick_ms_<n>       one idle tick of both schedulers (price sync + shipments) at 2,000, the module's own
//                               scheduler classes against the bench database (median of 5) (goal: at most 250)
//   hourly_sync_minutes_<n>     every supplier's price sync made due at once: from the first run created to the last
//                               finished (goal: at most 10 at 2,000)
//   cost_ratio_<max>_vs_<min>   hourly sync time per supplier at 2,000 over at 100 (goal: at most 1.3)
// Suppliers are rows of the reference host's supplier table (bench-token-<i>) and sandbox tenants (extraTenant(i)),
// connected through the API like any supplier: nothing of this exists outside the bench.
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { apiCaller, startApi, startDatabase, startSandbox, waitUntil } from '../support/stack.mjs';

/** TENANTS_SCALE_SIZES=100,300 runs smaller sizes (the metric names follow them); the goals are at 100 and 2,000. */
const SIZES = (process.env.TENANTS_SCALE_SIZES ?? '100,2000').split(',').map(Number);
const IDLE_WINDOW_MS = 60_000;
const STATS_SETTLE_MS = 20_000;
const REPLICAS = 2;
const base = '/integrations/cin7-core';

export default {
  description: `idle cost and hourly price sync at ${SIZES.join(' and ')} connected suppliers on ${REPLICAS} replicas`,
  async run({ root, log }) {
    const { extraTenant } = await import(`${root}/packages/cin7-sandbox/dist/index.js`);
    const max = Math.max(...SIZES);
    const db = await startDatabase();
    const sandbox = await startSandbox({ seed: 'empty', extraTenants: max, webhooks: { enabled: false } });
    const sql = new pg.Pool({ connectionString: db.url, max: 4 });
    const replicas = [];
    let dataSource = null;
    const rows = [];
    try {
      // One after the other: the first runs the migrations. Production timings (a minute's tick), quiet logs.
      const env = { LOG_LEVEL: 'error' };
      replicas.push(await startApi({ databaseUrl: db.url, cin7BaseUrl: sandbox.baseUrl, env }));
      await sql.query(
        `INSERT INTO host_supplier (id, name, token)
         SELECT 'bench-supplier-' || i, 'Bench Supplier ' || i, 'bench-token-' || i FROM generate_series(0, $1 - 1) i`,
        [max],
      );
      for (let i = 1; i < REPLICAS; i++)
        replicas.push(await startApi({ databaseUrl: db.url, cin7BaseUrl: sandbox.baseUrl, env }));

      const { DataSource } = createRequire(path.join(root, 'apps/api/package.json'))('typeorm');
      dataSource = new DataSource({ type: 'postgres', url: db.url });
      await dataSource.initialize();
      const { PriceSyncScheduler } = await import(
        `${root}/apps/api/dist/module/prices/price-sync.scheduler.js`
      );
      const { ShipmentScheduler } = await import(
        `${root}/apps/api/dist/module/shipments/sync/shipment-scheduler.service.js`
      );
      // An idle tick enqueues nothing: a call here means the tick was not idle, and the figure would be wrong.
      const mustNotEnqueue = {
        forSupplier: () => Promise.reject(new Error('idle tick enqueued a price sync')),
        send: () => Promise.reject(new Error('idle tick enqueued a shipment job')),
      };
      const priceScheduler = new PriceSyncScheduler(dataSource, mustNotEnqueue, null, {});
      const shipmentScheduler = new ShipmentScheduler(dataSource, mustNotEnqueue, null, {});

      const one = async (q, params) => (await sql.query(q, params)).rows[0];
      const commits = async () =>
        Number(
          (await one(`SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()`))
            .xact_commit,
        );
      const finishedSyncs = async (since) =>
        one(
          `SELECT count(*) FILTER (WHERE finished_at IS NOT NULL)::int AS done,
                  count(*) FILTER (WHERE state = 'succeeded')::int AS ok,
                  extract(epoch FROM max(finished_at) - min(created_at)) AS span_s
             FROM cin7_sync_run WHERE kind = 'price-sync' AND created_at >= $1`,
          [since],
        );

      let connected = 0;
      const perSupplier = {};
      for (const size of SIZES) {
        // Connect suppliers up to `size`, through both replicas, a few at a time.
        const wallConnect = performance.now();
        const todo = Array.from({ length: size - connected }, (_, k) => connected + k);
        await Promise.all(
          Array.from({ length: 16 }, async (_, lane) => {
            for (let k = lane; k < todo.length; k += 16) {
              const i = todo[k];
              const tenant = extraTenant(i);
              const call = apiCaller(replicas[i % REPLICAS].url, { token: `bench-token-${i}` });
              await call('POST', `${base}/connection`, {
                accountId: tenant.accountId,
                apiKey: tenant.apiKey,
              });
            }
          }),
        );
        connected = size;
        log(`${size} suppliers connected (${((performance.now() - wallConnect) / 1000).toFixed(1)} s)`);
        // A replica's tick has claimed every supplier's first price sync: from here a tick finds nothing due.
        await waitUntil(
          async () =>
            (
              await one(
                `SELECT count(*) FILTER (WHERE next_due_at > now())::int AS n FROM cin7_price_sync_state`,
              )
            ).n >= size,
          `the first tick over ${size} suppliers`,
          { timeoutMs: 5 * 60_000, intervalMs: 500 },
        );
        if (size === max) {
          const ticks = [];
          for (let t = 0; t < 5; t++) {
            const started = performance.now();
            await priceScheduler.tick();
            await shipmentScheduler.tick();
            ticks.push(performance.now() - started);
          }
          ticks.sort((a, b) => a - b);
          log(`${size}: idle ticks ${ticks.map((t) => t.toFixed(0)).join(', ')} ms`);
          rows.push({ metric: `scheduler_tick_ms_${size}`, value: ticks[2], unit: 'ms' });
        }
        // Their first syncs (due at the first tick after connecting) end before anything is measured.
        await waitUntil(
          async () => {
            const r = await finishedSyncs(new Date(0));
            const open = await one(`SELECT count(*)::int AS n FROM cin7_sync_run WHERE finished_at IS NULL`);
            return r.done >= size && open.n === 0;
          },
          `the first price syncs of ${size} suppliers`,
          { timeoutMs: 30 * 60_000, intervalMs: 1000 },
        );

        // Every supplier's hourly price sync due at once (as if the hour had passed for all).
        const mark = (await one(`SELECT now() AS t`)).t;
        await sql.query(`UPDATE cin7_price_sync_state SET next_due_at = now()`);
        const sync = await waitUntil(
          async () => {
            const r = await finishedSyncs(mark);
            return r.done >= size ? r : null;
          },
          `the hourly price syncs of ${size} suppliers`,
          { timeoutMs: 30 * 60_000, intervalMs: 1000 },
        );
        const syncMinutes = Number(sync.span_s) / 60;
        perSupplier[size] = syncMinutes / size;
        log(
          `${size}: hourly price sync of every supplier in ${syncMinutes.toFixed(2)} min (${sync.ok}/${size} succeeded)`,
        );
        // An idle minute: nothing falls due in it. Every supplier's next shipment poll and webhook check is moved
        // past it (that is work, each supplier's own, measured by shipment-sync; the price syncs were just done),
        // and what the last ticks enqueued has ended.
        // (Within their intervals, 10 and 15 minutes: a next poll further out than its interval is taken for a
        // shortened interval, and polled at once.)
        await sql.query(
          `UPDATE cin7_shipment_schedule SET next_poll_at = now() + interval '9 minutes',
                  next_webhook_check_at = now() + interval '14 minutes'`,
        );
        await waitUntil(
          async () =>
            (await one(`SELECT count(*)::int AS n FROM cin7_sync_run WHERE finished_at IS NULL`)).n === 0 &&
            (
              await one(
                `SELECT count(*)::int AS n FROM cin7_queue.job WHERE state IN ('created', 'retry', 'active')
                    AND start_after <= now()`,
              )
            ).n === 0,
          'quiet',
          { timeoutMs: 10 * 60_000, intervalMs: 1000 },
        );
        // Postgres adds a session's counts to pg_stat_database up to 10 s after it goes idle: without this wait,
        // the window would count the work just before it (measured: 5.42/s per replica instead of 2.02).
        await new Promise((r) => setTimeout(r, STATS_SETTLE_MS));
        const before = await commits();
        await new Promise((r) => setTimeout(r, IDLE_WINDOW_MS));
        // Minus this probe's own transaction.
        const idle = (await commits()) - before - 1;
        const perReplica = idle / (IDLE_WINDOW_MS / 1000) / REPLICAS;
        log(
          `${size}: ${idle} transactions in ${IDLE_WINDOW_MS / 1000} s idle, ${perReplica.toFixed(2)}/s per replica`,
        );
        rows.push(
          { metric: `idle_db_queries_per_s_${size}`, value: perReplica, unit: 'queries/s' },
          { metric: `hourly_sync_minutes_${size}`, value: syncMinutes, unit: 'min' },
        );
      }
      const ratio = perSupplier[max] / perSupplier[Math.min(...SIZES)];
      const load = os.loadavg();
      log(`cost ratio ${ratio.toFixed(2)}, load average ${load.map((l) => l.toFixed(2)).join(' ')}`);
      rows.push(
        { metric: `cost_ratio_${max}_vs_${Math.min(...SIZES)}`, value: ratio, unit: 'ratio' },
        { metric: 'load_average_1m', value: load[0], unit: 'load' },
      );
      return rows;
    } finally {
      await dataSource?.destroy();
      await sql.end();
      for (const r of replicas) await r.stop();
      await sandbox.close();
      await db.stop();
    }
  },
};
