/**
 * Where each member left off in each thread: one row per (member, thread) holding the highest
 * post number they have seen, moved forward by one upsert per page view (never a row per post).
 * Also an index for the catch-up view, which asks "did staff reply to post N of this thread".
 */
import { DataTypes, QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('read_positions', {
    member_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: 'members', key: 'id' } },
    thread_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: 'threads', key: 'id' } },
    last_read_number: { type: DataTypes.INTEGER, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  // The catch-up view's "member posts staff replied to": replies to post N of thread T.
  await qi.addIndex('posts', ['thread_id', 'reply_to_number'], { name: 'posts_thread_reply_to' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('DROP INDEX IF EXISTS posts_thread_reply_to');
  await qi.dropTable('read_positions');
}
