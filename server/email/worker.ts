/**
 * The email worker of one app process: claims due outbox rows, renders and sends each, and marks
 * it sent, or schedules a retry with backoff, or records the failure. On PostgreSQL the claim is
 * FOR UPDATE SKIP LOCKED, so N processes never take one row at once; a claim is a lease, so the
 * rows of a process that died are taken again once it runs out. Before each send the worker renews
 * its claim on that row, under its claim token: if the lease ran out while earlier rows of the batch
 * were sent and another worker took the row, the renewal changes nothing and the row is left to
 * it. Marking it sent also asks for the token. Each row has its own Message-ID,
 * so a receiver can tell the rare resend after a crash between "sent" and "marked" for what it is.
 * It runs when woken by newly queued mail (wake.ts: LISTEN on PostgreSQL, an in-process emitter on
 * SQLite) and every emailPollMs besides, which sends retries, digests and any wake-up that was lost.
 */
import crypto from 'node:crypto';
import type { Config } from '../config';
import type { Database } from '../db';
import { channelListenerFor } from '../db/listener';
import type { Logger } from '../observability/logger';
import { queueDueDigests } from './digest';
import { emailParts, OutboxRow, renderOutboxRow } from './render';
import { selectRows, updateCount } from './sql';
import type { MailSender } from './transport';
import { localOutbox, OUTBOX_CHANNEL } from './wake';

export const CLAIM_BATCH = 20;
export const MAX_ATTEMPTS = 8;

/** 30 s, 1 min, 2 min ... at most an hour after each failed attempt. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

export interface EmailWorker {
  /** One pass: queue due digests, then send what is due. Resolves with the number sent. */
  runOnce(): Promise<number>;
  /** Runs when woken by queued mail, and polls every emailPollMs, until stop(). */
  start(): void;
  /** Runs a pass now (or right after the one in progress): mail was queued. */
  wake(): void;
  /** Stops polling and waits for the pass in progress (the sender stays open: its owner closes it). */
  stop(): Promise<void>;
}

type WorkerConfig = Pick<Config, 'forumName' | 'publicUrl' | 'port' | 'sessionSecret' | 'emailFrom' | 'emailPollMs' | 'emailLeaseSeconds'>;

export function messageIdOf(row: Pick<OutboxRow, 'id' | 'created_at'>): string {
  return `<outbox-${row.id}-${new Date(row.created_at).getTime()}@rollout-forum>`;
}

interface Claim {
  rows: OutboxRow[];
  token: string;
}

function leaseEnd(config: WorkerConfig, now: Date): Date {
  return new Date(now.getTime() + config.emailLeaseSeconds * 1000);
}

async function claimDue(db: Database, config: WorkerConfig, now: Date): Promise<Claim> {
  const token = crypto.randomBytes(12).toString('hex');
  return db.writeTransaction(async (transaction) => {
    const lock = db.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
    const due = await selectRows<{ id: number }>(
      db,
      `SELECT id FROM email_outbox WHERE status = 'pending' AND due_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)
       ORDER BY due_at, id LIMIT ${CLAIM_BATCH} ${lock}`,
      { now },
      transaction,
    );
    if (due.length === 0) return { rows: [], token };
    const ids = due.map((row) => Number(row.id));
    await db.sequelize.query(`UPDATE email_outbox SET claimed_until = :until, claim_token = :token, attempts = attempts + 1 WHERE id IN (:ids)`, {
      replacements: { until: leaseEnd(config, now), token, ids },
      transaction,
    });
    return { rows: await selectRows<OutboxRow>(db, `SELECT * FROM email_outbox WHERE id IN (:ids) ORDER BY due_at, id`, { ids }, transaction), token };
  });
}

/** Renews this claim on one row just before sending it; false when another worker holds it now. */
async function stillOurs(db: Database, config: WorkerConfig, id: number, token: string, now: Date): Promise<boolean> {
  return db.writeTransaction(async (transaction) =>
    (await updateCount(
      db,
      `UPDATE email_outbox SET claimed_until = :until WHERE id = :id AND claim_token = :token AND status = 'pending' AND claimed_until >= :now`,
      { until: leaseEnd(config, now), id, token, now },
      transaction,
    )) === 1,
  );
}

