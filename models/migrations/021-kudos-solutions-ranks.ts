/**
 * Kudos, accepted solutions and earned ranks. A kudo is one member's thanks for one post (unique
 * per pair); the post's count and both members' counters are kept in the kudo's own transaction.
 * A Q&A board's threads may have one accepted solution (threads.solution_post_id), and a reply
 * that was once the solution says so (posts.previously_accepted_at). Contributors' rank titles
 * are earned from the manager-edited ladder in `ranks`; members.rank_title stays the one column
 * pages read, written by the recomputation unless a manager pinned it (members.rank_pinned).
 */
import { DataTypes, QueryInterface } from 'sequelize';

const counter = { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 };

/** The ladder a new forum starts with; managers change it at /staff/ranks. */
const DEFAULT_LADDER = [
  { title: 'New Member', min_posts: 0, min_kudos: 0, min_solutions: 0, min_days: 0 },
  { title: 'Contributor', min_posts: 5, min_kudos: 0, min_solutions: 0, min_days: 7 },
  { title: 'Ace Contributor', min_posts: 25, min_kudos: 10, min_solutions: 1, min_days: 30 },
];

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('kudos', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    post_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'posts', key: 'id' } },
    member_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'members', key: 'id' } },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  // One kudo per member per post: a double click or a race between processes cannot make two.
  await qi.addIndex('kudos', ['post_id', 'member_id'], { name: 'kudos_one_per_member', unique: true });
  // "Who gave kudos", newest first, keyset-paged by id.
  await qi.addIndex('kudos', ['post_id', 'id'], { name: 'kudos_of_post' });
  // The viewer's own kudos among a page's posts are found through the unique index; the rate limit needs none.
  await qi.addIndex('kudos', ['member_id', 'id'], { name: 'kudos_by_member' });

  await qi.addColumn('posts', 'kudo_count', counter);
  await qi.addColumn('posts', 'previously_accepted_at', { type: DataTypes.DATE, allowNull: true });
  // "Most helpful" of a thread: the few posts with the most kudos, read from this index alone.
  await qi.addIndex('posts', ['thread_id', 'kudo_count'], { name: 'posts_most_kudoed' });

  // No foreign keys on added columns: SQLite cannot DROP a column that is one (see migration 016).
  await qi.addColumn('threads', 'solution_post_id', { type: DataTypes.INTEGER, allowNull: true });
  await qi.addColumn('threads', 'solution_marked_at', { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn('threads', 'solution_marked_by_id', { type: DataTypes.INTEGER, allowNull: true });

  // boards.is_qa ("a Q&A board") comes from migration 019 (the staff Q&A desk), which asks it too.

  await qi.addColumn('members', 'kudos_received', counter);
  await qi.addColumn('members', 'kudos_given', counter);
  await qi.addColumn('members', 'solution_count', counter);
  await qi.addColumn('members', 'rank_pinned', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });

  await qi.createTable('ranks', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    position: { type: DataTypes.INTEGER, allowNull: false },
    title: { type: DataTypes.STRING(60), allowNull: false },
    min_posts: counter,
    min_kudos: counter,
    min_solutions: counter,
    min_days: counter,
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  const now = new Date();
  await qi.bulkInsert('ranks', DEFAULT_LADDER.map((rank, position) => ({ ...rank, position, updated_at: now })));

  // Titles set by hand before ranks were earned (the seed's "Ace Contributor") stay as pins.
  await qi.sequelize.query(`UPDATE members SET rank_pinned = :yes WHERE rank_title IS NOT NULL`, { replacements: { yes: true } });
  // The seed's question board is the Q&A board of an existing forum (new forums get it from the seed).
  await qi.sequelize.query(`UPDATE boards SET is_qa = :yes WHERE slug = 'identity-verification'`, { replacements: { yes: true } });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('ranks');
  await qi.removeIndex('posts', 'posts_most_kudoed');
  // In place (not removeColumn, which rebuilds the table on SQLite and trips the foreign keys and search triggers).
  for (const [table, column] of [
    ['members', 'rank_pinned'],
    ['members', 'solution_count'],
    ['members', 'kudos_given'],
    ['members', 'kudos_received'],
    ['threads', 'solution_marked_by_id'],
    ['threads', 'solution_marked_at'],
    ['threads', 'solution_post_id'],
    ['posts', 'previously_accepted_at'],
    ['posts', 'kudo_count'],
  ]) {
    await qi.sequelize.query(`ALTER TABLE ${table} DROP COLUMN ${column}`);
  }
  await qi.dropTable('kudos');
}
