// Scenario list-large (issue #2): list the `large` seed's 10,000 products with attachments and 2,000 customers
// through the typed client, against the sandbox with its rate limit off.
//   cin7_calls  API calls the client sent (floor 12: 10 product pages + 2 customer pages at Limit 1,000)
//   wall_s      seconds from the first request to the last row
import { performance } from 'node:perf_hooks';
import { Cin7Client } from '../../packages/cin7-core/dist/index.js';
import { DEMO_ACCOUNTS, SEED_SIZES } from '../../packages/cin7-sandbox/dist/index.js';
import { startSandbox } from '../support/stack.mjs';

export default {
  description: "List the large seed's 10,000 products (with attachments) and 2,000 customers, rate limit off",
  /** @param {{ root: string, log(line: string): void }} ctx */
  async run({ log }) {
    const sandbox = await startSandbox({
      seed: 'large',
      rateLimit: { enabled: false },
      webhooks: { enabled: false },
    });
    try {
      // Default options, as the integration uses it (the default budget never waits for 12 calls).
      const client = new Cin7Client({ ...DEMO_ACCOUNTS[0], baseUrl: sandbox.baseUrl });
      await sandbox.admin.resetMetrics();
      const started = performance.now();
      let products = 0;
      let attachments = 0;
      for await (const page of client.products.pages({ IncludeAttachments: true, IncludeDeprecated: true })) {
        products += page.items.length;
        for (const p of page.items) attachments += p.Attachments.length;
      }
      let customers = 0;
      for await (const page of client.customers.pages({ IncludeDeprecated: true }))
        customers += page.items.length;
      const wallS = (performance.now() - started) / 1000;

      // A fast wrong answer is no result: check that everything was listed, and that both sides agree on calls.
      const expected = SEED_SIZES.large;
      if (products !== expected.products)
        throw new Error(`listed ${products} products, not ${expected.products}`);
      if (customers !== expected.customers)
        throw new Error(`listed ${customers} customers, not ${expected.customers}`);
      if (attachments === 0) throw new Error('no attachments were listed');
      const calls = Object.values(client.callCounts()).reduce((sum, n) => sum + n, 0);
      const server = await sandbox.admin.metrics();
      const serverCalls = Object.values(server.callsByEndpoint).reduce((sum, n) => sum + n, 0);
      if (serverCalls !== calls)
        throw new Error(`client counted ${calls} calls, the sandbox saw ${serverCalls}`);

      log(
        `${products} products (${attachments} attachments), ${customers} customers: ${JSON.stringify(client.callCounts())}`,
      );
      return [
        { metric: 'cin7_calls', value: calls, unit: 'calls' },
        { metric: 'wall_s', value: wallS, unit: 's' },
      ];
    } finally {
      await sandbox.close();
    }
  },
};
