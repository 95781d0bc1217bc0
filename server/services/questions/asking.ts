/**
 * Questions to the team, written in the post's own transaction: a member's post that asks becomes
 * an open question, and a staff post answers, in one set-based UPDATE, the open questions of its
 * thread it replies to, quotes, or whose authors it @mentions. Posts that do neither cost nothing.
 */
import { QueryTypes, Transaction } from 'sequelize';
import type { Database } from '../../db';
import { quotedPostRefs } from '../quotes';

export interface PostQuestionFacts {
  postId: number;
  threadId: number;
  boardId: number;
  number: number;
  authorId: number;
  at: Date;
  /** The author ticked "I'm asking the team" (the controller only passes it for members who may ask). */
  asksTeam: boolean;
  /** The post this one replies to (already checked to be an earlier post of the thread). */
  replyToNumber: number | null;
  /** The post's markdown: the posts of this thread it quotes are read from it. */
  source: string;
  /** Members this post @mentions. */
  mentionedIds: number[];
}

export const epochSeconds = (at: Date): number => Math.floor(at.getTime() / 1000);

/** Opens a question for the post. Idempotent: a post is a question once. */
export async function openQuestion(
  db: Database,
  transaction: Transaction,
  question: { postId: number; threadId: number; boardId: number; number: number; authorId: number; at: Date },
  now: Date = question.at,
): Promise<void> {
  await db.sequelize.query(
    `INSERT INTO questions (post_id, thread_id, board_id, post_number, author_id, asked_at, asked_epoch, state, created_at, updated_at)
     VALUES (:postId, :threadId, :boardId, :number, :authorId, :at, :epoch, 'open', :now, :now)
     ON CONFLICT (post_id) DO NOTHING`,
    { replacements: { ...question, epoch: epochSeconds(question.at), now }, transaction },
  );
}

/**
 * Marks as answered by this staff post every open question of its thread it replies to, quotes or
 * whose author it mentions, and releases their claims. The author's role is checked in the same
 * statement, so a post by a member (or a staff member demoted meanwhile) answers nothing.
 */
export async function answerByStaffPost(db: Database, transaction: Transaction, facts: PostQuestionFacts): Promise<number[]> {
  const quoted = quotedPostRefs(facts.source).filter((ref) => ref.threadId === facts.threadId).map((ref) => ref.number);
  const targets = [...new Set([...(facts.replyToNumber ? [facts.replyToNumber] : []), ...quoted])].filter((n) => n < facts.number);
  const mentioned = [...new Set(facts.mentionedIds)].filter((id) => id !== facts.authorId);
  if (targets.length === 0 && mentioned.length === 0) return [];
  const matches = [
    ...(targets.length ? ['post_number IN (:targets)'] : []),
    ...(mentioned.length ? ['author_id IN (:mentioned)'] : []),
  ];
  const rows = await db.sequelize.query<{ post_id: number }>(
    `UPDATE questions SET state = 'answered', answered_by_post_id = :postId, answered_by_id = :authorId, answered_at = :at,
       wait_seconds = :epoch - asked_epoch, claimed_by_id = NULL, claimed_at = NULL, updated_at = :at
     WHERE thread_id = :threadId AND state = 'open' AND post_number < :number AND (${matches.join(' OR ')})
       AND EXISTS (SELECT 1 FROM members m WHERE m.id = :authorId AND m.role IN ('moderator', 'manager'))
     RETURNING post_id`,
    {
      replacements: { postId: facts.postId, authorId: facts.authorId, at: facts.at, epoch: epochSeconds(facts.at), threadId: facts.threadId, number: facts.number, targets, mentioned },
      type: QueryTypes.SELECT,
      transaction,
    },
  );
  return rows.map((row) => Number(row.post_id));
}

/** What a new post does to the desk: opens its own question, or answers others'. */
export async function recordPostQuestions(db: Database, transaction: Transaction, facts: PostQuestionFacts): Promise<void> {
  if (facts.asksTeam) await openQuestion(db, transaction, facts);
  else await answerByStaffPost(db, transaction, facts);
}
