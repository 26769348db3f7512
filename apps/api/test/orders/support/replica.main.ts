// A worker replica for the fault test, in its own process so it can be killed for real: the standalone server
// itself, configured from the environment (replica.ts passes the test's database, sandbox, keys and TIME_ORIGIN).
import { createApp } from '../../../src/standalone/bootstrap.js';
import { loadConfig } from '../../../src/standalone/config.js';

const config = loadConfig();
const app = await createApp(config);
await app.listen(config.port, config.host);
console.log(`API listening on http://${config.host}:${config.port}`);
