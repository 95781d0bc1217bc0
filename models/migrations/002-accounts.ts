/** Accounts: password hashes, database sessions, role-change records and shared rate-limit counters. */
import { DataTypes, QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('members', 'password_hash', { type: DataTypes.STRING(100), allowNull: true });
  // Seeded demo members: refused at sign-in in production whatever their password.
  await qi.addColumn('members', 'is_seeded', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });

  await qi.createTable('sessions', {
    sid: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    expires: { type: DataTypes.DATE, allowNull: true },
    data: { type: DataTypes.TEXT, allowNull: false },
    member_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'members', key: 'id' }, onDelete: 'CASCADE' },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('sessions', ['member_id'], { name: 'sessions_member' });
  await qi.addIndex('sessions', ['expires'], { name: 'sessions_expires' });

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
  await qi.addIndex('role_changes', ['member_id', 'created_at'], { name: 'role_changes_member' });

  // Rate-limit counters live in the database so every app process counts the same hits.
  await qi.createTable('rate_limit_hits', {
    key: { type: DataTypes.STRING(200), primaryKey: true, allowNull: false },
    hits: { type: DataTypes.INTEGER, allowNull: false },
    // Milliseconds since the epoch: plain integers compare the same on SQLite and PostgreSQL.
    reset_at: { type: DataTypes.BIGINT, allowNull: false },
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('rate_limit_hits');
  await qi.dropTable('role_changes');
  await qi.dropTable('sessions');
  await qi.removeColumn('members', 'is_seeded');
  await qi.removeColumn('members', 'password_hash');
}
