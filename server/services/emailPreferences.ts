/** What each member gets by email, per kind of notification, and the hour of their daily digest. */
import type { Database } from '../db';
import { deliveriesOf, EMAIL_KINDS, Delivery, emailKind } from '../email/kinds';
import { selectRows } from '../email/sql';

export interface EmailPreferences {
  digestHour: number;
  deliveries: Array<{ kind: string; label: string; delivery: Delivery; offered: readonly Delivery[] }>;
}

export async function readEmailPreferences(db: Database, memberId: number): Promise<EmailPreferences> {
  const chosen = await selectRows<{ kind: string; delivery: Delivery }>(db, 'SELECT kind, delivery FROM email_preferences WHERE member_id = :memberId', { memberId });
  const hour = await selectRows<{ digest_hour: number }>(db, 'SELECT digest_hour FROM member_emails WHERE member_id = :memberId', { memberId });
  const byKind = new Map(chosen.map((row) => [row.kind, row.delivery]));
  return {
    digestHour: Number(hour[0]?.digest_hour ?? 8),
    deliveries: EMAIL_KINDS.map((each) => ({ kind: each.kind, label: each.label, delivery: byKind.get(each.kind) ?? each.defaultDelivery, offered: deliveriesOf(each) })),
  };
}

const UPSERT = `INSERT INTO email_preferences (member_id, kind, delivery) VALUES (:memberId, :kind, :delivery)
  ON CONFLICT (member_id, kind) DO UPDATE SET delivery = excluded.delivery`;

/** Saves the settings form: a delivery per known kind (unknown kinds are ignored) and the digest hour. */
export async function saveEmailPreferences(db: Database, memberId: number, choice: { digestHour: number; deliveries: Record<string, Delivery> }): Promise<void> {
  await db.writeTransaction(async (transaction) => {
    for (const each of EMAIL_KINDS) {
      const delivery = choice.deliveries[each.kind];
      if (delivery) await db.sequelize.query(UPSERT, { replacements: { memberId, kind: each.kind, delivery }, transaction });
    }
    await db.sequelize.query('UPDATE member_emails SET digest_hour = :hour WHERE member_id = :memberId', { replacements: { hour: choice.digestHour, memberId }, transaction });
  });
}

/**
 * The one-click unsubscribe of an email: its kind turns "never"; a digest's link turns every kind
 * that was going to the digest "never". Returns the labels of what was turned off.
 */
export async function unsubscribe(db: Database, memberId: number, kind: string): Promise<string[]> {
  const current = await readEmailPreferences(db, memberId);
  const off = kind === 'digest' ? current.deliveries.filter((each) => each.delivery === 'digest') : current.deliveries.filter((each) => each.kind === kind && emailKind(kind));
  await db.writeTransaction(async (transaction) => {
    for (const each of off) await db.sequelize.query(UPSERT, { replacements: { memberId, kind: each.kind, delivery: 'never' }, transaction });
  });
  return off.map((each) => each.label);
}
