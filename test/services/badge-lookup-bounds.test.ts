/**
 * The staff badge lookup reads two bounded index ranges (username, and lower(display_name) of
 * migration 030), never every member: with more matches than it offers it still answers a full
 * page in name order, a display-name match is found whatever the username, and on SQLite the plan
 * searches both indexes with no scan of members.
 */
import { findMembersByPrefix, LOOKUP_CANDIDATES_SQL, LOOKUP_LIMIT, lookupReplacements } from '../../server/services/badges/lookup';
import { createMember } from '../../server/services/members';
import { createTestDatabase, TestDatabase } from '../helpers/db';

let forum: TestDatabase;

beforeAll(async () => {
  forum = await createTestDatabase();
  for (let i = 0; i < 60; i += 1) {
    const n = String(i).padStart(2, '0');
    await createMember(forum.db, { username: `bulk${n}`, displayName: `Zed ${n}`, role: 'contributor', isPrivate: false, memberSince: '2020-01-15' });
  }
  // Found by display name only.
  await createMember(forum.db, { username: 'someone', displayName: 'Bulky Display', role: 'contributor', isPrivate: false, memberSince: '2020-01-15' });
  // Wildcards in a name are matched literally.
  await createMember(forum.db, { username: 'percent', displayName: 'bu%lk', role: 'contributor', isPrivate: false, memberSince: '2020-01-15' });
});
afterAll(() => forum.destroy());

it('answers a full page in display-name order, with a display-name match among username matches', async () => {
  const found = await findMembersByPrefix(forum.db, 'BULK');
  expect(found).toHaveLength(LOOKUP_LIMIT);
  expect(found[0].displayName).toBe('Bulky Display');
  expect(found.slice(1).map((member) => member.displayName)).toEqual(Array.from({ length: LOOKUP_LIMIT - 1 }, (_, i) => `Zed ${String(i).padStart(2, '0')}`));
  expect((await findMembersByPrefix(forum.db, 'bu%')).map((member) => member.username)).toEqual(['percent']);
});

it('reads both name indexes as ranges, not every member (SQLite plan)', async () => {
  if (forum.db.dialect !== 'sqlite') return;
  // On the writing connection: a read-only one opened before the migrations plans EXPLAIN with the
  // schema it first read (a real statement would notice the change and plan again; EXPLAIN does not).
  const plan = await forum.db.sequelize.transaction((transaction) =>
    forum.db.sequelize.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${LOOKUP_CANDIDATES_SQL}`, {
      replacements: lookupReplacements('bulk'),
      type: 'SELECT' as never,
      transaction,
    }));
  const details = plan.map((row) => row.detail).join('\n');
  expect(details).toMatch(/SEARCH members USING (COVERING )?INDEX \S+ \(username_key>\? AND username_key<\?\)/);
  expect(details).toMatch(/SEARCH members USING (COVERING )?INDEX members_display_name_lower/);
  expect(details).not.toMatch(/SCAN members/);
});
