/**
 * Reports, the review queue and sanctions. A report is one member's complaint about one post; the
 * open reports of a post are its item in the staff review queue, closed together with an outcome.
 * Sanctions (silence, suspend) are kept as history in `sanctions`, and the current one is copied
 * onto the member row, so the per-request member load sees it without another query. New
 * members' first posts with links wait in pending_posts, apart from posts, so thread numbering
 * stays gap-free: a post gets its number only when a moderator approves it.
 */
import { DataTypes, QueryInterface } from 'sequelize';

const memberRef = (allowNull: boolean) => ({ type: DataTypes.INTEGER, allowNull, references: { model: 'members', key: 'id' } });

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('reports', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    post_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'posts', key: 'id' } },
    reporter_id: memberRef(false),
    // spam | abusive | personal | offtopic | other
    reason: { type: DataTypes.STRING(20), allowNull: false },
    note: { type: DataTypes.STRING(500), allowNull: true },
    // open, then the outcome that closed it: hidden | dismissed
    status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'open' },
    closed_at: { type: DataTypes.DATE, allowNull: true },
    closed_by_id: memberRef(true),
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  // One open report per member per post: reporting again updates it (and a race cannot make two).
  await qi.sequelize.query(`CREATE UNIQUE INDEX reports_one_open ON reports (post_id, reporter_id) WHERE status = 'open'`);
  // The queue (open reports, oldest first) and its count in the staff header.
  await qi.addIndex('reports', ['status', 'created_at'], { name: 'reports_queue' });
  // The flood limit: a member's reports in the last hour.
  await qi.addIndex('reports', ['reporter_id', 'updated_at'], { name: 'reports_by_reporter' });

  await qi.createTable('sanctions', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    member_id: memberRef(false),
    // silence | suspend
    kind: { type: DataTypes.STRING(10), allowNull: false },
    reason: { type: DataTypes.STRING(300), allowNull: false },
    // null: indefinitely
    ends_at: { type: DataTypes.DATE, allowNull: true },
    created_by_id: memberRef(false),
    created_at: { type: DataTypes.DATE, allowNull: false },
    lifted_at: { type: DataTypes.DATE, allowNull: true },
    lifted_by_id: memberRef(true),
  });
  await qi.addIndex('sanctions', ['member_id', 'created_at'], { name: 'sanctions_member' });

  // The current sanction of each kind; an end in the past means it is over. The sentinel for
  // "indefinitely" is a far-future end, so one comparison with now decides on every request.
  await qi.addColumn('members', 'silenced_until', { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn('members', 'silence_reason', { type: DataTypes.STRING(300), allowNull: true });
  await qi.addColumn('members', 'suspended_until', { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn('members', 'suspend_reason', { type: DataTypes.STRING(300), allowNull: true });

  await qi.createTable('member_notes', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    member_id: memberRef(false),
    author_id: memberRef(false),
    text: { type: DataTypes.STRING(1000), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('member_notes', ['member_id', 'created_at'], { name: 'member_notes_member' });

  await qi.createTable('pending_posts', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    author_id: memberRef(false),
    // A reply names its thread; a new thread names its board and title.
    thread_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'threads', key: 'id' } },
    board_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'boards', key: 'id' } },
    title: { type: DataTypes.STRING(200), allowNull: true },
    source: { type: DataTypes.TEXT, allowNull: false },
    reply_to_number: { type: DataTypes.INTEGER, allowNull: true },
    // pending | approved | rejected
    status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'pending' },
    reason: { type: DataTypes.STRING(300), allowNull: true },
    decided_by_id: memberRef(true),
    decided_at: { type: DataTypes.DATE, allowNull: true },
    published_post_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'posts', key: 'id' } },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('pending_posts', ['status', 'created_at'], { name: 'pending_posts_queue' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('pending_posts');
  await qi.dropTable('member_notes');
  // In place (not removeColumn, which rebuilds the table on SQLite and trips the foreign keys to members).
  for (const column of ['suspend_reason', 'suspended_until', 'silence_reason', 'silenced_until']) {
    await qi.sequelize.query(`ALTER TABLE members DROP COLUMN ${column}`);
  }
  await qi.dropTable('sanctions');
  await qi.dropTable('reports');
}
