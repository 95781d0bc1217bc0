/**
 * Migration 029 (the review queue's indexes) goes down and up again on both databases; on SQLite
 * the queue's reads use them: an ordered read of the queue index probed per report, no grouping of
 * every open report (PostgreSQL's plans over a test's few rows say nothing, so only SQLite's).
 */
import { QueryTypes } from 'sequelize';
import * as reviewQueueIndexes from '../../models/migrations/029-review-queue-indexes';
import { messageReportQueue } from '../../server/services/messages/reports';
import { listQueue } from '../../server/services/reviewQueue';
import { reportPost } from '../../server/services/reports';
import { usingPostgres } from '../helpers/db';
import { createTestForum, makeMember, TestForum } from '../helpers/forum';

jest.setTimeout(60_000);

let forum: TestForum;
beforeAll(async () => { forum = await createTestForum(); });
afterAll(() => forum.destroy());

const indexesOf = async (table: string): Promise<string[]> => {
  const sql = forum.db.dialect === 'postgres'
    ? `SELECT indexname AS name FROM pg_indexes WHERE tablename = :table`
    : `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :table`;
  const rows = await forum.db.sequelize.query<{ name: string }>(sql, { replacements: { table }, type: QueryTypes.SELECT });
  return rows.map((row) => row.name).sort();
};

it('removes the per-post indexes and restores the queue indexes, then adds them again', async () => {
  const context = forum.db.sequelize.getQueryInterface();
  expect(await indexesOf('reports')).toEqual(expect.arrayContaining(['reports_queue', 'reports_post_open']));
  expect(await indexesOf('message_reports')).toEqual(expect.arrayContaining(['message_reports_queue', 'message_reports_message_open']));
  await reviewQueueIndexes.down({ context });
  expect(await indexesOf('reports')).toEqual(expect.arrayContaining(['reports_queue']));
  expect(await indexesOf('reports')).not.toContain('reports_post_open');
  expect(await indexesOf('message_reports')).not.toContain('message_reports_message_open');
  await reviewQueueIndexes.up({ context });
  expect(await indexesOf('reports')).toEqual(expect.arrayContaining(['reports_queue', 'reports_post_open']));
  expect(await indexesOf('message_reports')).toEqual(expect.arrayContaining(['message_reports_queue', 'message_reports_message_open']));
});

(usingPostgres ? it.skip : it)('reads the queue index in order, probing each report, without grouping every open report (SQLite)', async () => {
  const post = (await forum.db.models.Post.findOne({ order: [['id', 'ASC']] }))!;
  const reporter = await makeMember(forum.db);
  await reportPost(forum.db, { postId: post.id, reporterId: reporter.id, reason: 'spam', note: null, reportsPerHour: 100 });
  const read = jest.spyOn(forum.db, 'read');
  await listQueue(forum.db, {});
  await listQueue(forum.db, { reason: 'spam', boardId: 1 });
  await messageReportQueue(forum.db);
  const plans: Array<{ sql: string; plan: string }> = [];
  for (const [sql, replacements] of read.mock.calls) {
    const rows = await forum.db.sequelize.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, { replacements, type: QueryTypes.SELECT });
    plans.push({ sql, plan: rows.map((row) => row.detail).join('\n') });
  }
  read.mockRestore();
  const items = plans.filter(({ sql }) => sql.includes('FROM reports r WHERE'));
  expect(items).toHaveLength(2);
  for (const { plan } of items) {
    expect(plan).toMatch(/SEARCH r USING COVERING INDEX reports_queue \(status=\?\)/);
    expect(plan).toMatch(/SEARCH e USING COVERING INDEX reports_post_open \(post_id=\? AND created_at<\?\)/);
  }
  const details = plans.find(({ sql }) => sql.includes('FROM sanctions'))!;
  // The page's reports are read post by post, not by a scan of every open report.
  expect(details.plan).toMatch(/SEARCH o USING (COVERING )?INDEX reports_(post_open|one_open) \(post_id=\?\)/);
  expect(details.plan).not.toMatch(/reports_queue/);
  const messages = plans.find(({ sql }) => sql.includes('FROM message_reports r'))!;
  expect(messages.plan).toMatch(/message_reports_queue \(status=\?\)/);
  expect(messages.plan).toMatch(/SEARCH mr USING INDEX message_reports_message_open \(message_id=\?\)/);
  expect(plans.map(({ plan }) => plan).join('\n')).not.toMatch(/GROUP BY/);
});
