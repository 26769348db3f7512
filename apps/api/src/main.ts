import { createApp } from './standalone/bootstrap.js';
import { ConfigError, loadConfig } from './standalone/config.js';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  // A bad setting stops the server with what is wrong, not a stack trace.
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const app = await createApp(config);
await app.listen(config.port, config.host);
console.log(`API listening on http://${config.host}:${config.port} (OpenAPI at /docs)`);
