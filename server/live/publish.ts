/**
 * Telling every app process that a post was published, from inside the post's transaction, with
 * only its thread and post ids (never its text). On PostgreSQL a NOTIFY, which is transactional:
 * it reaches the listeners only if and when the transaction commits. On SQLite (one process) an
 * in-process emitter, called after the commit.
 */
import { EventEmitter } from 'node:events';
import type { Transaction } from 'sequelize';
import type { Database } from '../db';

export const NEW_POST_CHANNEL = 'forum_new_posts';

export interface NewPostSignal {
  threadId: number;
  postId: number;
}

const localEmitters = new WeakMap<Database, EventEmitter>();

/** The in-process emitter of a SQLite database's new posts (what the PostgreSQL listener is elsewhere). */
export function localNewPosts(db: Database): EventEmitter {
  let emitter = localEmitters.get(db);
  if (!emitter) {
    emitter = new EventEmitter();
    // One listener per process hub, not per browser; the bound guards against a leak, not a real count.
    emitter.setMaxListeners(16);
    localEmitters.set(db, emitter);
  }
  return emitter;
}

export function encodeSignal(signal: NewPostSignal): string {
  return `${signal.threadId}:${signal.postId}`;
}

export function decodeSignal(payload: string): NewPostSignal | null {
  const match = /^(\d{1,10}):(\d{1,10})$/.exec(payload);
  return match ? { threadId: Number(match[1]), postId: Number(match[2]) } : null;
}

/** Announces a new post to live readers once its transaction commits. */
export async function publishNewPost(db: Database, transaction: Transaction, signal: NewPostSignal): Promise<void> {
  if (db.dialect === 'postgres') {
    await db.sequelize.query(`SELECT pg_notify('${NEW_POST_CHANNEL}', :payload)`, { replacements: { payload: encodeSignal(signal) }, transaction });
    return;
  }
  transaction.afterCommit(() => {
    localNewPosts(db).emit('post', signal);
  });
}
