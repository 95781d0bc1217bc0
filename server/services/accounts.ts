/** Accounts: registering, checking a password at sign-in, changing settings and passwords. */
import { Op, UniqueConstraintError } from 'sequelize';
import type { Database } from '../db';
import type { Member } from '../../models';
import { NotFoundError, ValidationError } from '../errors';
import { nameSkeleton } from '../text/names';
import { ensureNamesAvailable, ensureNoRoleClaim, NameChoice, TOO_SIMILAR } from './memberNames';
import { recordAction } from './moderationLog';
import { addAddressAtRegistration, addressKey, ADDRESS_TAKEN } from './emailAddresses';
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
  /** Required by the form; optional here for the user:create command. */
  email?: string;
}

/**
 * Creates a contributor account. Role and rank are never taken from the form. Names that claim a
 * role or look like another member's are refused (server/services/memberNames.ts); the cheap
 * checks run before the deliberately slow password hash, the authoritative one inside the write.
 */
export async function registerMember({ db, passwords }: AccountDeps, input: Registration): Promise<Member> {
  const key = usernameKey(input.username);
  const choice: NameChoice = { memberId: null, role: 'contributor', username: input.username, displayName: input.displayName };
  if (await db.models.Member.findOne({ where: { usernameKey: key }, attributes: ['id'] })) {
    throw new ValidationError({ username: 'That username is taken.' });
  }
  await ensureNamesAvailable(db, choice);
  const email = input.email;
  if (email && (await db.sequelize.query('SELECT 1 FROM member_emails WHERE address_key = :key', { replacements: { key: addressKey(email) }, plain: true }))) {
    throw new ValidationError({ email: ADDRESS_TAKEN });
  }
  const passwordHash = await passwords.hash(input.password);
  try {
    return await db.writeTransaction(async (transaction) => {
      await ensureNamesAvailable(db, choice, transaction);
      const member = await db.models.Member.create(
        {
          username: input.username,
          usernameKey: key,
          usernameSkeleton: nameSkeleton(input.username),
          displayName: input.displayName,
          displayNameSkeleton: nameSkeleton(input.displayName),
          role: 'contributor',
          rankTitle: null,
          memberSince: new Date().toISOString().slice(0, 10),
          passwordHash,
        },
        { transaction },
      );
      // The address and its confirmation email commit with the account, or neither does.
      if (email) await addAddressAtRegistration(db, transaction, member.id, email);
      return member;
    });
  } catch (error) {
    // Two sign-ups racing for one name (or two lookalike usernames, or one address): the unique indexes decide.
    if (error instanceof UniqueConstraintError && JSON.stringify(error.fields ?? {}).includes('address')) throw new ValidationError({ email: ADDRESS_TAKEN });
    if (error instanceof UniqueConstraintError) throw new ValidationError({ username: `That username ${TOO_SIMILAR}` });
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

/**
 * Saves a member's own display name and privacy. A new display name is checked like a new
 * member's (no role claim unless staff, nothing like another member's name) and the change is
 * logged on the moderation log with both names, so staff can trace an impostor's renames.
 * Keeping one's own name (or changing only its case, which keeps its skeleton) is always allowed.
 */
export async function updateProfileSettings(
  db: Database,
  memberId: number,
  settings: { displayName: string; isPrivate: boolean },
): Promise<void> {
  await db.writeTransaction(async (transaction) => {
    const member = await db.models.Member.findByPk(memberId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!member) throw new NotFoundError('There is no member with that name.');
    const oldName = member.displayName;
    const renamed = settings.displayName !== oldName;
    const skeleton = nameSkeleton(settings.displayName);
    if (renamed && skeleton !== member.displayNameSkeleton) {
      await ensureNamesAvailable(db, { memberId, role: member.role, displayName: settings.displayName }, transaction);
    } else if (renamed) {
      ensureNoRoleClaim({ memberId, role: member.role, displayName: settings.displayName });
    }
    await member.update({ displayName: settings.displayName, displayNameSkeleton: skeleton, isPrivate: settings.isPrivate }, { transaction });
    if (renamed) {
      await recordAction(
        db,
        { actorId: memberId, action: 'member.rename', subjectMemberId: memberId, details: { from: oldName, to: settings.displayName } },
        transaction,
      );
    }
  });
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
