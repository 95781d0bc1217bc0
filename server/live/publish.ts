/**
 * Telling every app process that a post was published, once its transaction has committed, with
 * only its thread and post ids (never its text): on PostgreSQL a NOTIFY that every process's
 * listener hears, on SQLite (one process) an in-process emitter.
 */
import type { EventEmitter } from 'node:events';
import type { Transaction } from 'sequelize';
import type { Database } from '../db';
import { localChannel } from '../db/listener';

export const NEW_POST_CHANNEL = 'forum_new_posts';

export interface NewPostSignal {
  threadId: number;
  postId: number;
}

/** The in-process emitter of a SQLite database's new posts (what the PostgreSQL listener is elsewhere). */
export function localNewPosts(db: Database): EventEmitter {
  return localChannel(db, NEW_POST_CHANNEL);
}

export function encodeSignal(signal: NewPostSignal): string {
  return `${signal.threadId}:${signal.postId}`;
}

export function decodeSignal(payload: string): NewPostSignal | null {
  const match = /^(\d{1,10}):(\d{1,10})$/.exec(payload);
  return match ? { threadId: Number(match[1]), postId: Number(match[2]) } : null;
}

/**
 * Announces a new post to live readers once its transaction commits. On PostgreSQL the NOTIFY is
 * sent after the commit on a pool connection, not inside the transaction: a NOTIFY in it takes
 * PostgreSQL's one notification-queue lock at commit, which serialized every posting commit and
 * more than doubled the time of 200 concurrent replies. The cost: a process that dies between the
 * commit and the NOTIFY sends no live event for that post; open pages get it on their next event
 * or reconnect (Last-Event-ID), and every page load shows it.
 */
export async function publishNewPost(db: Database, transaction: Transaction, signal: NewPostSignal): Promise<void> {
  transaction.afterCommit(() => {
    if (db.dialect === 'postgres') {
      db.sequelize
        .query(`SELECT pg_notify('${NEW_POST_CHANNEL}', :payload)`, { replacements: { payload: encodeSignal(signal) } })
        .catch(() => undefined);
      return;
    }
    localNewPosts(db).emit('post', signal);
  });
}
