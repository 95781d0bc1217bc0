/**
 * "Forgot password": a reset link to the member's confirmed address (random token stored hashed,
 * single use, 1 hour). The request answers the same whether or not the address is known; using
 * the link sets the password, ends every session of the member and tells them by email.
 */
import type { Database } from '../db';
import { ValidationError } from '../errors';
import { queueAccountEmail } from '../email/outbox';
import { hashToken, newToken } from '../email/signing';
import { selectRows, updateCount } from '../email/sql';
import { addressKey } from './emailAddresses';
import type { PasswordHasher } from './passwords';

export const RESET_TOKEN_MINUTES = 60;
export const RESET_LINK_UNUSABLE = 'This reset link has expired or was already used. Ask for a new one.';

/** Queues a reset email if a member has confirmed this address; says nothing either way. */
export async function requestPasswordReset(db: Database, address: string, now = new Date()): Promise<void> {
  const rows = await selectRows<{ member_id: number; address: string }>(
    db,
    'SELECT member_id, address FROM member_emails WHERE address_key = :key AND verified_at IS NOT NULL',
    { key: addressKey(address) },
  );
  const found = rows[0];
  if (!found) return;
  const memberId = Number(found.member_id);
  await db.writeTransaction(async (transaction) => {
    // One live link at a time: asking again retires the earlier one.
    await db.sequelize.query(`UPDATE email_tokens SET used_at = :now WHERE member_id = :memberId AND purpose = 'reset' AND used_at IS NULL`, { replacements: { now, memberId }, transaction });
    const { token, hash } = newToken();
    await db.sequelize.query(
      `INSERT INTO email_tokens (member_id, purpose, token_hash, address, expires_at, created_at) VALUES (:memberId, 'reset', :hash, :address, :expires, :now)`,
      { replacements: { memberId, hash, address: found.address, expires: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000), now }, transaction },
    );
    await queueAccountEmail(db, transaction, { memberId, toAddress: found.address, template: 'reset', details: { link: `/password/reset?token=${token}` }, at: now });
  });
}

export async function resetTokenUsable(db: Database, token: string, now = new Date()): Promise<boolean> {
  const rows = await selectRows<{ id: number }>(db, `SELECT id FROM email_tokens WHERE token_hash = :hash AND purpose = 'reset' AND used_at IS NULL AND expires_at > :now`, { hash: hashToken(token), now });
  return rows.length > 0;
}

/** Uses a reset link: new password, every session ended, a notice to the address. Returns the member id. */
export async function resetPassword(deps: { db: Database; passwords: PasswordHasher }, token: string, newPassword: string, now = new Date()): Promise<number> {
  const { db } = deps;
  if (!(await resetTokenUsable(db, token, now))) throw new ValidationError({ form: RESET_LINK_UNUSABLE });
  const passwordHash = await deps.passwords.hash(newPassword);
  return db.writeTransaction(async (transaction) => {
    const rows = await selectRows<{ id: number; member_id: number; address: string }>(db, `SELECT id, member_id, address FROM email_tokens WHERE token_hash = :hash AND purpose = 'reset'`, { hash: hashToken(token) }, transaction);
    const row = rows[0];
    const used = row ? await updateCount(db, 'UPDATE email_tokens SET used_at = :now WHERE id = :id AND used_at IS NULL AND expires_at > :now', { now, id: row.id }, transaction) : 0;
    if (!row || used === 0) throw new ValidationError({ form: RESET_LINK_UNUSABLE });
    const memberId = Number(row.member_id);
    await db.models.Member.update({ passwordHash }, { where: { id: memberId }, transaction });
    await db.models.Session.destroy({ where: { memberId }, transaction });
    await queueAccountEmail(db, transaction, { memberId, toAddress: row.address, template: 'password-reset', details: {}, at: now });
    return memberId;
  });
}
