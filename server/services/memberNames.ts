/**
 * The names a member chooses, checked against everyone else's: a non-staff name may not claim a
 * role, and no name may look like another member's username or display name (same skeleton,
 * server/text/skeleton.ts). Runs inside the write transaction that stores the name, so two members
 * racing for lookalike names cannot both win: usernames' skeletons are a unique index; display
 * names are checked under one lock (PostgreSQL advisory lock; SQLite has one writer anyway).
 */
import { Op, Transaction } from 'sequelize';
import type { Database } from '../db';
import type { Role } from '../../models';
import { ValidationError } from '../errors';
import { canNameClaimRole } from '../policies';
import { claimsStaffRole, nameSkeleton, ROLE_CLAIM_MESSAGE } from '../text/names';

export const TOO_SIMILAR = 'is too similar to an existing member\'s name.';

/** An arbitrary constant naming "the member names lock" among PostgreSQL advisory locks. */
const NAMES_LOCK_KEY = 4_013_010;

export interface NameChoice {
  /** The member choosing, or null for a new member. */
  memberId: number | null;
  role: Role;
  /** Only the names being set; a name left as it was is not checked again. */
  username?: string;
  displayName?: string;
}

const FIELD_LABELS = { username: 'That username', displayName: 'That display name' } as const;

/** Refuses a role claim by a non-staff member (no database needed: call it before hashing). */
export function ensureNoRoleClaim(choice: NameChoice): void {
  if (canNameClaimRole({ role: choice.role }).allowed) return;
  const errors: Record<string, string> = {};
  for (const field of ['username', 'displayName'] as const) {
    const name = choice[field];
    if (name !== undefined && claimsStaffRole(name)) errors[field] = ROLE_CLAIM_MESSAGE;
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

/**
 * Throws ValidationError naming each chosen name whose skeleton equals another member's username
 * or display name skeleton. Pass the transaction that will store the names.
 */
export async function ensureNamesAvailable(db: Database, choice: NameChoice, transaction?: Transaction): Promise<void> {
  ensureNoRoleClaim(choice);
  const chosen = (['username', 'displayName'] as const).flatMap((field) => {
    const name = choice[field];
    return name === undefined ? [] : [{ field, skeleton: nameSkeleton(name) }];
  });
  if (chosen.length === 0) return;
  if (transaction && db.dialect === 'postgres') {
    await db.sequelize.query('SELECT pg_advisory_xact_lock(:key)', { replacements: { key: NAMES_LOCK_KEY }, transaction });
  }
  const skeletons = [...new Set(chosen.map((each) => each.skeleton))];
  const others = await db.models.Member.findAll({
    where: {
      ...(choice.memberId !== null ? { id: { [Op.ne]: choice.memberId } } : {}),
      [Op.or]: [{ usernameSkeleton: { [Op.in]: skeletons } }, { displayNameSkeleton: { [Op.in]: skeletons } }],
    },
    attributes: ['id', 'usernameSkeleton', 'displayNameSkeleton'],
    limit: 10,
    transaction,
  });
  const used = new Set(others.flatMap((member) => [member.usernameSkeleton, member.displayNameSkeleton]));
  const errors: Record<string, string> = {};
  for (const { field, skeleton } of chosen) {
    if (used.has(skeleton)) errors[field] = `${FIELD_LABELS[field]} ${TOO_SIMILAR}`;
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}
