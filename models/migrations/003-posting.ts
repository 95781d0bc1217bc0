/** Posting: replies that answer a post, edit versions and the revision history of every post. */
import { DataTypes, QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Starts at 1; every recorded edit adds one. An editor's save names the version it started from.
  await qi.addColumn('posts', 'version', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 });
  await qi.addColumn('posts', 'edited_by_id', { type: DataTypes.INTEGER, allowNull: true, references: { model: 'members', key: 'id' } });
  await qi.addColumn('posts', 'edit_reason', { type: DataTypes.STRING(300), allowNull: true });
  await qi.addColumn('posts', 'reply_to_number', { type: DataTypes.INTEGER, allowNull: true });

  await qi.createTable('post_revisions', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    post_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'posts', key: 'id' } },
    // The version this edit produced (2 for the first edit).
    version: { type: DataTypes.INTEGER, allowNull: false },
    editor_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'members', key: 'id' } },
    reason: { type: DataTypes.STRING(300), allowNull: true },
    source_before: { type: DataTypes.TEXT, allowNull: false },
    source_after: { type: DataTypes.TEXT, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('post_revisions', ['post_id', 'version'], { name: 'post_revisions_post_version', unique: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('post_revisions');
  await qi.removeColumn('posts', 'reply_to_number');
  await qi.removeColumn('posts', 'edit_reason');
  await qi.removeColumn('posts', 'edited_by_id');
  await qi.removeColumn('posts', 'version');
}
