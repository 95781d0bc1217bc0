/**
 * The staff Q&A desk: a row per post that asks the team (its state, who answered and how fast,
 * who has claimed it), managers' saved replies, and which boards are Q&A boards. Existing posts
 * are not questions; existing boards are not Q&A boards (the columns' defaults).
 */
import { DataTypes, QueryInterface } from 'sequelize';

const memberRef = (allowNull: boolean) => ({ type: DataTypes.INTEGER, allowNull, references: { model: 'members', key: 'id' } });

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('questions', {
    post_id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false, references: { model: 'posts', key: 'id' } },
    thread_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'threads', key: 'id' } },
    // Copied from the thread (a moved thread's questions move with it), so the dashboard filters by index.
    board_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'boards', key: 'id' } },
    post_number: { type: DataTypes.INTEGER, allowNull: false },
    author_id: memberRef(false),
    asked_at: { type: DataTypes.DATE, allowNull: false },
    // Seconds since the epoch, the same instant as asked_at: durations and day buckets in portable integer SQL.
    asked_epoch: { type: DataTypes.BIGINT, allowNull: false },
    // open | answered | not_needed
    state: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'open' },
    answered_by_post_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: 'posts', key: 'id' } },
    answered_by_id: memberRef(true),
    answered_at: { type: DataTypes.DATE, allowNull: true },
    // Time to the first staff answer, in seconds (null until answered).
    wait_seconds: { type: DataTypes.BIGINT, allowNull: true },
    // Why no answer was needed (state not_needed).
    closed_reason: { type: DataTypes.STRING(300), allowNull: true },
    claimed_by_id: memberRef(true),
    claimed_at: { type: DataTypes.DATE, allowNull: true },
    // The claim lapses at this time (claimed_at + the timeout setting): reads need no setting.
    claim_expires_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  // The queue (open questions, oldest first) and the header count.
  await qi.addIndex('questions', ['state', 'asked_at'], { name: 'questions_queue' });
  // The queue page's "recently answered" list.
  await qi.addIndex('questions', ['state', 'answered_at'], { name: 'questions_answered' });
  // The dashboard's ranges, over all boards and per board. Covering: every column its aggregates
  // read is in the index, so a range is answered from the index without visiting the rows.
  const dashboardColumns = ['asked_epoch', 'state', 'wait_seconds', 'author_id', 'thread_id', 'answered_by_id'];
  await qi.addIndex('questions', dashboardColumns, { name: 'questions_asked' });
  await qi.addIndex('questions', ['board_id', ...dashboardColumns], { name: 'questions_board_asked' });
  // A staff reply's answer detection: the open questions of its thread.
  await qi.addIndex('questions', ['thread_id', 'state', 'post_number'], { name: 'questions_thread_open' });

  await qi.createTable('saved_replies', {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
    title: { type: DataTypes.STRING(120), allowNull: false },
    source: { type: DataTypes.TEXT, allowNull: false },
    use_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    created_by_id: memberRef(false),
    updated_by_id: memberRef(false),
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });

  await qi.addColumn('boards', 'is_qa', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  // The dashboard counts ETA promises made in a date range.
  await qi.addIndex('eta_notes', ['created_at'], { name: 'eta_notes_created' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('DROP INDEX IF EXISTS eta_notes_created');
  await qi.sequelize.query('ALTER TABLE boards DROP COLUMN is_qa');
  await qi.dropTable('saved_replies');
  await qi.dropTable('questions');
}
