/** Changing a member's role and rank title, with a record of every change. */
import type { Database } from '../db';
import type { RoleChange, Role } from '../../models';
import { NotFoundError } from '../errors';
import { AUTHOR_ATTRIBUTES } from './members';

export interface RoleAssignment {
  memberId: number;
  changedById: number;
  role: Role;
  /** Only contributors carry a custom rank title ("Ace Contributor"); staff and gurus show their role's. */
  rankTitle: string;
}

/** Applies the change and records it in one transaction; returns false when nothing changed. */
export async function changeRole(db: Database, input: RoleAssignment): Promise<boolean> {
  const toRankTitle = input.role === 'contributor' && input.rankTitle.trim() !== '' ? input.rankTitle.trim() : null;
  return db.writeTransaction(async (transaction) => {
    const member = await db.models.Member.findByPk(input.memberId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!member) throw new NotFoundError('There is no member with that name.');
    const fromRole = member.role as Role;
    const fromRankTitle = member.rankTitle;
    if (fromRole === input.role && fromRankTitle === toRankTitle) return false;
    await member.update({ role: input.role, rankTitle: toRankTitle }, { transaction });
    await db.models.RoleChange.create(
      {
        memberId: member.id,
        changedById: input.changedById,
        fromRole,
        toRole: input.role,
        fromRankTitle,
        toRankTitle,
      },
      { transaction },
    );
    return true;
  });
}

/** A member's role changes, newest first, with who made them. */
export async function roleHistory(db: Database, memberId: number): Promise<RoleChange[]> {
  return db.models.RoleChange.findAll({
    where: { memberId },
    include: [{ model: db.models.Member, as: 'changedBy', attributes: AUTHOR_ATTRIBUTES }],
    order: [['createdAt', 'DESC'], ['id', 'DESC']],
    limit: 50,
  });
}
