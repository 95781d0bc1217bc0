/** Members: creating them and reading their profiles. */
import type { Database } from '../db';
import { QueryTypes } from 'sequelize';
import type { Member, Role } from '../../models';
import { Actor, countsHiddenPostsOf, readablePostsSql, viewerOf } from '../policies';
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
export const AUTHOR_ATTRIBUTES = ['id', 'username', 'displayName', 'role', 'rankTitle', 'memberSince', 'identityVerifiedAt', 'avatarEtag'];

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

export interface RecentPost {
  number: number;
  excerpt: string;
  createdAt: Date;
  /** Shown to the viewer although hidden from others (the author and staff see it, marked). */
  hidden: boolean;
  thread: { id: number; title: string; slug: string };
}

/**
 * A member's latest posts that the viewer may read, with their threads, newest first: one query
 * through the (author_id, created_at) index, filtered by the visibility rule.
 */
export async function recentPostsBy(db: Database, viewer: Actor, memberId: number, limit = RECENT_POSTS_ON_PROFILE): Promise<RecentPost[]> {
  const readable = readablePostsSql(viewerOf(viewer));
  const rows = await db.sequelize.query<{
    number: number; excerpt: string; created_at: Date | string; post_hidden: Date | string | null; thread_hidden: Date | string | null;
    thread_id: number; title: string; slug: string;
  }>(
    `SELECT p.number, p.excerpt, p.created_at, p.hidden_at AS post_hidden, t.hidden_at AS thread_hidden, t.id AS thread_id, t.title, t.slug
       FROM posts p JOIN threads t ON t.id = p.thread_id
      WHERE p.author_id = :memberId AND ${readable.sql}
      ORDER BY p.created_at DESC, p.id DESC
      LIMIT :limit`,
    { replacements: { memberId, limit, ...readable.replacements }, type: QueryTypes.SELECT },
  );
  return rows.map((row) => ({
    number: Number(row.number),
    excerpt: row.excerpt,
    createdAt: new Date(row.created_at),
    hidden: row.post_hidden !== null || row.thread_hidden !== null,
    thread: { id: Number(row.thread_id), title: row.title, slug: row.slug },
  }));
}

/** The member's post count as the viewer may know it: posts hidden from others are not counted for them. */
export function visiblePostCount(viewer: Actor, member: Pick<Member, 'id' | 'postCount' | 'hiddenPostCount'>): number {
  return countsHiddenPostsOf(viewer, member) ? member.postCount : member.postCount - member.hiddenPostCount;
}
