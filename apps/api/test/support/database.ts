import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * A database of its own for one test file, on the server the integration global setup provides (DATABASE_URL, or
 * an embedded Postgres). Dropped on close.
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set: run integration tests through scripts/jest.mjs');
  const name = `it_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh database with a DataSource that knows the given migrations and entities (migrations not yet run). */
export async function createMigrationTestDatabase(
  options: Pick<DataSourceOptions, 'migrations' | 'entities'>,
): Promise<{ dataSource: DataSource; close(): Promise<void> }> {
  const db = await createTestDatabase();
  const dataSource = await new DataSource({ type: 'postgres', url: db.url, ...options }).initialize();
  return {
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await db.drop();
    },
  };
}
