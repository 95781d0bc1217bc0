/**
 * Private messages: conversations between members, or between a member and the team (a shared
 * staff inbox). Kept in their own tables, apart from posts, so no message ever reaches the posts
 * search index, feeds or profiles. Each participant row carries its read state and a copy of the
 * conversation's latest message number and time, so the inbox and the header's unread count read
 * only the member's own participant rows (one index range).
 */
import { DataTypes, QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const ref = (table: string, allowNull = false) => ({ type: DataTypes.INTEGER, allowNull, references: { model: table, key: 'id' } });

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('conversations', {
    id,
    subject: { type: DataTypes.STRING(200), allowNull: false },
    // members | team
    kind: { type: DataTypes.STRING(10), allowNull: false },
    started_by_id: ref('members'),
    // Team conversations: open | resolved. Member conversations stay open.
    status: { type: DataTypes.STRING(10), allowNull: false, defaultValue: 'open' },
    assigned_to_id: ref('members', true),
    resolved_at: { type: DataTypes.DATE, allowNull: true },
    resolved_by_id: ref('members', true),
    // Messages are numbered 1, 2, 3... in the conversation's own transaction.
    last_message_number: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    last_message_at: { type: DataTypes.DATE, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  // The staff inbox: team conversations by state, newest activity first.
  await qi.addIndex('conversations', ['kind', 'status', 'last_message_at', 'id'], { name: 'conversations_staff_inbox' });

  await qi.createTable('conversation_participants', {
    id,
    conversation_id: ref('conversations'),
    member_id: ref('members'),
    // member | staff (a colleague added to, or answering in, a team conversation)
    role: { type: DataTypes.STRING(10), allowNull: false, defaultValue: 'member' },
    last_read_message_number: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    // Copies of the conversation's, updated with every message: the inbox sorts and counts on them.
    last_message_number: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    last_message_at: { type: DataTypes.DATE, allowNull: false },
    left_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('conversation_participants', ['conversation_id', 'member_id'], { name: 'conversation_participants_one', unique: true });
  // The inbox (keyset over last activity) and the header's unread count: the member's rows only.
  await qi.addIndex('conversation_participants', ['member_id', 'last_message_at', 'conversation_id'], { name: 'conversation_participants_inbox' });

  await qi.createTable('messages', {
    id,
    conversation_id: ref('conversations'),
    number: { type: DataTypes.INTEGER, allowNull: false },
    author_id: ref('members'),
    source: { type: DataTypes.TEXT, allowNull: false },
    html: { type: DataTypes.TEXT, allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('messages', ['conversation_id', 'number'], { name: 'messages_number', unique: true });
  // The flood limit counts a member's messages of the last minute.
  await qi.addIndex('messages', ['author_id', 'created_at'], { name: 'messages_author' });

  // A badge status cited in a message: the same snapshot as badge_citations, but its own table
  // (badge_citations.post_id is NOT NULL, and making it nullable would rebuild the table on SQLite).
  await qi.createTable('message_citations', {
    id,
    message_id: ref('messages'),
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
  await qi.addIndex('message_citations', ['message_id'], { name: 'message_citations_message' });

  // Staff-only notes on a team conversation.
  await qi.createTable('conversation_notes', {
    id,
    conversation_id: ref('conversations'),
    author_id: ref('members'),
    text: { type: DataTypes.STRING(1000), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('conversation_notes', ['conversation_id', 'id'], { name: 'conversation_notes_conversation' });

  // A member who will not receive messages from another.
  await qi.createTable('message_blocks', {
    id,
    blocker_id: ref('members'),
    blocked_id: ref('members'),
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('message_blocks', ['blocker_id', 'blocked_id'], { name: 'message_blocks_one', unique: true });

  // Reports of a message by a participant: its own table, shown as its own section of the review queue.
  await qi.createTable('message_reports', {
    id,
    message_id: ref('messages'),
    reporter_id: ref('members'),
    reason: { type: DataTypes.STRING(20), allowNull: false },
    note: { type: DataTypes.STRING(500), allowNull: true },
    // open | dismissed | actioned
    status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'open' },
    closed_at: { type: DataTypes.DATE, allowNull: true },
    closed_by_id: ref('members', true),
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.sequelize.query(`CREATE UNIQUE INDEX message_reports_one_open ON message_reports (message_id, reporter_id) WHERE status = 'open'`);
  await qi.addIndex('message_reports', ['status', 'created_at'], { name: 'message_reports_queue' });
  await qi.addIndex('message_reports', ['reporter_id', 'created_at'], { name: 'message_reports_by_reporter' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of ['message_reports', 'message_blocks', 'conversation_notes', 'message_citations', 'messages', 'conversation_participants', 'conversations']) {
    await qi.dropTable(table);
  }
}
