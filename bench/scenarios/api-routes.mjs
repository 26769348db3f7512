import { load, startApi, startDatabase, startSandbox } from '../support/stack.mjs';

/** GET /settings and GET /connection under load at a fixed 500 requests/s (goal: p99 under 20 ms). */
export default {
  description: 'GET /settings + GET /connection at 500 req/s for 5 s',
  async run({ log }) {
    const db = await startDatabase();
    const sandbox = await startSandbox({ seed: 'demo', rateLimit: { enabled: false } });
    const api = await startApi({ databaseUrl: db.url, cin7BaseUrl: sandbox.baseUrl });
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
      return [
        { metric: 'p99_ms', value: result.latency.p99, unit: 'ms' },
        { metric: 'rps', value: result.requests.average, unit: 'req/s' },
      ];
    } finally {
      await api.stop();
      await sandbox.close();
      await db.stop();
    }
  },
};
