/**
 * Waking the email workers when mail is queued, so it goes out within moments rather than at the
 * next poll: once the transaction that wrote outbox rows commits, on PostgreSQL a NOTIFY that the
 * worker of every app process LISTENs for, on SQLite (one process) an in-process emitter.
 *
 * The NOTIFY is sent after the commit on a pool connection, not inside the transaction: a NOTIFY
 * in it takes PostgreSQL's one notification-queue lock at commit and serializes the commits of
 * every transaction that queued mail (see server/live/publish.ts, where this was measured). The
 * cost: a process that dies between commit and NOTIFY wakes nobody; the worker's poll
 * (EMAIL_POLL_MS) sends that mail instead.
 */
import type { EventEmitter } from 'node:events';
import type { Transaction } from 'sequelize';
import type { Database } from '../db';
import { localChannel } from '../db/listener';

export const OUTBOX_CHANNEL = 'forum_email_outbox';

/** Transactions already set to announce: one wake-up per commit, however many rows it queued. */
const announcing = new WeakSet<Transaction>();

/** The in-process emitter of a SQLite database's queued mail (the LISTEN connection elsewhere). */
export function localOutbox(db: Database): EventEmitter {
  return localChannel(db, OUTBOX_CHANNEL);
}

/** Wakes every email worker once this transaction commits (nothing if it rolls back). */
export function announceQueuedEmail(db: Database, transaction: Transaction): void {
  if (announcing.has(transaction)) return;
  announcing.add(transaction);
  transaction.afterCommit(() => {
    if (db.dialect === 'postgres') {
      db.sequelize.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`).catch(() => undefined);
      return;
    }
    localOutbox(db).emit('queued');
  });
}
