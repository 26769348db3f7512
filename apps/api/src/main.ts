import { createApp } from './standalone/bootstrap.js';
import { loadConfig } from './standalone/config.js';

const config = loadConfig();
const app = await createApp(config);
await app.listen(config.port, config.host);
console.log(`API listening on http://${config.host}:${config.port} (OpenAPI at /docs)`);
