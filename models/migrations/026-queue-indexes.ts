/**
 * Bounded index reads for the staff questions queue and for a board's keyset pages (issue 14).
 * Every view of the queue (all, by board, by thread, claimed by me; open oldest first, and
 * "recently answered" per closed state) is an ordered range of one of these indexes that stops at
 * the page's limit. Each ends with its table's key, so PostgreSQL too reads the tie-break order
 * from the index (SQLite's indexes carry the rowid already). The two indexes of 019 they extend
 * and the board index of 008 are replaced.
 */
import { QueryInterface } from 'sequelize';

const QUEUE = ['state', 'asked_at', 'post_id'];
const ANSWERED = ['state', 'answered_at', 'post_id'];

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('questions', 'questions_queue');
  await qi.removeIndex('questions', 'questions_answered');
  await qi.addIndex('questions', QUEUE, { name: 'questions_queue' });
  await qi.addIndex('questions', ANSWERED, { name: 'questions_answered' });
  await qi.addIndex('questions', ['board_id', ...QUEUE], { name: 'questions_board_queue' });
  await qi.addIndex('questions', ['board_id', ...ANSWERED], { name: 'questions_board_answered' });
  await qi.addIndex('questions', ['thread_id', ...QUEUE], { name: 'questions_thread_queue' });
  await qi.addIndex('questions', ['thread_id', ...ANSWERED], { name: 'questions_thread_answered' });
  // "Claimed by me": a staff member's claims, oldest question first.
  await qi.addIndex('questions', ['claimed_by_id', ...QUEUE], { name: 'questions_claimer_queue' });
  // A board's threads by latest activity, with the id that breaks ties (keyset cursors).
  await qi.removeIndex('threads', 'threads_board_last_post');
  await qi.addIndex('threads', ['board_id', 'last_post_at', 'id'], { name: 'threads_board_last_post' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('threads', 'threads_board_last_post');
  await qi.addIndex('threads', ['board_id', 'last_post_at'], { name: 'threads_board_last_post' });
  for (const name of ['questions_claimer_queue', 'questions_thread_answered', 'questions_thread_queue', 'questions_board_answered', 'questions_board_queue', 'questions_answered', 'questions_queue']) {
    await qi.removeIndex('questions', name);
  }
  await qi.addIndex('questions', ['state', 'asked_at'], { name: 'questions_queue' });
  await qi.addIndex('questions', ['state', 'answered_at'], { name: 'questions_answered' });
}
