/**
 * Creates a member with a role, e.g. the first Community Manager of a production forum:
 *   npm run user:create -- --username lena --display-name "Lena E" --role manager [--email lena@example.com]
 * The password is read from standard input (typed at the prompt, or piped), never from arguments,
 * so it stays out of shell history and process lists.
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ROLES, type Role } from '../models';
import { migrateToLatest } from '../models/migrations';
import { loadConfig } from '../server/config';
import { ValidationError } from '../server/errors';
import { openDatabase, type Database } from '../server/db';
import { setPassword } from '../server/services/accounts';
import { createMember, findMemberByUsername } from '../server/services/members';
import { createPasswordHasher } from '../server/services/passwords';
import { displayName, emailAddress, newPassword, username } from '../server/validation/accounts';
import { setConfirmedAddress } from '../server/services/emailAddresses';

const ROLE_ALIASES: Record<string, Role> = { manager: 'manager', moderator: 'moderator', guru: 'guru', contributor: 'contributor' };

export const createUserInput = z.object({
  username,
  displayName,
  role: z.enum(ROLES),
  password: newPassword,
  /** Optional; taken as confirmed (the operator typed it). */
  email: emailAddress.optional(),
});

export type CreateUserInput = z.infer<typeof createUserInput>;

/**
 * Creates the member; refuses a username that exists, and (like registration) a name that looks
 * like another member's or claims a role the new member does not have.
 */
export async function createUser(db: Database, passwordHashCost: number, input: CreateUserInput): Promise<number> {
  if (await findMemberByUsername(db, input.username)) throw new Error(`A member named "${input.username}" already exists.`);
  const member = await createMember(db, { username: input.username, displayName: input.displayName, role: input.role });
  await setPassword({ db, passwords: createPasswordHasher(passwordHashCost) }, member.id, input.password);
  if (input.email) await setConfirmedAddress(db, member.id, input.email);
  return member.id;
}

/** The flags, by node's own parser: `--name value` or `--name=value`; anything else throws. */
export function parseArguments(argv: string[]): Record<string, string> {
  const { values } = parseArgs({
    args: argv,
    options: { username: { type: 'string' }, 'display-name': { type: 'string' }, role: { type: 'string' }, email: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  return { ...values } as Record<string, string>;
}

function readPassword(): Promise<string> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdin.isTTY ? process.stdout : undefined, terminal: false });
    if (process.stdin.isTTY) process.stdout.write('Password (at least 8 characters): ');
    rl.once('line', (line) => {
      // Resolve before close(): close() emits 'close' at once, which would resolve with ''.
      resolve(line);
      rl.close();
    });
    rl.once('close', () => resolve(''));
  });
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const role = ROLE_ALIASES[options.role ?? 'contributor'];
  const parsed = createUserInput.safeParse({
    username: options.username,
    displayName: options['display-name'] ?? options.username,
    role,
    email: options.email,
    password: await readPassword(),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
    console.error('Usage: npm run user:create -- --username NAME [--display-name "Shown Name"] [--role contributor|guru|moderator|manager] [--email ADDRESS]');
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const db = openDatabase(config);
  try {
    await migrateToLatest(db.sequelize);
    const id = await createUser(db, config.passwordHashCost, parsed.data);
    console.log(`Created ${parsed.data.role} "${parsed.data.username}" (member #${id}).`);
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    if (error instanceof ValidationError) {
      for (const [field, message] of Object.entries(error.fieldErrors)) console.error(`${field}: ${message}`);
    } else {
      console.error(error instanceof Error ? error.message : error);
    }
    process.exitCode = 1;
  });
}
