/**
 * Citing a badge status in a reply: the status is checked when the reply is saved and kept as a
 * snapshot in the reply's own transaction. Snapshots are never updated; reading a thread loads
 * the snapshots of its page at once, and the cited members' current statuses for those allowed.
 */
import type { Transaction } from 'sequelize';
import type { BadgeCitation, Member } from '../../../models';
import type { Database } from '../../db';
import { AUTHOR_ATTRIBUTES, findMemberByUsername } from '../members';
import { currentPolicy } from './policy';
import { recordOf, statusInputOf } from './records';
import { BadgePolicy, BadgeStatus, badgeStatus } from './status';

export interface CitationInput {
  postId: number;
  memberId: number;
  citedById: number;
  at: Date;
}

/** What a citation keeps: the member's status as checked at `at`, with the policy window in force. */
export interface BadgeSnapshot {
  memberId: number;
  memberName: string;
  status: string;
  label: string;
  windowStartsAt: Date | null;
  windowEndsAt: Date | null;
  awardedAt: Date | null;
  policyMinHours: number;
  policyMaxHours: number;
  checkedAt: Date;
}

/** Checks the member's status now, inside the caller's transaction (posts and messages keep the result). */
export async function badgeSnapshot(db: Database, memberId: number, at: Date, transaction: Transaction): Promise<BadgeSnapshot> {
  const member = await db.models.Member.findByPk(memberId, { attributes: ['id', 'displayName'], transaction });
  if (!member) throw new Error(`cited member ${memberId} does not exist`);
  const policy = await currentPolicy(db, transaction);
  const status = badgeStatus(statusInputOf(await recordOf(db, member.id, transaction)), policy, at);
  return {
    memberId: member.id,
    memberName: member.displayName,
    status: status.code,
    label: status.label,
    windowStartsAt: status.window?.startsAt ?? null,
    windowEndsAt: status.window?.endsAt ?? null,
    awardedAt: status.awardedAt,
    policyMinHours: policy.window.minHours,
    policyMaxHours: policy.window.maxHours,
    checkedAt: at,
  };
}

/** Checks the member's status now and keeps it with the post, inside the caller's transaction. */
export async function citeBadgeStatus(db: Database, input: CitationInput, transaction: Transaction): Promise<BadgeCitation> {
  const snapshot = await badgeSnapshot(db, input.memberId, input.at, transaction);
  return db.models.BadgeCitation.create(
    { ...snapshot, postId: input.postId, citedById: input.citedById, createdAt: input.at },
    { transaction },
  );
}

export interface CitationDraft {
  member: Member;
  status: BadgeStatus;
  policy: BadgePolicy;
}

/** What a citation of this member would say now (the reply form's preview); null for no such member. */
export async function draftCitation(db: Database, username: string, now: Date): Promise<CitationDraft | null> {
  const member = await findMemberByUsername(db, username);
  if (!member) return null;
  const [record, policy] = await Promise.all([recordOf(db, member.id), currentPolicy(db)]);
  return { member, policy, status: badgeStatus(statusInputOf(record), policy, now) };
}

/** The citations of these posts, oldest first, by post id (one query). */
export async function citationsOfPosts(db: Database, postIds: number[]): Promise<Map<number, BadgeCitation[]>> {
  const byPost = new Map<number, BadgeCitation[]>();
  if (!postIds.length) return byPost;
  const citations = await db.models.BadgeCitation.findAll({
    where: { postId: postIds },
    include: [
      { model: db.models.Member, as: 'member', attributes: AUTHOR_ATTRIBUTES },
      { model: db.models.Member, as: 'citedBy', attributes: AUTHOR_ATTRIBUTES },
    ],
    order: [['id', 'ASC']],
  });
  for (const citation of citations) {
    const list = byPost.get(citation.postId) ?? [];
    list.push(citation);
    byPost.set(citation.postId, list);
  }
  return byPost;
}

/** The current statuses of these members, by member id: one query for the records, one for the policy. */
export async function currentStatuses(db: Database, memberIds: number[], now: Date): Promise<Map<number, BadgeStatus>> {
  const statuses = new Map<number, BadgeStatus>();
  const ids = [...new Set(memberIds)];
  if (!ids.length) return statuses;
  const [records, policy] = await Promise.all([
    db.models.VerificationRecord.findAll({ where: { memberId: ids } }),
    currentPolicy(db),
  ]);
  const byMember = new Map(records.map((record) => [record.memberId, record]));
  for (const id of ids) statuses.set(id, badgeStatus(statusInputOf(byMember.get(id) ?? null), policy, now));
  return statuses;
}
