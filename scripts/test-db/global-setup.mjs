// Integration tests run against a real Postgres: DATABASE_URL when set, otherwise an embedded one.
// Each test file then creates its own database from this server (see apps/api/test/support/database.ts).
import { startEmbeddedPostgres } from '../lib/embedded-postgres.mjs';

export default async function globalSetup() {
  if (process.env.DATABASE_URL) return;
  const port = Number(process.env.TEST_PG_PORT ?? 54329);
  const pg = await startEmbeddedPostgres({ dataDir: '.data/test-postgres', port, log: console.error });
  process.env.DATABASE_URL = pg.url;
  globalThis.__embeddedPostgres = pg;
}
