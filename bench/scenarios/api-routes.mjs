import os from 'node:os';
import { load, startApi, startDatabase, startSandbox } from '../support/stack.mjs';

/**
 * GET /settings and GET /connection under load at a fixed 500 requests/s (goal: p99 under 20 ms).
 * p99_ratio (issue 13): their p99 over the p99 of a bare route of the same app (`GET /bench/bare`, one `SELECT 1`,
 * mounted by BENCH_BARE_ROUTE=true), both loaded at once at 250 requests/s each so they share the machine's state
 * (goal: at most 1.5). On a shared machine the absolute figures are noise; the ratio is what the module costs.
 */
export default {
  description: 'GET /settings + GET /connection at 500 req/s for 5 s; then beside a bare SELECT 1 route',
  async run({ log }) {
    const db = await startDatabase();
    const sandbox = await startSandbox({ seed: 'demo', rateLimit: { enabled: false } });
    const api = await startApi({
      databaseUrl: db.url,
      cin7BaseUrl: sandbox.baseUrl,
      env: { BENCH_BARE_ROUTE: 'true' },
    });
    try {
      const { DEMO_ACCOUNTS } = await import('../../packages/cin7-sandbox/dist/index.js');
      const headers = { authorization: 'Bearer demo-token-kiwi', 'content-type': 'application/json' };
      const connect = await fetch(`${api.url}/integrations/cin7-core/connection`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ accountId: DEMO_ACCOUNTS[0].accountId, apiKey: DEMO_ACCOUNTS[0].apiKey }),
      });
      if (connect.status !== 201)
        throw new Error(`connect failed: ${connect.status} ${await connect.text()}`);
      const result = await load({
        url: api.url,
        connections: 10,
        duration: 5,
        overallRate: 500,
        requests: [
          { method: 'GET', path: '/integrations/cin7-core/settings', headers },
          { method: 'GET', path: '/integrations/cin7-core/connection', headers },
        ],
      });
      log(`${result.requests.total} requests, ${result.non2xx} non-2xx, p50 ${result.latency.p50} ms`);
      if (result.non2xx > 0) throw new Error(`${result.non2xx} requests failed`);
      const [routes, bare] = await Promise.all([
        load({
          url: api.url,
          connections: 5,
          duration: 5,
          overallRate: 250,
          requests: [
            { method: 'GET', path: '/integrations/cin7-core/settings', headers },
            { method: 'GET', path: '/integrations/cin7-core/connection', headers },
          ],
        }),
        load({
          url: api.url,
          connections: 5,
          duration: 5,
          overallRate: 250,
          requests: [{ method: 'GET', path: '/bench/bare' }],
        }),
      ]);
      if (routes.non2xx + bare.non2xx > 0) throw new Error('requests failed beside the bare route');
      const ratio = routes.latency.p99 / Math.max(bare.latency.p99, 1);
      log(
        `beside the bare route: module p99 ${routes.latency.p99} ms (p50 ${routes.latency.p50}), bare SELECT 1 p99 ` +
          `${bare.latency.p99} ms (p50 ${bare.latency.p50}), ratio ${ratio.toFixed(2)}, load average ${os
            .loadavg()
            .map((l) => l.toFixed(2))
            .join(' ')}`,
      );
      return [
        { metric: 'p99_ms', value: result.latency.p99, unit: 'ms' },
        { metric: 'rps', value: result.requests.average, unit: 'req/s' },
        { metric: 'p99_ratio', value: ratio, unit: 'ratio' },
      ];
    } finally {
      await api.stop();
      await sandbox.close();
      await db.stop();
    }
  },
};
