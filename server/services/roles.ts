/** Changing a member's role and rank title; every change goes on the moderation log. */
import type { Database } from '../db';
import type { Role } from '../../models';
import { NotFoundError } from '../errors';
import { listLogEntries, type LogEntryRow } from '../read/moderationLog';
import { recordAction } from './moderationLog';
import { setRankPin } from './ranks';

export interface RoleAssignment {
  memberId: number;
  changedById: number;
  role: Role;
  /** Only contributors carry a custom rank title ("Ace Contributor"); staff and gurus show their role's. */
  rankTitle: string;
}

export interface RoleChangeDetails {
  fromRole: Role;
  toRole: Role;
  fromRankTitle: string | null;
  toRankTitle: string | null;
}

/** Applies the change and records it in one transaction; returns false when nothing changed. */
export async function changeRole(db: Database, input: RoleAssignment): Promise<boolean> {
  const toRankTitle = input.role === 'contributor' && input.rankTitle.trim() !== '' ? input.rankTitle.trim() : null;
  return db.writeTransaction(async (transaction) => {
    const member = await db.models.Member.findByPk(input.memberId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!member) throw new NotFoundError('There is no member with that name.');
    const details: RoleChangeDetails = {
      fromRole: member.role as Role,
      toRole: input.role,
      fromRankTitle: member.rankTitle,
      toRankTitle,
    };
    if (details.fromRole === details.toRole && details.fromRankTitle === details.toRankTitle) return false;
    await member.update({ role: input.role, rankTitle: toRankTitle }, { transaction });
    // A title set by hand is pinned; none lets a contributor's earned rank show again.
    await setRankPin(db, transaction, member.id, toRankTitle !== null);
    await recordAction(
      db,
      { actorId: input.changedById, action: 'role.change', subjectMemberId: member.id, details: { ...details } },
      transaction,
    );
    return true;
  });
}

/** A member's role changes, newest first, with who made them. */
export async function roleHistory(db: Database, memberId: number): Promise<LogEntryRow[]> {
  return listLogEntries(db, { kind: 'role.change', subjectMemberId: memberId });
}
