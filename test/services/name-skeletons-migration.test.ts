/** Migration 010 fills the skeleton columns of existing members, including ones whose names already collide. */
import { QueryTypes } from 'sequelize';
import { createMigrator } from '../../models/migrations';
import { createTestDatabase, TestDatabase } from '../helpers/db';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
  await createMigrator(database.db.sequelize).up({ to: '008-board-activity' });
  const now = new Date().toISOString();
  for (const [username, displayName] of [['AveryO', 'Avery O'], ['Avery0', 'Avery O'], ['Lena_E', 'Lеna E'], ['WendyC', 'Wendy C']]) {
    await database.db.sequelize.query(
      'INSERT INTO members (username, username_key, display_name, role, member_since, created_at, updated_at) VALUES (:username, :key, :displayName, :role, :since, :now, :now)',
      { replacements: { username, key: username.toLowerCase(), displayName, role: 'contributor', since: '2020-01-01', now } },
    );
  }
  await createMigrator(database.db.sequelize).up();
});
afterAll(() => database.destroy());

it('backfills both skeletons; an existing lookalike keeps its name under a suffixed skeleton', async () => {
  const rows = await database.db.sequelize.query<{ id: number; username: string; username_skeleton: string; display_name_skeleton: string }>(
    'SELECT id, username, username_skeleton, display_name_skeleton FROM members ORDER BY id',
    { type: QueryTypes.SELECT },
  );
  expect(rows.map((row) => [row.username, row.username_skeleton, row.display_name_skeleton])).toEqual([
    ['AveryO', 'averyo', 'averyo'],
    ['Avery0', `averyo#${rows[1].id}`, 'averyo'],
    ['Lena_E', 'lenae', 'lenae'],
    ['WendyC', 'wendyc', 'wendyc'],
  ]);
});

it('refuses a second identical username skeleton from then on (unique index)', async () => {
  const now = new Date().toISOString();
  await expect(
    database.db.sequelize.query(
      "INSERT INTO members (username, username_key, username_skeleton, display_name, role, member_since, created_at, updated_at) VALUES ('Wendy_C', 'wendy_c', 'wendyc', 'W', 'contributor', '2020-01-01', :now, :now)",
      { replacements: { now } },
    ),
  ).rejects.toThrow();
});
