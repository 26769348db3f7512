import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { CIN7_CORE_MIGRATIONS } from '../../src/module/database/migrations/index.js';
import { Prices1764240200000 } from '../../src/module/prices/migrations/1764240200000-prices.migration.js';
import { createTestDatabase } from '../support/database.js';

const PRICE_TABLES = [
  'cin7_price_customer',
  'cin7_price_customer_state',
  'cin7_price_list',
  'cin7_price_product',
  'cin7_price_sync_state',
];

describe('prices migration', () => {
  let db: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = new DataSource({ type: 'postgres', url: db.url, migrations: CIN7_CORE_MIGRATIONS });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const tables = async (): Promise<string[]> =>
    (
      await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'cin7_price%' ORDER BY table_name`,
      )
    ).map((r: { table_name: string }) => r.table_name);

  it('creates its tables, drops them on the way down, and creates them again', async () => {
    await dataSource.runMigrations();
    expect(await tables()).toEqual(PRICE_TABLES);
    const runner = dataSource.createQueryRunner();
    try {
      await new Prices1764240200000().down(runner);
      expect(await tables()).toEqual([]);
      await new Prices1764240200000().up(runner);
      expect(await tables()).toEqual(PRICE_TABLES);
    } finally {
      await runner.release();
    }
  });
});
