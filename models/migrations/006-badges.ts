/**
 * Badge status: one verification record per member, every change to it kept as an event (with the
 * feed's event id unique, so a repeated delivery changes nothing), the badge policy as versions
 * (the latest is in force; each says who changed it and when), citations snapshotted into posts,
 * and the Identity Verified mark denormalized onto members so every page shows it without a join.
 */
import { DataTypes, QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const ref = (table: string, allowNull = false) => ({ type: DataTypes.INTEGER, allowNull, references: { model: table, key: 'id' } });
const step = (prefix: string) => ({
  // not_started | passed | rejected
  [`${prefix}_state`]: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'not_started' },
  [`${prefix}_completed_at`]: { type: DataTypes.DATE, allowNull: true },
  [`${prefix}_method`]: { type: DataTypes.STRING(40), allowNull: true },
});

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('members', 'identity_verified_at', { type: DataTypes.DATE, allowNull: true });

  await qi.createTable('verification_records', {
    id,
    member_id: { ...ref('members'), unique: true },
    // top_rated, top_rated_plus, rising_talent; null: no tier.
    tier: { type: DataTypes.STRING(30), allowNull: true },
    invited_at: { type: DataTypes.DATE, allowNull: true },
    ...step('id'),
    ...step('webcam'),
    awarded_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });

  await qi.createTable('verification_events', {
    id,
    // The sender's id (feed, import); null for a manager's correction. Unique: a repeat is ignored.
    event_id: { type: DataTypes.STRING(120), allowNull: true },
    member_id: ref('members'),
    // feed | import | manager
    source: { type: DataTypes.STRING(12), allowNull: false },
    // What happened, e.g. step.passed, invited, badge.awarded, correction.
    kind: { type: DataTypes.STRING(30), allowNull: false },
    // JSON: {"field": {"from": ..., "to": ...}} for every field the event changed.
    changes: { type: DataTypes.TEXT, allowNull: false, defaultValue: '{}' },
    actor_id: ref('members', true),
    reason: { type: DataTypes.STRING(300), allowNull: true },
    occurred_at: { type: DataTypes.DATE, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('verification_events', ['event_id'], { name: 'verification_events_event_id', unique: true });
  await qi.addIndex('verification_events', ['member_id', 'id'], { name: 'verification_events_member' });

  // Append-only: the latest row is the policy in force, the earlier rows are its history.
  await qi.createTable('badge_policy_versions', {
    id,
    eligible_tiers: { type: DataTypes.TEXT, allowNull: false },
    accepted_id_methods: { type: DataTypes.TEXT, allowNull: false },
    accepted_webcam_methods: { type: DataTypes.TEXT, allowNull: false },
    window_min_hours: { type: DataTypes.INTEGER, allowNull: false },
    window_max_hours: { type: DataTypes.INTEGER, allowNull: false },
    changed_by_id: ref('members'),
    reason: { type: DataTypes.STRING(300), allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });

  // A snapshot: never updated, so the card reads as it was cited.
  await qi.createTable('badge_citations', {
    id,
    post_id: ref('posts'),
    member_id: ref('members'),
    member_name: { type: DataTypes.STRING(60), allowNull: false },
    status: { type: DataTypes.STRING(30), allowNull: false },
    label: { type: DataTypes.STRING(60), allowNull: false },
    window_starts_at: { type: DataTypes.DATE, allowNull: true },
    window_ends_at: { type: DataTypes.DATE, allowNull: true },
    awarded_at: { type: DataTypes.DATE, allowNull: true },
    policy_min_hours: { type: DataTypes.INTEGER, allowNull: false },
    policy_max_hours: { type: DataTypes.INTEGER, allowNull: false },
    checked_at: { type: DataTypes.DATE, allowNull: false },
    cited_by_id: ref('members'),
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('badge_citations', ['post_id'], { name: 'badge_citations_post' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('badge_citations');
  await qi.dropTable('badge_policy_versions');
  await qi.dropTable('verification_events');
  await qi.dropTable('verification_records');
  await qi.removeColumn('members', 'identity_verified_at');
}
