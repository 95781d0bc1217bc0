/** `npm run user:create` holds names to the same rules as registration (server/text/names.ts). */
import { createUser, createUserInput } from '../../scripts/createUser';
import { ValidationError } from '../../server/errors';
import { createTestDatabase, TestDatabase } from '../helpers/db';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await createUser(database.db, 4, { username: 'founder', displayName: 'The Founder', role: 'manager', password: 'a long and careful passphrase' });
});
afterAll(() => database.destroy());

const input = (username: string, displayName: string, role: 'contributor' | 'manager' = 'contributor') =>
  ({ username, displayName, role, password: 'a long and careful passphrase' });

it('refuses names that look like an existing member\'s', async () => {
  for (const [username, displayName] of [['The_Founder', 'Someone'], ['someone', 'the founder'], ['someone', 'Тhe Fоunder'], ['f0under', 'Someone']]) {
    const attempt = createUser(database.db, 4, input(username, displayName));
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    const error = (await attempt.catch((caught: unknown) => caught)) as ValidationError;
    expect(Object.values(error.fieldErrors).join(' ')).toMatch(/too similar to an existing member's name/);
  }
  expect(await database.db.models.Member.count()).toBe(1);
});

it('lets only staff carry a role word, and refuses invisible characters before touching the database', async () => {
  await expect(createUser(database.db, 4, input('helper', 'Official Helper'))).rejects.toMatchObject({
    fieldErrors: { displayName: expect.stringMatching(/cannot claim a role/) },
  });
  expect(await createUser(database.db, 4, input('forumadmin', 'Forum Admin', 'manager'))).toEqual(expect.any(Number));
  const parsed = createUserInput.safeParse(input('hidden', 'Hid\u2060den'));
  expect(parsed.success).toBe(false);
});
