/** Migration 019 goes down and up again on both databases, leaving the other tables working. */
import { QueryTypes } from 'sequelize';
import * as questionsMigration from '../../models/migrations/019-questions';
import { createTestDatabase, TestDatabase } from '../helpers/db';

jest.setTimeout(60_000);

let forum: TestDatabase;
beforeAll(async () => { forum = await createTestDatabase(); });
afterAll(() => forum.destroy());

const tableExists = async (name: string) => {
  const sql = forum.db.dialect === 'postgres'
    ? `SELECT table_name AS name FROM information_schema.tables WHERE table_name = :name`
    : `SELECT name FROM sqlite_master WHERE type = 'table' AND name = :name`;
  return (await forum.db.sequelize.query(sql, { replacements: { name }, type: QueryTypes.SELECT })).length === 1;
};

it('drops the desk tables and the Q&A flag, then restores them', async () => {
  const context = forum.db.sequelize.getQueryInterface();
  await questionsMigration.down({ context });
  expect(await tableExists('questions')).toBe(false);
  expect(await tableExists('saved_replies')).toBe(false);
  await expect(forum.db.sequelize.query('SELECT is_qa FROM boards')).rejects.toThrow();
  await questionsMigration.up({ context });
  expect(await tableExists('questions')).toBe(true);
  const [board] = await forum.db.sequelize.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM boards WHERE is_qa = :no', { replacements: { no: false }, type: QueryTypes.SELECT });
  expect(Number(board.n)).toBeGreaterThanOrEqual(0);
});
