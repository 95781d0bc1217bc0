/** Members: creating them and reading their profiles. */
import type { Database } from '../db';
import type { Member, Post, Role } from '../../models';
import { NotFoundError } from '../errors';
import { nameSkeleton } from '../text/names';
import { ensureNamesAvailable } from './memberNames';

export interface NewMember {
  username: string;
  displayName: string;
  role?: Role;
  rankTitle?: string | null;
  /** 'YYYY-MM-DD'; today when omitted. */
  memberSince?: string;
  isPrivate?: boolean;
  isSeeded?: boolean;
}

export const RECENT_POSTS_ON_PROFILE = 10;

/** The member columns shown beside anything a member wrote. */
export const AUTHOR_ATTRIBUTES = ['id', 'username', 'displayName', 'role', 'rankTitle', 'memberSince', 'identityVerifiedAt'];

export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

/**
 * Creates a member. The unique usernameKey column refuses a name that differs only in case; names
 * that look like another member's, or claim a role the member does not have, are refused too.
 */
export async function createMember(db: Database, input: NewMember): Promise<Member> {
  const username = input.username.trim().normalize('NFKC');
  const displayName = input.displayName.trim().normalize('NFKC');
  const role = input.role ?? 'contributor';
  return db.writeTransaction(async (transaction) => {
    await ensureNamesAvailable(db, { memberId: null, role, username, displayName }, transaction);
    return db.models.Member.create(
      {
        username,
        usernameKey: usernameKey(username),
        usernameSkeleton: nameSkeleton(username),
        displayName,
        displayNameSkeleton: nameSkeleton(displayName),
        role,
        rankTitle: input.rankTitle ?? null,
        memberSince: input.memberSince ?? new Date().toISOString().slice(0, 10),
        isPrivate: input.isPrivate ?? false,
        isSeeded: input.isSeeded ?? false,
      },
      { transaction },
    );
  });
}

export async function findMemberByUsername(db: Database, username: string): Promise<Member | null> {
  return db.models.Member.findOne({ where: { usernameKey: usernameKey(username) } });
}

export async function getMemberByUsername(db: Database, username: string): Promise<Member> {
  const member = await findMemberByUsername(db, username);
  if (!member) throw new NotFoundError('There is no member with that name.');
  return member;
}

/** A member's latest posts with their threads, newest first (one query). */
export async function recentPostsBy(db: Database, memberId: number, limit = RECENT_POSTS_ON_PROFILE): Promise<Post[]> {
  return db.models.Post.findAll({
    where: { authorId: memberId },
    include: [{ model: db.models.Thread, as: 'thread', attributes: ['id', 'title', 'slug'] }],
    order: [['createdAt', 'DESC'], ['id', 'DESC']],
    limit,
  });
}
