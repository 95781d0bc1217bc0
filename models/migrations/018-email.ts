/**
 * Email: each member's address (unique ignoring case, verified or not), single-use tokens for
 * verification and password reset (stored hashed), per-kind delivery preferences, and the
 * transactional outbox the email worker sends from (server/email/worker.ts).
 */
import { DataTypes, QueryInterface } from 'sequelize';

const memberRef = (allowNull: boolean) => ({ type: DataTypes.INTEGER, allowNull, references: { model: 'members', key: 'id' } });

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // One row per member who gave an address; seeded members have none.
  await qi.createTable('member_emails', {
    member_id: { ...memberRef(false), primaryKey: true },
    address: { type: DataTypes.STRING(254), allowNull: false },
    // address in lower case: one address, one account, whatever its case.
    address_key: { type: DataTypes.STRING(254), allowNull: false, unique: true },
    verified_at: { type: DataTypes.DATE, allowNull: true },
    // The UTC hour (0-23) of the member's daily digest.
    digest_hour: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 8 },
    // The digest already covers notifications up to this id; last_digest_at makes one digest per day.
    digest_through_id: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    last_digest_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('member_emails', ['digest_hour', 'last_digest_at'], { name: 'member_emails_digest' });

  await qi.createTable('email_tokens', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    member_id: memberRef(false),
    // verify | reset
    purpose: { type: DataTypes.STRING(10), allowNull: false },
    // sha256 of the random token: a leaked table opens no account.
    token_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    // The address being verified (a new one, when a member changes theirs).
    address: { type: DataTypes.STRING(254), allowNull: true },
    expires_at: { type: DataTypes.DATE, allowNull: false },
    used_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('email_tokens', ['member_id', 'purpose'], { name: 'email_tokens_member' });

  // Only the choices a member changed from the defaults of server/email/kinds.ts.
  await qi.createTable('email_preferences', {
    member_id: { ...memberRef(false), primaryKey: true },
    kind: { type: DataTypes.STRING(20), allowNull: false, primaryKey: true },
    // immediately | digest | never
    delivery: { type: DataTypes.STRING(12), allowNull: false },
  });

  await qi.createTable('email_outbox', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    member_id: memberRef(true),
    // Where it goes; null for a notification: the member's verified address at send time.
    to_address: { type: DataTypes.STRING(254), allowNull: true },
    // verify | reset | address-changed | password-reset | notification | digest
    template: { type: DataTypes.STRING(20), allowNull: false },
    // The notification kind (reply, eta...) of a notification email, for its unsubscribe link.
    kind: { type: DataTypes.STRING(20), allowNull: true },
    thread_id: { type: DataTypes.INTEGER, allowNull: true },
    post_id: { type: DataTypes.INTEGER, allowNull: true },
    actor_id: { type: DataTypes.INTEGER, allowNull: true },
    // JSON: the notification's details, or a template's links (cleared once sent).
    details: { type: DataTypes.TEXT, allowNull: false, defaultValue: '{}' },
    // pending | sent | failed | dropped
    status: { type: DataTypes.STRING(10), allowNull: false, defaultValue: 'pending' },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    due_at: { type: DataTypes.DATE, allowNull: false },
    // A worker's claim: another worker takes the row only after this passes (the claimer died).
    claimed_until: { type: DataTypes.DATE, allowNull: true },
    // Which claim holds the row: a worker sends only while its claim still does (see worker.ts).
    claim_token: { type: DataTypes.STRING(32), allowNull: true },
    sent_at: { type: DataTypes.DATE, allowNull: true },
    last_error: { type: DataTypes.STRING(500), allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  // What the worker claims: pending rows by due time.
  await qi.addIndex('email_outbox', ['status', 'due_at'], { name: 'email_outbox_due' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('email_outbox');
  await qi.dropTable('email_preferences');
  await qi.dropTable('email_tokens');
  await qi.dropTable('member_emails');
}
