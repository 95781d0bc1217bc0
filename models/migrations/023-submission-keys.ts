/**
 * One-time submission keys: every composer form carries a random key, and the post it made is
 * remembered against (member, key). A repeated submission of the same form (a double click, Back
 * and Post again) finds the key taken and is shown the first post instead of making another.
 */
import { DataTypes, QueryInterface } from 'sequelize';

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
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('submission_keys');
}
