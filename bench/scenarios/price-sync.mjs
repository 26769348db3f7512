// Scenario price-sync (issue #5): Cin7 price tiers, custom prices and discounts into Upstock price lists, on the
// `large` seed (10,000 products, 2,000 customers) with the sandbox's rate limit off.
//   cin7_calls_full        Cin7 calls of a first full sync (everything imported and linked, nothing written yet)
//   cin7_calls_idle        Cin7 calls of an hourly (incremental) sync when nothing changed (goal: at most 3)
//   cin7_calls_50_changed  Cin7 calls of the incremental sync after 50 prices changed in the sandbox
//   wall_s_full            seconds from POST /prices/sync to the first full sync's end
// (wall_s_idle and wall_s_50_changed are printed too.)
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DEMO_ACCOUNTS } from '../../packages/cin7-sandbox/dist/index.js';
import { apiCaller, startApi, startDatabase, startSandbox, waitForJob } from '../support/stack.mjs';

const base = '/integrations/cin7-core';
const MODULE_PRICE_TABLES = [
  'cin7_price_list',
  'cin7_price_customer_state',
  'cin7_price_product',
  'cin7_price_customer',
  'cin7_price_sync_state',
];

export default {
  description: 'Price sync on the large seed: full, idle hourly, 50 prices changed (rate limit off)',
  /** @param {{ root: string, log(line: string): void }} ctx */
  async run({ log }) {
    const db = await startDatabase();
    const sandbox = await startSandbox({
      seed: 'large',
      rateLimit: { enabled: false },
      webhooks: { enabled: false },
    });
    const api = await startApi({ databaseUrl: db.url, cin7BaseUrl: sandbox.baseUrl });
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const call = apiCaller(api.url, { prefix: base });
    const waitJob = (id) => waitForJob(call, id, { timeoutMs: 600_000 });
    const settled = async () => {
      for (;;) {
        const { rows } = await sql.query(
          `SELECT count(*)::int AS n FROM cin7_sync_run WHERE kind = 'price-sync' AND state IN ('queued','running','paused')`,
        );
        if (rows[0].n === 0) return;
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const timedSync = async (body) => {
      // The module's own 60-calls-a-minute budget (Cin7's limit) is shared with the imports just run; with the
      // sandbox's limit off, each measured sync starts with an empty window so it measures its own work only.
      await sql.query('DELETE FROM cin7_call_log');
      const started = performance.now();
      const job = await waitJob((await call('POST', '/prices/sync', body)).id);
      const wallS = (performance.now() - started) / 1000;
      if (job.state !== 'succeeded') throw new Error(`price sync ${job.state}: ${job.error}`);
      return { job, wallS };
    };
    try {
      const account = DEMO_ACCOUNTS[0];
      await call('POST', '/connection', { accountId: account.accountId, apiKey: account.apiKey });
      for (const kind of ['products', 'customers']) {
        const job = await waitJob((await call('POST', '/imports', { kind })).id);
        if (job.state !== 'succeeded') throw new Error(`import ${kind} ${job.state}: ${job.error}`);
      }
      // Imports trigger price syncs of their own; let them end, then forget what they wrote so the measured sync
      // is a true first one (reads everything, writes every list, assignment and customer price).
      await settled();
      for (const table of MODULE_PRICE_TABLES) await sql.query(`DELETE FROM ${table}`);

      const full = await timedSync({});
      if (full.job.result.mode !== 'full')
        throw new Error(`expected a full sync, got ${full.job.result.mode}`);
      const { rows: lists } = await sql.query(`SELECT count(*)::int AS n FROM host_price_list`);
      const { rows: entries } = await sql.query(`SELECT count(*)::int AS n FROM host_price_list_entry`);
      log(
        `full: ${full.job.result.cin7Calls} calls, ${full.wallS.toFixed(2)} s (read ${full.job.result.readMs} ms, plan+write ${full.job.result.writeMs} ms), ${lists[0].n} lists, ${entries[0].n} entries, ` +
          `${full.job.result.changes.customersReassigned} customers assigned`,
      );

      const idle = await timedSync({});
      if (idle.job.result.mode !== 'incremental') throw new Error(`idle sync was ${idle.job.result.mode}`);
      if (idle.job.result.changes.lists.length > 0) throw new Error('an idle sync wrote lists');
      log(`idle: ${idle.job.result.cin7Calls} calls, ${idle.wallS.toFixed(2)} s`);

      // 50 prices: Tier 2 of the first 50 active products.
      const { rows: products } = await sql.query(
        `SELECT l.sku FROM cin7_product_link l ORDER BY l.sku LIMIT 50`,
      );
      for (const [i, p] of products.entries()) await sandbox.admin.setProductPrice(0, p.sku, 2, 1000 + i);
      const changed = await timedSync({});
      const touched = changed.job.result.changes.lists.reduce((sum, l) => sum + l.changed, 0);
      if (touched < 50) throw new Error(`50 prices changed but ${touched} list entries were rewritten`);
      log(
        `50 changed: ${changed.job.result.cin7Calls} calls, ${changed.wallS.toFixed(2)} s, ${touched} entries changed`,
      );

      return [
        { metric: 'cin7_calls_full', value: full.job.result.cin7Calls, unit: 'calls' },
        { metric: 'cin7_calls_idle', value: idle.job.result.cin7Calls, unit: 'calls' },
        { metric: 'cin7_calls_50_changed', value: changed.job.result.cin7Calls, unit: 'calls' },
        { metric: 'wall_s_full', value: full.wallS, unit: 's' },
        { metric: 'wall_s_idle', value: idle.wallS, unit: 's' },
        { metric: 'wall_s_50_changed', value: changed.wallS, unit: 's' },
      ];
    } finally {
      await sql.end();
      await api.stop();
      await sandbox.close();
      await db.stop();
    }
  },
};
