/**
 * The staff review queue, read side: one item per post with open reports, oldest report first,
 * filtered by reason and board. A page is at most QUEUE_PAGE_SIZE items and a bounded number of
 * reports, loaded in a fixed number of queries whatever the queue holds.
 */
import { Op, QueryTypes } from 'sequelize';
import type { Database } from '../db';
import type { MemberNote, Post, Report, ReportReason, Sanction } from '../../models';
import { AUTHOR_ATTRIBUTES } from './members';

export const QUEUE_PAGE_SIZE = 25;
/** Reports shown per item (the count says how many there are in all). */
export const REPORTS_PER_ITEM = 20;

export interface QueueFilter {
  reason?: ReportReason | null;
  boardId?: number | null;
}

export interface QueueItem {
  post: Post;
  reportCount: number;
  /** The newest open report the moderator saw: the action closes reports up to it and no later ones. */
  lastReportId: number;
  reports: Report[];
  authorSanctions: Sanction[];
  authorNotes: MemberNote[];
}

interface ItemRow {
  post_id: number;
  report_count: number | string;
  last_report_id: number | string;
}

export async function listQueue(db: Database, filter: QueueFilter = {}): Promise<QueueItem[]> {
  const conditions = [`r.status = 'open'`];
  const replacements: Record<string, unknown> = {};
  if (filter.boardId) {
    conditions.push('t.board_id = :boardId');
    replacements.boardId = filter.boardId;
  }
  if (filter.reason) {
    conditions.push(`r.post_id IN (SELECT post_id FROM reports WHERE status = 'open' AND reason = :reason)`);
    replacements.reason = filter.reason;
  }
  const rows = await db.sequelize.query<ItemRow>(
    `SELECT r.post_id, COUNT(*) AS report_count, MAX(r.id) AS last_report_id
     FROM reports r JOIN posts p ON p.id = r.post_id JOIN threads t ON t.id = p.thread_id
     WHERE ${conditions.join(' AND ')}
     GROUP BY r.post_id ORDER BY MIN(r.created_at) ASC, r.post_id ASC LIMIT ${QUEUE_PAGE_SIZE}`,
    { replacements, type: QueryTypes.SELECT },
  );
  if (rows.length === 0) return [];
  const postIds = rows.map((row) => Number(row.post_id));
  const { Member, Thread, Board } = db.models;
  const posts = await db.models.Post.findAll({
    where: { id: postIds },
    include: [
      { model: Member, as: 'author', attributes: [...AUTHOR_ATTRIBUTES, 'postCount', 'createdAt', 'silencedUntil', 'suspendedUntil'] },
      { model: Thread, as: 'thread', attributes: ['id', 'title', 'slug', 'hiddenAt', 'authorId'], include: [{ model: Board, as: 'board', attributes: ['name', 'slug'] }] },
    ],
  });
  // The first REPORTS_PER_ITEM of each item: a post reported a thousand times does not crowd out the rest.
  const shown = await db.sequelize.query<{ id: number }>(
    `SELECT id FROM (
       SELECT id, ROW_NUMBER() OVER (PARTITION BY post_id ORDER BY created_at, id) AS n
       FROM reports WHERE status = 'open' AND post_id IN (:postIds)
     ) numbered WHERE n <= ${REPORTS_PER_ITEM}`,
    { replacements: { postIds }, type: QueryTypes.SELECT },
  );
  const reports = await db.models.Report.findAll({
    where: { id: shown.map((row) => Number(row.id)) },
    include: [{ model: Member, as: 'reporter', attributes: AUTHOR_ATTRIBUTES }],
    order: [['createdAt', 'ASC'], ['id', 'ASC']],
  });
  const authorIds = [...new Set(posts.map((post) => post.authorId))];
  const sanctions = await db.models.Sanction.findAll({
    where: { memberId: authorIds },
    include: [{ model: Member, as: 'createdBy', attributes: AUTHOR_ATTRIBUTES }],
    order: [['createdAt', 'DESC']],
    limit: authorIds.length * 10,
  });
  const notes = await db.models.MemberNote.findAll({
    where: { memberId: authorIds },
    include: [{ model: Member, as: 'author', attributes: AUTHOR_ATTRIBUTES }],
    order: [['createdAt', 'DESC']],
    limit: authorIds.length * 10,
  });
  const postsById = new Map(posts.map((post) => [post.id, post]));
  return rows.flatMap((row) => {
    const post = postsById.get(Number(row.post_id));
    if (!post) return [];
    return [{
      post,
      reportCount: Number(row.report_count),
      lastReportId: Number(row.last_report_id),
      reports: reports.filter((report) => report.postId === post.id),
      authorSanctions: sanctions.filter((sanction) => sanction.memberId === post.authorId),
      authorNotes: notes.filter((note) => note.memberId === post.authorId),
    }];
  });
}

/** Who closed a post's latest reports, and how: what the second of two moderators is told. */
export async function latestClosing(db: Database, postId: number): Promise<Report | null> {
  return db.models.Report.findOne({
    where: { postId, status: { [Op.ne]: 'open' } },
    include: [{ model: db.models.Member, as: 'closedBy', attributes: AUTHOR_ATTRIBUTES }],
    order: [['closedAt', 'DESC'], ['id', 'DESC']],
  });
}
