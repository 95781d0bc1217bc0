/** Migration 023 goes down and up again in place on either database, keeping notifications and their index. */
import { QueryTypes } from 'sequelize';
import { createMigrator } from '../../models/migrations';
import { createTestDatabase, TestDatabase } from '../helpers/db';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(() => database.destroy());

const query = (sql: string) => database.db.sequelize.query(sql, { type: QueryTypes.SELECT });

it('makes thread_id nullable and back, dropping only the notifications about no thread', async () => {
  const now = new Date().toISOString();
  await database.db.sequelize.query(`INSERT INTO members (username, username_key, username_skeleton, display_name, display_name_skeleton, role, member_since, created_at, updated_at)
    VALUES ('MigrationM', 'migrationm', 'migrationm', 'M', 'm', 'contributor', '2020-01-01', '${now}', '${now}')`);
  const [member] = (await query("SELECT id FROM members WHERE username = 'MigrationM'")) as Array<{ id: number }>;
  await database.db.sequelize.query(`INSERT INTO notifications (member_id, kind, thread_id, post_id, actor_id, details, created_at) VALUES (${member.id}, 'badge', NULL, NULL, NULL, '{}', '${now}')`);

  await createMigrator(database.db.sequelize).down({ to: '023-submission-keys' });
  expect(Number(((await query('SELECT COUNT(*) AS n FROM notifications')) as Array<{ n: number }>)[0].n)).toBe(0);
  await expect(database.db.sequelize.query(`INSERT INTO notifications (member_id, kind, thread_id, post_id, actor_id, details, created_at) VALUES (${member.id}, 'badge', NULL, NULL, NULL, '{}', '${now}')`)).rejects.toThrow();

  await createMigrator(database.db.sequelize).up();
  await database.db.sequelize.query(`INSERT INTO notifications (member_id, kind, thread_id, post_id, actor_id, details, created_at) VALUES (${member.id}, 'badge', NULL, NULL, NULL, '{}', '${now}')`);
  expect(Number(((await query('SELECT COUNT(*) AS n FROM submission_keys')) as Array<{ n: number }>)[0].n)).toBe(0);
}, 60_000);
