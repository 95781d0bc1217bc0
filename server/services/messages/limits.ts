/**
 * Flood limits on private messages, counted in rate_limit_hits (the sign-in throttle's store) so
 * every app process shares them: new conversations per member per hour and messages per member
 * per minute, both stricter for new members (joined within a week, fewer than two posts).
 */
import { DatabaseRateLimitStore, LimitRule, waitText } from '../../auth/rateLimitStore';
import type { MessageLimits } from '../../config';
import type { Database } from '../../db';
import { TooManyRequestsError } from '../../errors';
import { FIRST_POSTS, NEW_MEMBER_DAYS } from '../approvals';

export type MessageLimitKind = 'conversation' | 'message';

/** New as the approval queue means it: joined in the last week and fewer than two published posts. */
export async function isNewMember(db: Database, memberId: number, now: Date): Promise<boolean> {
  const member = await db.models.Member.findByPk(memberId, { attributes: ['id', 'memberSince', 'postCount'] });
  if (!member) return false;
  const since = new Date(now.getTime() - NEW_MEMBER_DAYS * 24 * 3600_000).toISOString().slice(0, 10);
  return String(member.memberSince).slice(0, 10) >= since && Number(member.postCount) < FIRST_POSTS;
}

function ruleFor(kind: MessageLimitKind, limits: MessageLimits, newMember: boolean): LimitRule {
  if (kind === 'conversation') {
    return { prefix: 'conversations-member:', limit: newMember ? limits.newMemberConversationsPerHour : limits.conversationsPerHour, windowMs: 3_600_000, maxLockoutMs: 0 };
  }
  return { prefix: 'messages-member:', limit: newMember ? limits.newMemberMessagesPerMinute : limits.messagesPerMinute, windowMs: 60_000, maxLockoutMs: 0 };
}

/** Counts one conversation or message of the member; throws TooManyRequestsError (429) over the limit. */
export async function reserveMessageLimit(db: Database, memberId: number, kind: MessageLimitKind, limits: MessageLimits, now = new Date()): Promise<void> {
  const newMember = await isNewMember(db, memberId, now);
  const rule = ruleFor(kind, limits, newMember);
  const verdict = await new DatabaseRateLimitStore(db).reserve(rule, DatabaseRateLimitStore.key(rule, String(memberId)), now.getTime());
  if (verdict.allowed) return;
  const what = kind === 'conversation' ? `${rule.limit} new conversations an hour` : `${rule.limit} messages a minute`;
  throw new TooManyRequestsError(
    `You can start at most ${what}${newMember ? ' while your account is new' : ''}. Your text is kept below; try again in ${waitText(verdict.retryAfterSeconds)}.`,
    verdict.retryAfterSeconds,
  );
}
