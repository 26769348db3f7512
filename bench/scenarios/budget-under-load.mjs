// Scenario budget-under-load (issue 13): the call budget holds when the hosts are busy.
//   Two API replicas on one database, a burst of 300 approvals against the sandbox's real limit (60 calls a minute, at
//   a time scale) while two CPU-burning child processes keep both cores busy.
//   throttled_responses     429/503 answers the sandbox gave during the burst (goal: 0)
//   budget_utilisation_pct  calls made / calls the budget offered from the first approval to the last sale (a full
//                           minute to start with, then 60 a simulated minute) (goal: at least 85)
// Approving and measuring as in order-push.mjs.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import {
  apiCaller,
  connectImportAndOrders,
  startApi,
  startDatabase,
  startSandbox,
  waitUntil,
} from '../support/stack.mjs';

const BURST = 300;
/**
 * Simulated seconds per real second: 600 calls are 10 simulated minutes, about 2.5 minutes of wall time. Faster
 * scales measure the loaded machine rather than the budget (at 10, a burst needs 5 pushes' work a real second).
 */
const TIME_SCALE = 4;
const BURNERS = 2;
const base = '/integrations/cin7-core';

export default {
  description: `a burst of ${BURST} approvals on two replicas at 60 calls/min while ${BURNERS} processes burn the CPU`,
  async run({ root, log }) {
    const { DEMO_ACCOUNTS } = await import(`${root}/packages/cin7-sandbox/dist/index.js`);
    const account = DEMO_ACCOUNTS[0];
    const db = await startDatabase();
    const sandbox = await startSandbox({
      seed: 'small',
      timeScale: TIME_SCALE,
      webhooks: { enabled: false },
    });
    // Both replicas share one scaled clock (TIME_ORIGIN); schedulers stay out of the way.
    const env = {
      TIME_SCALE: String(TIME_SCALE),
      TIME_ORIGIN: String(Date.now()),
      SCHEDULER_TICK_MS: '3600000',
      LOG_LEVEL: 'error',
    };
    const replicas = [];
    const burners = [];
    const sql = new pg.Pool({ connectionString: db.url, max: 4 });
    try {
      // One after the other: the first runs the migrations.
      for (let i = 0; i < 2; i++)
        replicas.push(await startApi({ databaseUrl: db.url, cin7BaseUrl: sandbox.baseUrl, env }));
      const calls = replicas.map((r) => apiCaller(r.url));
      const call = calls[0];
      const waitFor = (probe, what) => waitUntil(probe, what, { intervalMs: 100 });
      const settledCount = async () =>
        (
          await sql.query(
            `SELECT count(*)::int AS n FROM cin7_order_push WHERE state IN ('pushed','failed','refused')`,
          )
        ).rows[0].n;
      const pushedCount = async () =>
        (await sql.query(`SELECT count(*)::int AS n FROM cin7_order_push WHERE state = 'pushed'`)).rows[0].n;

      const createOrder = await connectImportAndOrders(call, sql, { base, account });
      // Through the replica of the lane: both replicas' workers and budgets take part.
      const approve = (id, replica) => calls[replica]('POST', `/host/orders/${id}/approve`);

      // One warm-up push per replica reads Cin7's defaults (location, tax rule) into its cache.
      for (let r = 0; r < replicas.length; r++) await approve(await createOrder(), r);
      await waitFor(async () => (await settledCount()) >= replicas.length, 'the warm-up pushes');
      const warm = replicas.length;

      const burst = [];
      for (let i = 0; i < BURST; i++) burst.push(await createOrder());
      // Both cores busy from here to the end of the burst.
      for (let i = 0; i < BURNERS; i++) {
        const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
        burners.push(child);
      }
      // Start from a full minute of budget, as after a quiet spell.
      await new Promise((r) => setTimeout(r, (61_000 / TIME_SCALE) * 1.2));
      await sandbox.admin.resetMetrics();
      const simStart = (await sandbox.admin.clock()).nowMs;
      const wallStart = performance.now();
      const slots = sampleSlots(sql);
      await Promise.all(
        Array.from({ length: 4 }, async (_, lane) => {
          for (let i = lane; i < burst.length; i += 4) await approve(burst[i], lane % replicas.length);
        }),
      );
      const expected = warm + BURST;
      await waitFor(async () => (await settledCount()) >= expected, 'the burst');
      const simEnd = (await sandbox.admin.clock()).nowMs;
      const wallS = (performance.now() - wallStart) / 1000;
      const slotUse = await slots.stop();
      const load = os.loadavg();
      for (const b of burners.splice(0)) b.kill('SIGKILL');
      const metrics = await sandbox.admin.metrics();
      const made = Object.values(metrics.callsByAccount).reduce((a, b) => a + b, 0);
      const minutes = (simEnd - simStart) / 60_000;
      const utilisation = (100 * made) / (60 + 60 * minutes);
      if ((await pushedCount()) !== expected) throw new Error('a burst push did not succeed');
      log(
        `burst: ${BURST} orders on 2 replicas with ${BURNERS} CPU burners, ${made} calls in ${minutes.toFixed(2)} simulated minutes ` +
          `(${wallS.toFixed(1)} s wall), max ${metrics.maxCallsInAnyMinute} calls in any minute, ${metrics.throttled} throttled, ` +
          `utilisation ${utilisation.toFixed(1)} %, load average ${load.map((l) => l.toFixed(2)).join(' ')}`,
      );
      log(
        `slots: a call held its slot ${(slotUse.callMs / 1000).toFixed(2)} s (real, mean) from taken to answer recorded ` +
          `(${((slotUse.callMs * TIME_SCALE) / 1000).toFixed(2)} simulated s before its window); ` +
          `free slots nobody took: ${slotUse.idlePct.toFixed(1)} % of the samples' slots`,
      );
      return [
        { metric: 'throttled_responses', value: metrics.throttled, unit: 'responses' },
        { metric: 'budget_utilisation_pct', value: Math.round(utilisation * 10) / 10, unit: '%' },
        { metric: 'load_average_1m', value: load[0], unit: 'load' },
      ];
    } finally {
      for (const b of burners) b.kill('SIGKILL');
      await sql.end();
      for (const r of replicas) await r.stop();
      await sandbox.close();
      await db.stop();
    }
  },
};

/**
 * Samples the call log every 200 ms during the burst: how long a slot is held before its window starts (taken to
 * answer recorded, real ms) and how many slots were free (their window over) yet not taken. Together they say where
 * the budget's unused share goes: the calls' own time or waiters waking late.
 */
function sampleSlots(sql) {
  const calls = new Map();
  let samples = 0;
  let idle = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await sql.query(
        `SELECT id, extract(epoch FROM called_at) * 1000 AS called, extract(epoch FROM answered_at) * 1000 AS answered,
                (answered_at IS NULL OR answered_at > now() - make_interval(secs => $1)) AS live
           FROM cin7_call_log`,
        [61_000 / TIME_SCALE / 1000],
      );
      samples++;
      idle += Math.max(0, 60 - rows.filter((r) => r.live).length);
      for (const r of rows) if (r.answered != null) calls.set(r.id, Number(r.answered) - Number(r.called));
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      const ms = [...calls.values()];
      return {
        callMs: ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length),
        idlePct: (100 * idle) / Math.max(1, samples * 60),
      };
    },
  };
}
