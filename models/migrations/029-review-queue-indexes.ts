/**
 * Bounded index reads for the staff review queue (posts' reports and private messages' reports).
 * The queue lists the reported things oldest first by their first open report; it reads open
 * reports in (created_at, post) order from the queue index and keeps a report when no earlier
 * open report of the same post exists, a probe of the per-post index below, so it stops after
 * the page's items instead of grouping every open report. The per-post index also serves each
 * item's count, newest report and first reports. The queue indexes of 017 and 022 gain the post
 * (message) as their last column, for the tie-break order; SQLite's indexes carry the rowid
 * already, PostgreSQL needs the id for the "earlier report" comparison.
 */
import { QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('reports', 'reports_queue');
  await qi.addIndex('reports', ['status', 'created_at', 'post_id'], { name: 'reports_queue' });
  await qi.sequelize.query(`CREATE INDEX reports_post_open ON reports (post_id, created_at, id) WHERE status = 'open'`);
  await qi.removeIndex('message_reports', 'message_reports_queue');
  await qi.addIndex('message_reports', ['status', 'created_at', 'message_id'], { name: 'message_reports_queue' });
  await qi.sequelize.query(`CREATE INDEX message_reports_message_open ON message_reports (message_id, created_at, id) WHERE status = 'open'`);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('message_reports', 'message_reports_message_open');
  await qi.removeIndex('message_reports', 'message_reports_queue');
  await qi.addIndex('message_reports', ['status', 'created_at'], { name: 'message_reports_queue' });
  await qi.removeIndex('reports', 'reports_post_open');
  await qi.removeIndex('reports', 'reports_queue');
  await qi.addIndex('reports', ['status', 'created_at'], { name: 'reports_queue' });
}
