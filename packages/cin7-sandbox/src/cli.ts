#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEMO_ACCOUNTS, NO_FREIGHT_ACCOUNT, startSandbox, TAX_INCLUSIVE_ACCOUNT } from './index.js';
import { SEED_NAMES, type SeedName } from './seed.js';

/** `node dist/sandbox/cli.js --port 4010 --seed demo [--time-scale N] [--throttle-status 503] [--no-rate-limit]` */
const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: 'demo' },
    'time-scale': { type: 'string', default: '1' },
    'throttle-status': { type: 'string', default: '429' },
    'no-rate-limit': { type: 'boolean', default: false },
    'no-webhooks': { type: 'boolean', default: false },
    'immediate-webhooks': { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

const seed = values.seed as SeedName;
if (!SEED_NAMES.includes(seed)) {
  console.error(`Unknown seed "${values.seed}". Use one of: ${SEED_NAMES.join(', ')}`);
  process.exit(2);
}
const status = Number(values['throttle-status']);
if (status !== 429 && status !== 503) {
  console.error('--throttle-status must be 429 or 503');
  process.exit(2);
}

const sandbox = await startSandbox({
  port: Number(values.port),
  host: values.host,
  seed,
  timeScale: Number(values['time-scale']),
  rateLimit: { enabled: !values['no-rate-limit'], status },
  webhooks: { enabled: !values['no-webhooks'], immediateFirstAttempt: values['immediate-webhooks'] },
  log: values.verbose ? (line) => console.log(line) : undefined,
});

console.log(`Cin7 Core sandbox (seed "${seed}") listening on ${sandbox.url}`);
console.log(`  Base URL:  ${sandbox.baseUrl}`);
console.log(`  Admin API: ${sandbox.url}/admin/`);
const seeded =
  seed === 'demo' ? [...DEMO_ACCOUNTS, TAX_INCLUSIVE_ACCOUNT, NO_FREIGHT_ACCOUNT] : DEMO_ACCOUNTS;
for (const account of seeded) {
  // Demo credentials are public fixtures of the sandbox, not secrets.
  console.log(`  ${account.company} (${account.currency})`);
  console.log(`    api-auth-accountid:      ${account.accountId}`);
  console.log(`    api-auth-applicationkey: ${account.apiKey}`);
}

const stop = () => {
  void sandbox.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
