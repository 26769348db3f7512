import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CIN7_CORE_ENTITIES, CIN7_CORE_MIGRATIONS } from '../../src/module/index.js';
import { createMigrationTestDatabase } from '../support/database.js';

describe("the module's migrations", () => {
  let db: Awaited<ReturnType<typeof createMigrationTestDatabase>>;
  beforeAll(async () => {
    db = await createMigrationTestDatabase({
      migrations: CIN7_CORE_MIGRATIONS,
      entities: CIN7_CORE_ENTITIES,
    });
  });
  afterAll(() => db?.close());

  const tables = async (): Promise<string[]> =>
    (
      await db.dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'cin7\\_%'
         ORDER BY table_name`,
      )
    ).map((r: { table_name: string }) => r.table_name);

  it('go up to exactly the tables of the entities, all the way down to nothing, and up again', async () => {
    const expected = db.dataSource.entityMetadatas.map((m) => m.tableName).sort();
    expect(expected.length).toBeGreaterThan(10);

    await db.dataSource.runMigrations();
    expect(await tables()).toEqual(expected);

    for (let i = 0; i < CIN7_CORE_MIGRATIONS.length; i++) await db.dataSource.undoLastMigration();
    expect(await tables()).toEqual([]);

    await db.dataSource.runMigrations();
    expect(await tables()).toEqual(expected);
  });
});
