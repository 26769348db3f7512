import { load, startApi, startDatabase, startSandbox } from '../support/stack.mjs';

/** API GET /health under load: the floor every other route stands on. */
export default {
  description: 'GET /health under load (autocannon, 20 connections, 5 s)',
  async run({ log }) {
    const db = await startDatabase();
    const sandbox = await startSandbox({ seed: 'empty', rateLimit: { enabled: false } });
    const api = await startApi({ databaseUrl: db.url, cin7BaseUrl: sandbox.baseUrl });
    try {
      const result = await load({ url: `${api.url}/health`, connections: 20, duration: 5 });
      log(`${result.requests.total} requests, ${result.non2xx} non-2xx`);
      return [
        { metric: 'p50_ms', value: result.latency.p50, unit: 'ms' },
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
