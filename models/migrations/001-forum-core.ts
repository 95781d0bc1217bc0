/** Members, boards, threads, posts and ETA notes: the core of the forum. */
import { DataTypes, QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const timestamps = {
  created_at: { type: DataTypes.DATE, allowNull: false },
  updated_at: { type: DataTypes.DATE, allowNull: false },
};
const ref = (table: string, allowNull = false) => ({
  type: DataTypes.INTEGER,
  allowNull,
  references: { model: table, key: 'id' },
});

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('members', {
    id,
    username: { type: DataTypes.STRING(40), allowNull: false },
    username_key: { type: DataTypes.STRING(40), allowNull: false, unique: true },
    display_name: { type: DataTypes.STRING(60), allowNull: false },
    role: { type: DataTypes.STRING(20), allowNull: false, defaultValue: 'contributor' },
    rank_title: { type: DataTypes.STRING(60), allowNull: true },
    member_since: { type: DataTypes.DATEONLY, allowNull: false },
    is_private: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    post_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ...timestamps,
  });

  await qi.createTable('boards', {
    id,
    slug: { type: DataTypes.STRING(60), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(100), allowNull: false },
    description: { type: DataTypes.STRING(300), allowNull: false, defaultValue: '' },
    position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    staff_only_threads: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    thread_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    post_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    // Points at a thread; no constraint because threads reference boards (a cycle).
    last_thread_id: { type: DataTypes.INTEGER, allowNull: true },
    last_post_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });

  await qi.createTable('threads', {
    id,
    board_id: ref('boards'),
    title: { type: DataTypes.STRING(200), allowNull: false },
    slug: { type: DataTypes.STRING(100), allowNull: false },
    author_id: ref('members'),
    post_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    last_post_number: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    last_post_at: { type: DataTypes.DATE, allowNull: false },
    last_poster_id: ref('members'),
    is_pinned: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    pinned_until: { type: DataTypes.DATE, allowNull: true },
    is_locked: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    // Points at a post of this thread; no constraint because posts reference threads (a cycle).
    official_post_id: { type: DataTypes.INTEGER, allowNull: true },
    ...timestamps,
  });
  // The board page: pinned first, then latest activity.
  await qi.addIndex('threads', ['board_id', 'is_pinned', 'last_post_at'], { name: 'threads_board_activity' });

  await qi.createTable('posts', {
    id,
    thread_id: ref('threads'),
    number: { type: DataTypes.INTEGER, allowNull: false },
    author_id: ref('members'),
    source: { type: DataTypes.TEXT, allowNull: false },
    html: { type: DataTypes.TEXT, allowNull: false },
    excerpt: { type: DataTypes.STRING(400), allowNull: false, defaultValue: '' },
    edited_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  // Pages of a thread are ranges of numbers: this index serves them without OFFSET.
  await qi.addIndex('posts', ['thread_id', 'number'], { name: 'posts_thread_number', unique: true });
  await qi.addIndex('posts', ['author_id', 'created_at'], { name: 'posts_author_recent' });

  await qi.createTable('eta_notes', {
    id,
    post_id: ref('posts'),
    author_id: ref('members'),
    source: { type: DataTypes.TEXT, allowNull: false },
    html: { type: DataTypes.TEXT, allowNull: false },
    promised_window: { type: DataTypes.STRING(60), allowNull: true },
    due_at: { type: DataTypes.DATE, allowNull: true },
    ...timestamps,
  });
  await qi.addIndex('eta_notes', ['post_id', 'created_at'], { name: 'eta_notes_post' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('eta_notes');
  await qi.dropTable('posts');
  await qi.dropTable('threads');
  await qi.dropTable('boards');
  await qi.dropTable('members');
}
