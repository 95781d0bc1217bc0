/** In production no seeded account can sign in; the first manager comes from the user:create command. */
import { seedDatabase } from '../../seeds';
import { createUser, parseArguments } from '../../scripts/createUser';
import { authenticate } from '../../server/services/accounts';
import { createPasswordHasher } from '../../server/services/passwords';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestDatabase, TestDatabase } from '../helpers/db';
import { testConfig } from '../helpers/forum';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

const passwords = createPasswordHasher(4);

it('seeds no password in production, and refuses seeded members there even if they have one', async () => {
  await seedDatabase(database.db, { config: testConfig({ env: 'production' }) });
  const seeded = await database.db.models.Member.scope('withPassword').findAll();
  expect(seeded).toHaveLength(8);
  expect(seeded.every((member) => member.passwordHash === null)).toBe(true);

  // The same database seeded again outside production gets the development password...
  await seedDatabase(database.db, { config: testConfig({ env: 'development' }) });
  const dev = { db: database.db, passwords, refuseSeededMembers: false };
  expect(await authenticate(dev, 'LenaE', DEVELOPMENT_PASSWORD)).not.toBeNull();
  // ...which production refuses.
  const production = { ...dev, refuseSeededMembers: true };
  expect(await authenticate(production, 'LenaE', DEVELOPMENT_PASSWORD)).toBeNull();
});

it('creates a manager who can sign in in production', async () => {
  const id = await createUser(database.db, 4, { username: 'founder', displayName: 'The Founder', role: 'manager', password: 'a long and careful passphrase' });
  const member = await authenticate({ db: database.db, passwords, refuseSeededMembers: true }, 'Founder', 'a long and careful passphrase');
  expect(member?.id).toBe(id);
  expect(member?.role).toBe('manager');
  await expect(
    createUser(database.db, 4, { username: 'FOUNDER', displayName: 'Again', role: 'manager', password: 'another passphrase' }),
  ).rejects.toThrow(/already exists/);
});

it('parses the command line', () => {
  expect(parseArguments(['--username', 'lena', '--display-name', 'Lena E', '--role', 'manager'])).toEqual({
    username: 'lena', 'display-name': 'Lena E', role: 'manager',
  });
  expect(() => parseArguments(['--username'])).toThrow();
});
