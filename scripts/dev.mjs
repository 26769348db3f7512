// `pnpm dev`: the whole product on this machine, with embedded defaults. Ctrl-C stops everything.
import { startStack } from './stack.mjs';

let stack;
try {
  stack = await startStack({ fresh: false });
} catch (error) {
  console.error(`\n${error.message}`);
  process.exit(1);
}

const [kiwi, aussie] = stack.cin7Accounts;
console.log(`
  Upstock × Cin7 Core is running.

  Open the demo host:   ${stack.urls.shell}
  API (OpenAPI /docs):  ${stack.urls.api}
  Cin7 sandbox:         ${stack.urls.sandbox}/ExternalApi/v2/

  Demo suppliers (bearer tokens for the API):
    ${stack.suppliers.map((s) => `${s.name}: ${s.token}`).join('\n    ')}

  Cin7 sandbox credentials (Settings › Integrations › Cin7 Core › Connect):
    ${kiwi.company} (${kiwi.currency}):  Account ID ${kiwi.accountId}  Key ${kiwi.apiKey}
    ${aussie.company} (${aussie.currency}):  Account ID ${aussie.accountId}  Key ${aussie.apiKey}

  Ctrl-C to stop.
`);

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
