/** Migration 022 goes down (dropping only its own tables) and up again, on both databases. */
import { QueryTypes } from 'sequelize';
import { createMigrator } from '../../models/migrations';
import { createTestDatabase, TestDatabase } from '../helpers/db';

jest.setTimeout(120_000);

let database: TestDatabase;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(() => database.destroy());

async function messageTables(): Promise<number> {
  const sql = database.db.dialect === 'sqlite'
    ? `SELECT COUNT(*) AS count FROM sqlite_master WHERE type = 'table' AND name IN ('conversations', 'messages', 'message_reports')`
    : `SELECT COUNT(*) AS count FROM information_schema.tables WHERE table_name IN ('conversations', 'messages', 'message_reports')`;
  const [row] = await database.db.sequelize.query<{ count: number | string }>(sql, { type: QueryTypes.SELECT });
  return Number(row.count);
}

it('reverts and reapplies cleanly', async () => {
  expect(await messageTables()).toBe(3);
  const migrator = createMigrator(database.db.sequelize);
  await migrator.down({ to: '022-messages' });
  expect(await messageTables()).toBe(0);
  expect(await database.db.models.Member.count()).toBeGreaterThanOrEqual(0);
  await migrator.up();
  expect(await messageTables()).toBe(3);
});
