import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { Catalog1764240100000 } from '../../src/module/catalog/migrations/1764240100000-catalog.migration.js';
import { CIN7_CORE_MIGRATIONS } from '../../src/module/database/migrations/index.js';
import { createMigrationTestDatabase } from '../support/database.js';

const CATALOG_TABLES = ['cin7_customer_link', 'cin7_product_link', 'cin7_reference_data'];

describe('catalog migration', () => {
  let db: Awaited<ReturnType<typeof createMigrationTestDatabase>>;
  let dataSource: DataSource;
  beforeAll(async () => {
    db = await createMigrationTestDatabase({ migrations: CIN7_CORE_MIGRATIONS });
    dataSource = db.dataSource;
  });
  afterAll(() => db?.close());

  const tables = async (): Promise<string[]> =>
    (
      await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_name = ANY($1) ORDER BY table_name`,
        [CATALOG_TABLES],
      )
    ).map((r: { table_name: string }) => r.table_name);

  it('creates its tables with their unique pairs, drops them on the way down, and creates them again', async () => {
    await dataSource.runMigrations();
    expect(await tables()).toEqual(CATALOG_TABLES);
    await dataSource.query(
      `INSERT INTO cin7_product_link (supplier_id, upstock_product_id, cin7_product_id, sku, name) VALUES ('s', 'u1', 'c1', 'A', 'A')`,
    );
    // One twin per Upstock product and per Cin7 product, per supplier; another supplier may reuse the ids.
    await expect(
      dataSource.query(
        `INSERT INTO cin7_product_link (supplier_id, upstock_product_id, cin7_product_id, sku, name) VALUES ('s', 'u1', 'c2', 'B', 'B')`,
      ),
    ).rejects.toThrow(/duplicate key/);
    await expect(
      dataSource.query(
        `INSERT INTO cin7_product_link (supplier_id, upstock_product_id, cin7_product_id, sku, name) VALUES ('s', 'u2', 'c1', 'B', 'B')`,
      ),
    ).rejects.toThrow(/duplicate key/);
    await dataSource.query(
      `INSERT INTO cin7_product_link (supplier_id, upstock_product_id, cin7_product_id, sku, name) VALUES ('t', 'u1', 'c1', 'A', 'A')`,
    );

    const runner = dataSource.createQueryRunner();
    try {
      await new Catalog1764240100000().down(runner);
      expect(await tables()).toEqual([]);
      await new Catalog1764240100000().up(runner);
      expect(await tables()).toEqual(CATALOG_TABLES);
    } finally {
      await runner.release();
    }
  });
});
