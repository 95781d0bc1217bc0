/**
 * One-time submission keys: every composer form carries a random key, and the post it made is
 * remembered against (member, key). A repeated submission of the same form (a double click, Back
 * and Post again) finds the key taken and is shown the first post instead of making another.
 *
 * Also: a notification may be about no thread (a member's badge was awarded), so
 * notifications.thread_id becomes nullable.
 */
import { DataTypes, QueryInterface, QueryTypes } from 'sequelize';

/**
 * SQLite cannot change a column's NOT NULL in place: the table is rebuilt from its own CREATE
 * statement with that one column changed, its rows copied and its indexes made again. Nothing
 * references notifications, so dropping the old table trips no foreign key.
 */
async function rebuildSqliteNotifications(qi: QueryInterface, from: RegExp, to: string): Promise<void> {
  const sequelize = qi.sequelize;
  const [table] = await sequelize.query<{ sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'notifications'", { type: QueryTypes.SELECT });
  const indexes = await sequelize.query<{ sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'notifications' AND sql IS NOT NULL", { type: QueryTypes.SELECT });
  const created = table.sql.replace(/^CREATE TABLE [`"]?notifications[`"]?/, 'CREATE TABLE notifications_rebuilt');
  if (!from.test(created)) throw new Error('migration 023: the notifications table does not have the expected thread_id column');
  await sequelize.query(created.replace(from, to));
  await sequelize.query('INSERT INTO notifications_rebuilt SELECT * FROM notifications');
  await sequelize.query('DROP TABLE notifications');
  await sequelize.query('ALTER TABLE notifications_rebuilt RENAME TO notifications');
  for (const index of indexes) await sequelize.query(index.sql);
}

const THREAD_NOT_NULL = /`thread_id` INTEGER NOT NULL/;
const THREAD_NULLABLE = /`thread_id` INTEGER(?! NOT NULL)/;

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('submission_keys', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    member_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'members', key: 'id' }, onDelete: 'CASCADE' },
    submission_key: { type: DataTypes.STRING(64), allowNull: false },
    // Set in the same transaction as the claim, once the post exists.
    post_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'posts', key: 'id' }, onDelete: 'CASCADE' },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  // The claim: a second insert of the same (member, key) fails, whichever process makes it.
  await qi.addIndex('submission_keys', ['member_id', 'submission_key'], { name: 'submission_keys_claim', unique: true });
  await qi.addIndex('submission_keys', ['created_at'], { name: 'submission_keys_age' });
  if (qi.sequelize.getDialect() === 'sqlite') await rebuildSqliteNotifications(qi, THREAD_NOT_NULL, '`thread_id` INTEGER');
  else await qi.sequelize.query('ALTER TABLE notifications ALTER COLUMN thread_id DROP NOT NULL');
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('submission_keys');
  // Notifications about no thread cannot be kept under the old rule.
  await qi.sequelize.query('DELETE FROM notifications WHERE thread_id IS NULL');
  if (qi.sequelize.getDialect() === 'sqlite') await rebuildSqliteNotifications(qi, THREAD_NULLABLE, '`thread_id` INTEGER NOT NULL');
  else await qi.sequelize.query('ALTER TABLE notifications ALTER COLUMN thread_id SET NOT NULL');
}
