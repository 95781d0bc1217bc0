/**
 * Whole threads can be hidden by staff (a thread whose title must not stay public), and the
 * counters shown to readers leave out what they may not see: members and boards keep, beside
 * their totals, how many of their posts (and threads) are hidden.
 */
import { DataTypes, QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('threads', 'hidden_at', { type: DataTypes.DATE, allowNull: true });
  // No foreign key: SQLite cannot DROP a column that is one, and the down must work in place
  // (removeColumn rebuilds the table on SQLite, which loses migration 005's search triggers).
  await qi.addColumn('threads', 'hidden_by_id', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('threads', 'hidden_reason', { type: DataTypes.STRING(500), allowNull: true });
  await qi.addIndex('threads', ['hidden_at'], { name: 'threads_hidden' });
  await qi.addColumn('members', 'hidden_post_count', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  await qi.addColumn('boards', 'hidden_thread_count', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  await qi.addColumn('boards', 'hidden_post_count', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
  // Posts hidden before this migration: no thread was hidden yet, so they are the member's hidden posts.
  await qi.sequelize.query(
    `UPDATE members SET hidden_post_count = (SELECT COUNT(*) FROM posts p WHERE p.author_id = members.id AND p.hidden_at IS NOT NULL)`,
  );
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('threads', 'threads_hidden');
  for (const [table, column] of [
    ['boards', 'hidden_post_count'],
    ['boards', 'hidden_thread_count'],
    ['members', 'hidden_post_count'],
    ['threads', 'hidden_reason'],
    ['threads', 'hidden_by_id'],
    ['threads', 'hidden_at'],
  ]) {
    await qi.sequelize.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
  }
}