async function finish(db: Database, id: number, token: string, status: 'sent' | 'dropped', reason: string | null, now: Date): Promise<void> {
  // The links in account emails are not kept once sent. sent_at is when it was sent or dropped.
  await db.writeTransaction((transaction) =>
    updateCount(
      db,
      `UPDATE email_outbox SET status = :status, sent_at = :now, claimed_until = NULL, last_error = :reason, details = '{}' WHERE id = :id AND claim_token = :token`,
      { status, now, reason, id, token },
      transaction,
    ),
  );
}

async function failed(db: Database, row: OutboxRow, token: string, error: unknown, now: Date): Promise<void> {
  const attempts = Number(row.attempts);
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  const giveUp = attempts >= MAX_ATTEMPTS;
  await db.writeTransaction((transaction) =>
    updateCount(
      db,
      `UPDATE email_outbox SET status = :status, due_at = :due, claimed_until = NULL, last_error = :message WHERE id = :id AND claim_token = :token`,
      { status: giveUp ? 'failed' : 'pending', due: new Date(now.getTime() + retryDelayMs(attempts)), message, id: row.id, token },
      transaction,
    ),
  );
}

export function createEmailWorker(deps: { db: Database; config: WorkerConfig; sender: MailSender; logger?: Logger; now?: () => Date }): EmailWorker {
  const { db, config, sender, logger } = deps;
  const now = deps.now ?? (() => new Date());
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopped = false;
  /** Woken while a pass ran: its claim may have missed the new rows, so another pass follows. */
  let wokenDuringPass = false;
  let unsubscribe: Promise<(() => Promise<void>) | null> | null = null;

  async function sendOne(row: OutboxRow, token: string): Promise<boolean> {
    try {
      if (!(await stillOurs(db, config, row.id, token, now()))) return false;
      const rendering = await renderOutboxRow(db, config, row, now());
      if ('dropped' in rendering) {
        await finish(db, row.id, token, 'dropped', rendering.dropped, now());
        return false;
      }
      const parts = emailParts(config, row.member_id, rendering.email);
      await sender.send({ from: config.emailFrom, to: rendering.email.to, messageId: messageIdOf(row), ...parts });
      await finish(db, row.id, token, 'sent', null, now());
      return true;
    } catch (error) {
      logger?.warn({ err: error, outboxId: row.id }, 'email not sent; will retry');
      await failed(db, row, token, error, now()).catch((markError: unknown) => logger?.error({ err: markError }, 'could not record an email failure'));
      return false;
    }
  }

  async function pass(): Promise<number> {
    await queueDueDigests(db, now());
    let sent = 0;
    // Keep going while full batches come back, so a backlog drains without waiting for the timer.
    for (;;) {
      const { rows, token } = await claimDue(db, config, now());
      for (const row of rows) if (await sendOne(row, token)) sent += 1;
      if (rows.length < CLAIM_BATCH || stopped) return sent;
    }
  }

  const runOnce = (): Promise<number> => {
    running ??= pass().finally(() => { running = null; });
    return running;
  };

  const tick = (): void => {
    timer = null;
    runOnce()
      .catch((error: unknown) => logger?.error({ err: error }, 'email worker pass failed'))
      .finally(() => {
        if (!stopped && !timer) timer = setTimeout(tick, config.emailPollMs);
      });
  };

  const wake = (): void => {
    if (stopped) return;
    if (running) {
      // The pass in progress may have claimed before the new rows committed: run once more after it.
      if (!wokenDuringPass) {
        wokenDuringPass = true;
        void running.catch(() => undefined).then(() => {
          wokenDuringPass = false;
          wake();
        });
      }
      return;
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, 0);
  };

  /** Hears of queued mail: its own LISTEN channel on PostgreSQL (every process), the emitter on SQLite. */
  async function subscribe(): Promise<(() => Promise<void>) | null> {
    if (db.dialect === 'postgres') {
      try {
        return await channelListenerFor(db, logger).subscribe(OUTBOX_CHANNEL, wake);
      } catch (error) {
        logger?.warn({ err: error }, 'email worker: could not LISTEN; polling only');
        return null;
      }
    }
    const emitter = localOutbox(db);
    emitter.on('queued', wake);
    return async () => { emitter.off('queued', wake); };
  }

  return {
    runOnce,
    wake,
    start() {
      stopped = false;
      unsubscribe ??= subscribe();
      timer = setTimeout(tick, Math.min(config.emailPollMs, 200));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const ending = unsubscribe;
      unsubscribe = null;
      await (await ending)?.();
      await running?.catch(() => undefined);
    },
  };
}
