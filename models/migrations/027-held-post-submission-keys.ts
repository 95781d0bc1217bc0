/**
 * One-time submission keys cover posts held for approval: a claimed key remembers the held post
 * (pending_posts row) it made, so a repeated submission of a held post is shown that held post
 * instead of holding a second copy.
 */
import { DataTypes, QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Set in the same transaction as the claim, once the held post exists.
  await qi.addColumn('submission_keys', 'pending_post_id', {
    type: DataTypes.INTEGER,
    allowNull: true,
    references: { model: 'pending_posts', key: 'id' },
    onDelete: 'CASCADE',
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeColumn('submission_keys', 'pending_post_id');
}
