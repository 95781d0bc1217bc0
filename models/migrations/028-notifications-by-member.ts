/**
 * The notifications page (server/read/notifications.ts) lists a member's notifications newest
 * first: WHERE member_id = ? ORDER BY id DESC LIMIT 100. notifications_member_unread (member_id,
 * read_at, id) of 007 cannot give that order (id is ordered only within each read_at), so SQLite
 * read and sorted all of a member's notifications, and PostgreSQL could walk the primary key
 * backwards past everyone's. This index is the order itself: the page reads its first 100 entries
 * for the member and stops. The id is named for PostgreSQL; SQLite's indexes end with it anyway.
 *
 * Checked on the page's statement (server/read/notifications.ts, a member who is not staff):
 * - SQLite (the bench forum, 20,386 notifications, the bench reader's 400): before, SEARCH n USING
 *   INDEX notifications_member_unread (member_id=?) and USE TEMP B-TREE FOR ORDER BY; after,
 *   SEARCH n USING INDEX notifications_by_member (member_id=?) and no temp B-tree (the staff form
 *   of the statement too). test/http/notifications-page.test.ts asserts the latter.
 * - PostgreSQL (400,400 notifications over 2,000 members, analyzed): before, for a member whose
 *   notifications are the newest, Index Scan Backward using notifications_pkey with Filter
 *   (member_id = ...), i.e. past everyone's; for one whose are spread out, a bitmap scan of
 *   notifications_member_unread and a Sort of all of them. After, both: Index Scan Backward using
 *   notifications_by_member, Index Cond (member_id = ...), 100 rows read, no Sort node.
 */
import { QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addIndex('notifications', ['member_id', 'id'], { name: 'notifications_by_member' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('notifications', 'notifications_by_member');
}
