/** Accounts: registering, checking a password at sign-in, changing settings and passwords. */
import { Op, UniqueConstraintError } from 'sequelize';
import type { Database } from '../db';
import type { Member } from '../../models';
import { ValidationError } from '../errors';
import type { PasswordHasher } from './passwords';
import { usernameKey } from './members';

export interface AccountDeps {
  db: Database;
  passwords: PasswordHasher;
  /** In production seeded demo members cannot sign in. */
  refuseSeededMembers: boolean;
}

export interface Registration {
  username: string;
  displayName: string;
  password: string;
}

/** Creates a contributor account. Role and rank are never taken from the form. */
export async function registerMember({ db, passwords }: AccountDeps, input: Registration): Promise<Member> {
  const key = usernameKey(input.username);
  if (await db.models.Member.findOne({ where: { usernameKey: key }, attributes: ['id'] })) {
    throw new ValidationError({ username: 'That username is taken.' });
  }
  const passwordHash = await passwords.hash(input.password);
  try {
    return await db.writeTransaction((transaction) =>
      db.models.Member.create(
        {
          username: input.username,
          usernameKey: key,
          displayName: input.displayName,
          role: 'contributor',
          rankTitle: null,
          memberSince: new Date().toISOString().slice(0, 10),
          passwordHash,
        },
        { transaction },
      ),
    );
  } catch (error) {
    // Two sign-ups racing for one name: the unique index decides.
    if (error instanceof UniqueConstraintError) throw new ValidationError({ username: 'That username is taken.' });
    throw error;
  }
}

/**
 * The member whose username and password these are, or null. Takes as long whether or not the
 * username exists, and says nothing about which part was wrong.
 */
export async function authenticate(deps: AccountDeps, username: string, password: string): Promise<Member | null> {
  const member = await deps.db.models.Member.scope('withPassword').findOne({ where: { usernameKey: usernameKey(username) } });
  const matches = await deps.passwords.verify(password, member?.passwordHash ?? null);
  if (!member || !matches) return null;
  if (deps.refuseSeededMembers && member.isSeeded) return null;
  return member;
}

export async function updateProfileSettings(
  db: Database,
  memberId: number,
  settings: { displayName: string; isPrivate: boolean },
): Promise<void> {
  await db.writeTransaction((transaction) =>
    db.models.Member.update(
      { displayName: settings.displayName, isPrivate: settings.isPrivate },
      { where: { id: memberId }, transaction },
    ),
  );
}

/**
 * Changes a member's password after checking the current one, and ends every other session of
 * theirs (a stolen session stops working when the owner changes the password).
 */
export async function changePassword(
  deps: AccountDeps,
  memberId: number,
  input: { currentPassword: string; newPassword: string; keepSessionId: string },
): Promise<void> {
  const { db, passwords } = deps;
  const member = await db.models.Member.scope('withPassword').findByPk(memberId);
  if (!member || !(await passwords.verify(input.currentPassword, member.passwordHash))) {
    throw new ValidationError({ currentPassword: 'That is not your current password.' });
  }
  const passwordHash = await passwords.hash(input.newPassword);
  await db.writeTransaction(async (transaction) => {
    await db.models.Member.update({ passwordHash }, { where: { id: memberId }, transaction });
    await db.models.Session.destroy({
      where: { memberId, sid: { [Op.ne]: input.keepSessionId } },
      transaction,
    });
  });
}

/** Sets a password directly (seeding and the user:create command). */
export async function setPassword(deps: Pick<AccountDeps, 'db' | 'passwords'>, memberId: number, password: string): Promise<void> {
  const passwordHash = await deps.passwords.hash(password);
  await deps.db.writeTransaction((transaction) =>
    deps.db.models.Member.update({ passwordHash }, { where: { id: memberId }, transaction }),
  );
}
