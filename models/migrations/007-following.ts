/** Following threads and boards, and the in-app notifications that following brings. */
import { DataTypes, QueryInterface } from 'sequelize';

const memberRef = { type: DataTypes.INTEGER, allowNull: false, references: { model: 'members', key: 'id' }, onDelete: 'CASCADE' };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('thread_follows', {
    member_id: { ...memberRef, primaryKey: true },
    thread_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: 'threads', key: 'id' }, onDelete: 'CASCADE' },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  // Fan-out reads followers of one thread.
  await qi.addIndex('thread_follows', ['thread_id', 'member_id'], { name: 'thread_follows_thread' });

  await qi.createTable('board_follows', {
    member_id: { ...memberRef, primaryKey: true },
    board_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true, references: { model: 'boards', key: 'id' }, onDelete: 'CASCADE' },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('board_follows', ['board_id', 'member_id'], { name: 'board_follows_board' });

  await qi.createTable('notifications', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    member_id: memberRef,
    // reply | mention | quote | thread | eta | answer | citation
    kind: { type: DataTypes.STRING(20), allowNull: false },
    thread_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'threads', key: 'id' }, onDelete: 'CASCADE' },
    post_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'posts', key: 'id' }, onDelete: 'CASCADE' },
    actor_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'members', key: 'id' } },
    // JSON, e.g. {"window":"72 hours","was":"24-48 hours"} for an ETA change.
    details: { type: DataTypes.TEXT, allowNull: false, defaultValue: '{}' },
    read_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  // The header's unread count and the notifications page.
  await qi.addIndex('notifications', ['member_id', 'read_at', 'id'], { name: 'notifications_member_unread' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('notifications');
  await qi.dropTable('board_follows');
  await qi.dropTable('thread_follows');
}
