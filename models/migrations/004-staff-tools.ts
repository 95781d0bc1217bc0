/**
 * Staff tools: hidden posts, superseded official answers, ETA promises that are kept, withdrawn
 * or replaced, and one moderation log for every staff action (role changes move into it).
 */
import { DataTypes, QueryInterface, QueryTypes } from 'sequelize';

const memberRef = { type: DataTypes.INTEGER, allowNull: true, references: { model: 'members', key: 'id' } };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('posts', 'hidden_at', { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn('posts', 'hidden_by_id', memberRef);
  await qi.addColumn('posts', 'hidden_reason', { type: DataTypes.STRING(300), allowNull: true });
  // Set on a former official answer: "Superseded by post M".
  await qi.addColumn('posts', 'superseded_by_number', { type: DataTypes.INTEGER, allowNull: true });

  // open: the current promise; replaced: a newer note on the same post took over;
  // kept / withdrawn: closed by staff.
  await qi.addColumn('eta_notes', 'status', { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'open' });
  await qi.addColumn('eta_notes', 'closed_at', { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn('eta_notes', 'closed_by_id', memberRef);
  await qi.addColumn('eta_notes', 'close_reason', { type: DataTypes.STRING(300), allowNull: true });
  await qi.addColumn('eta_notes', 'follow_up_post_id', { type: DataTypes.INTEGER, allowNull: true, references: { model: 'posts', key: 'id' } });
  // The tracker: open promises by due time.
  await qi.addIndex('eta_notes', ['status', 'due_at'], { name: 'eta_notes_open_due' });

  await qi.createTable('moderation_log', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    actor_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'members', key: 'id' } },
    action: { type: DataTypes.STRING(40), allowNull: false },
    subject_member_id: memberRef,
    thread_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'threads', key: 'id' } },
    post_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'posts', key: 'id' } },
    // JSON: what changed, e.g. {"from":"contributor","to":"moderator"}.
    details: { type: DataTypes.TEXT, allowNull: false, defaultValue: '{}' },
    reason: { type: DataTypes.STRING(300), allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('moderation_log', ['created_at'], { name: 'moderation_log_recent' });
  await qi.addIndex('moderation_log', ['action', 'created_at'], { name: 'moderation_log_action' });
  await qi.addIndex('moderation_log', ['subject_member_id', 'created_at'], { name: 'moderation_log_subject' });
  await qi.addIndex('moderation_log', ['actor_id', 'created_at'], { name: 'moderation_log_actor' });

  const roleChanges = await qi.sequelize.query<{
    member_id: number; changed_by_id: number; from_role: string; to_role: string;
    from_rank_title: string | null; to_rank_title: string | null; created_at: string | Date;
  }>('SELECT member_id, changed_by_id, from_role, to_role, from_rank_title, to_rank_title, created_at FROM role_changes', { type: QueryTypes.SELECT });
  if (roleChanges.length) {
    await qi.bulkInsert(
      'moderation_log',
      roleChanges.map((change) => ({
        actor_id: change.changed_by_id,
        action: 'role.change',
        subject_member_id: change.member_id,
        details: JSON.stringify({
          fromRole: change.from_role, toRole: change.to_role,
          fromRankTitle: change.from_rank_title, toRankTitle: change.to_rank_title,
        }),
        created_at: new Date(change.created_at),
      })),
    );
  }
  await qi.dropTable('role_changes');
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('role_changes', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    member_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'members', key: 'id' } },
    changed_by_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'members', key: 'id' } },
    from_role: { type: DataTypes.STRING(20), allowNull: false },
    to_role: { type: DataTypes.STRING(20), allowNull: false },
    from_rank_title: { type: DataTypes.STRING(60), allowNull: true },
    to_rank_title: { type: DataTypes.STRING(60), allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.dropTable('moderation_log');
  for (const column of ['follow_up_post_id', 'close_reason', 'closed_by_id', 'closed_at', 'status']) {
    await qi.removeColumn('eta_notes', column);
  }
  for (const column of ['superseded_by_number', 'hidden_reason', 'hidden_by_id', 'hidden_at']) {
    await qi.removeColumn('posts', column);
  }
}
