/**
 * What members expect from any forum (issue 23): bookmarks with reminders, server-side drafts,
 * avatars kept in the database, and posts deleted by their author. A deletion is a hide with its
 * own mark (posts.deleted_by_author), so every surface that keeps hidden posts from readers keeps
 * deleted ones away too, through the one visibility rule, with no new condition to remember.
 */
import { DataTypes, QueryInterface } from 'sequelize';

const memberRef = { type: DataTypes.INTEGER, allowNull: false, references: { model: 'members', key: 'id' } };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('posts', 'deleted_by_author', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });

  await qi.createTable('bookmarks', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    member_id: memberRef,
    post_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'posts', key: 'id' } },
    // When to notify; null: a plain bookmark. reminded_at is set by the job that claims it.
    remind_at: { type: DataTypes.DATE, allowNull: true },
    reminded_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('bookmarks', ['member_id', 'post_id'], { name: 'bookmarks_member_post', unique: true });
  // The list, newest first, with keyset pagination on id.
  await qi.addIndex('bookmarks', ['member_id', 'id'], { name: 'bookmarks_member_list' });
  // The reminder job reads only reminders not yet sent.
  await qi.sequelize.query('CREATE INDEX bookmarks_due ON bookmarks (remind_at) WHERE reminded_at IS NULL AND remind_at IS NOT NULL');

  await qi.createTable('drafts', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    member_id: memberRef,
    // 't:<threadId>' for a reply, 'b:<boardId>' for a new thread in that board.
    scope: { type: DataTypes.STRING(24), allowNull: false },
    thread_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'threads', key: 'id' } },
    board_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'boards', key: 'id' } },
    title: { type: DataTypes.STRING(200), allowNull: true },
    source: { type: DataTypes.TEXT, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('drafts', ['member_id', 'scope'], { name: 'drafts_member_scope', unique: true });
  await qi.addIndex('drafts', ['member_id', 'updated_at'], { name: 'drafts_member_list' });

  await qi.createTable('avatars', {
    member_id: { ...memberRef, primaryKey: true },
    // The edge in pixels of the square image: 96 or 192.
    size: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    content_type: { type: DataTypes.STRING(20), allowNull: false },
    bytes: { type: DataTypes.BLOB, allowNull: false },
    etag: { type: DataTypes.STRING(40), allowNull: false },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  // The home page: latest threads across boards, the newest official answers, "Your questions".
  await qi.addIndex('threads', ['last_post_at', 'id'], { name: 'threads_latest' });
  await qi.addIndex('threads', ['official_marked_at'], { name: 'threads_official_marked' });
  await qi.addIndex('threads', ['author_id', 'id'], { name: 'threads_author' });

  // On the member row, so every author already joined carries it: no avatar query per post.
  await qi.addColumn('members', 'avatar_etag', { type: DataTypes.STRING(40), allowNull: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('ALTER TABLE members DROP COLUMN avatar_etag');
  await qi.dropTable('avatars');
  await qi.removeIndex('threads', 'threads_author');
  await qi.removeIndex('threads', 'threads_official_marked');
  await qi.removeIndex('threads', 'threads_latest');
  await qi.dropTable('drafts');
  await qi.dropTable('bookmarks');
  await qi.sequelize.query('ALTER TABLE posts DROP COLUMN deleted_by_author');
}
