/**
 * Daily digests: at each member's chosen hour (UTC), their notifications since the last digest
 * whose kind they want "in a daily digest" become one outbox row. Claiming the member's day is an
 * UPDATE whose row count decides, so two app processes never queue one digest twice.
 */
import type { Database } from '../db';
import { deliverySql } from './kinds';
import { selectRows, updateCount } from './sql';

/** Members handled per worker pass, and notifications per digest (the rest wait for the next one). */
export const DIGEST_MEMBERS_PER_PASS = 50;
export const DIGEST_MAX_NOTIFICATIONS = 50;

export async function queueDueDigests(db: Database, now: Date): Promise<number> {
  const hourStart = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  const due = await selectRows<{ member_id: number }>(
    db,
    `SELECT member_id FROM member_emails
     WHERE digest_hour = :hour AND verified_at IS NOT NULL AND (last_digest_at IS NULL OR last_digest_at < :hourStart)
     ORDER BY member_id LIMIT ${DIGEST_MEMBERS_PER_PASS}`,
    { hour: now.getUTCHours(), hourStart },
  );
  let queued = 0;
  for (const { member_id: memberId } of due) {
    const made = await db.writeTransaction(async (transaction) => {
      const claimed = await updateCount(
        db,
        `UPDATE member_emails SET last_digest_at = :now WHERE member_id = :memberId AND (last_digest_at IS NULL OR last_digest_at < :hourStart)`,
        { now, memberId, hourStart },
        transaction,
      );
      if (claimed === 0) return false;
      const notifications = await selectRows<{ id: number }>(
        db,
        `SELECT n.id FROM notifications n
         JOIN member_emails e ON e.member_id = n.member_id
         LEFT JOIN email_preferences email_choice ON email_choice.member_id = n.member_id AND email_choice.kind = n.kind
         WHERE n.member_id = :memberId AND n.id > e.digest_through_id AND n.created_at >= e.verified_at AND n.read_at IS NULL
           AND ${deliverySql('email_choice', 'n.kind')} = 'digest'
         ORDER BY n.id LIMIT ${DIGEST_MAX_NOTIFICATIONS}`,
        { memberId },
        transaction,
      );
      if (notifications.length === 0) return false;
      const ids = notifications.map((row) => Number(row.id));
      await db.sequelize.query(`UPDATE member_emails SET digest_through_id = :through WHERE member_id = :memberId`, {
        replacements: { through: Math.max(...ids), memberId },
        transaction,
      });
      await db.sequelize.query(
        `INSERT INTO email_outbox (member_id, template, kind, details, status, attempts, due_at, created_at)
         VALUES (:memberId, 'digest', 'digest', :details, 'pending', 0, :now, :now)`,
        { replacements: { memberId, details: JSON.stringify({ notificationIds: ids }), now }, transaction },
      );
      return true;
    });
    if (made) queued += 1;
  }
  return queued;
}
