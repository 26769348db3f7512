// Scenario list-large (issue #2): list the `large` seed's 10,000 products with attachments and 2,000 customers
// through the typed client, against the sandbox with its rate limit off.
//   cin7_calls  API calls the client sent (lower is better; floor 12 = 10 product pages + 2 customer pages at 1,000)
//   wall_s      seconds from the first request to the last row (lower is better)
// Runs on the built package (`tsc -b packages/cin7-core` first): plain Node cannot import the .ts sources.
import { performance } from 'node:perf_hooks';
import { Cin7Client } from '../../packages/cin7-core/dist/index.js';
import { DEMO_ACCOUNTS, SEED_SIZES, startSandbox } from '../../packages/cin7-core/dist/sandbox/index.js';

export const name = 'list-large';
export const description =
  "List the large seed's 10,000 products (with attachments) and 2,000 customers through the client, rate limit off";
export const metrics = {
  cin7_calls: { unit: 'calls', better: 'lower', floor: 12 },
  wall_s: { unit: 's', better: 'lower' },
};

export async function run() {
  const sandbox = await startSandbox({
    port: 0,
    seed: 'large',
    rateLimit: { enabled: false },
    webhooks: { enabled: false },
  });
  try {
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

    const expected = SEED_SIZES.large;
    if (customers !== expected.customers)
      throw new Error(`listed ${customers} customers, expected ${expected.customers}`);
    // Deprecated products are not listed by default (IncludeDeprecated=false), so allow a few fewer.
    if (products < expected.products * 0.9)
      throw new Error(`listed ${products} products, expected ~${expected.products}`);
    if (attachments === 0) throw new Error('no attachments were listed');

    const calls = Object.values(client.callCounts()).reduce((sum, n) => sum + n, 0);
    const server = await sandbox.admin.metrics();
    const serverCalls = Object.values(server.callsByEndpoint).reduce((sum, n) => sum + n, 0);
    if (serverCalls !== calls) throw new Error(`client counted ${calls} calls, sandbox saw ${serverCalls}`);
    return {
      metrics: { cin7_calls: calls, wall_s: Number(wallS.toFixed(3)) },
      details: { products, customers, attachments, callsByEndpoint: client.callCounts() },
    };
  } finally {
    await sandbox.close();
  }
}

// `node bench/scenarios/list-large.mjs` runs it alone and prints the result as JSON.
if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
