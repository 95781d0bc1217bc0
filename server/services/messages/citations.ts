/**
 * Badge statuses cited in messages (message_citations): the same snapshot a post's citation keeps
 * (server/services/badges/citations.ts badgeSnapshot), written with the message and read here for
 * one page of a conversation at once. They are shown only inside the conversation, so only its
 * participants (and staff, for the team's) ever see them.
 */
import type { Database } from '../../db';
import type { CitedStatus } from '../../presenters/badgeCitation';
import { dateOf, dateOrNull, select } from '../../read/rows';

export type MessageCitation = CitedStatus & { messageId: number };

export async function citationsOfMessages(db: Database, messageIds: number[]): Promise<Map<number, MessageCitation[]>> {
  const byMessage = new Map<number, MessageCitation[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await select(
    db,
    `SELECT mc.*, m.username AS member_username, c.display_name AS cited_by_name, c.role AS cited_by_role
     FROM message_citations mc LEFT JOIN members m ON m.id = mc.member_id LEFT JOIN members c ON c.id = mc.cited_by_id
     WHERE mc.message_id IN (:messageIds) ORDER BY mc.id`,
    { messageIds },
  );
  for (const row of rows) {
    const citation: MessageCitation = {
      messageId: Number(row.message_id),
      memberId: Number(row.member_id),
      memberName: String(row.member_name),
      status: String(row.status),
      label: String(row.label),
      windowStartsAt: dateOrNull(row.window_starts_at),
      windowEndsAt: dateOrNull(row.window_ends_at),
      awardedAt: dateOrNull(row.awarded_at),
      policyMinHours: Number(row.policy_min_hours),
      policyMaxHours: Number(row.policy_max_hours),
      checkedAt: dateOf(row.checked_at),
      member: row.member_username ? { username: String(row.member_username) } : null,
      citedBy: row.cited_by_name ? { displayName: String(row.cited_by_name), role: String(row.cited_by_role) } : null,
    };
    const list = byMessage.get(citation.messageId) ?? [];
    list.push(citation);
    byMessage.set(citation.messageId, list);
  }
  return byMessage;
}
