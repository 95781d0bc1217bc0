/**
 * Members' email addresses: given at registration (or added in settings), confirmed by a signed,
 * single-use link valid 24 hours; changing a confirmed address confirms the new one first and
 * tells the old one. A token is random and stored as its sha256; using it is an UPDATE ... WHERE
 * used_at IS NULL whose row count decides, so a link works once even when clicked twice at once.
 */
import { UniqueConstraintError, type Transaction } from 'sequelize';
import type { Database } from '../db';
import { ValidationError } from '../errors';
import { queueAccountEmail } from '../email/outbox';
import { hashToken, newToken } from '../email/signing';
import { selectRows, updateCount } from '../email/sql';

export const VERIFY_TOKEN_HOURS = 24;
export const ADDRESS_TAKEN = 'That email address belongs to another account.';

export function addressKey(address: string): string {
  return address.trim().toLowerCase();
}

export interface MemberAddress {
  address: string;
  verified: boolean;
}

export async function memberAddress(db: Database, memberId: number, transaction?: Transaction): Promise<MemberAddress | null> {
  const rows = await selectRows<{ address: string; verified_at: unknown }>(db, 'SELECT address, verified_at FROM member_emails WHERE member_id = :memberId', { memberId }, transaction);
  return rows[0] ? { address: rows[0].address, verified: rows[0].verified_at !== null } : null;
}

async function ensureAddressFree(db: Database, memberId: number, address: string, transaction?: Transaction): Promise<void> {
  const taken = await selectRows<{ member_id: number }>(db, 'SELECT member_id FROM member_emails WHERE address_key = :key AND member_id <> :memberId', { key: addressKey(address), memberId }, transaction);
  if (taken.length > 0) throw new ValidationError({ email: ADDRESS_TAKEN });
}

/** Mails a confirmation link for `address`; earlier unused links of the member stop working. */
async function sendVerification(db: Database, transaction: Transaction, memberId: number, address: string, now: Date): Promise<void> {
  await db.sequelize.query(`UPDATE email_tokens SET used_at = :now WHERE member_id = :memberId AND purpose = 'verify' AND used_at IS NULL`, { replacements: { now, memberId }, transaction });
  const { token, hash } = newToken();
  await db.sequelize.query(
    `INSERT INTO email_tokens (member_id, purpose, token_hash, address, expires_at, created_at) VALUES (:memberId, 'verify', :hash, :address, :expires, :now)`,
    { replacements: { memberId, hash, address, expires: new Date(now.getTime() + VERIFY_TOKEN_HOURS * 3_600_000), now }, transaction },
  );
  await queueAccountEmail(db, transaction, { memberId, toAddress: address, template: 'verify', details: { link: `/email/verify?token=${token}` }, at: now });
}

async function insertAddress(db: Database, transaction: Transaction, memberId: number, address: string, now: Date): Promise<void> {
  await db.sequelize.query(
    `INSERT INTO member_emails (member_id, address, address_key, verified_at, created_at, updated_at) VALUES (:memberId, :address, :key, NULL, :now, :now)`,
    { replacements: { memberId, address, key: addressKey(address), now }, transaction },
  );
}

/** At registration, in its transaction: the address, unconfirmed, and its confirmation email. */
export async function addAddressAtRegistration(db: Database, transaction: Transaction, memberId: number, address: string, now = new Date()): Promise<void> {
  await ensureAddressFree(db, memberId, address, transaction);
  await insertAddress(db, transaction, memberId, address, now);
  await sendVerification(db, transaction, memberId, address, now);
}

/**
 * A new address from settings. A member without a confirmed address has it replaced at once
 * (unconfirmed); a confirmed address stays until the new one is confirmed, and is told.
 */
export async function requestAddressChange(db: Database, memberId: number, address: string, now = new Date()): Promise<void> {
  try {
    await db.writeTransaction(async (transaction) => {
      await ensureAddressFree(db, memberId, address, transaction);
      const current = await memberAddress(db, memberId, transaction);
      if (!current) {
        await insertAddress(db, transaction, memberId, address, now);
      } else if (!current.verified) {
        await db.sequelize.query('UPDATE member_emails SET address = :address, address_key = :key, updated_at = :now WHERE member_id = :memberId', {
          replacements: { address, key: addressKey(address), now, memberId },
          transaction,
        });
      } else if (addressKey(current.address) !== addressKey(address)) {
        await queueAccountEmail(db, transaction, { memberId, toAddress: current.address, template: 'address-changed', details: { newAddress: address }, at: now });
      }
      await sendVerification(db, transaction, memberId, address, now);
    });
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw new ValidationError({ email: ADDRESS_TAKEN });
    throw error;
  }
}

/** Whether a confirmation link is still usable (the page before the button; changes nothing). */
export async function verificationTokenUsable(db: Database, token: string, now = new Date()): Promise<boolean> {
  const rows = await selectRows<{ id: number }>(
    db,
    `SELECT id FROM email_tokens WHERE token_hash = :hash AND purpose = 'verify' AND used_at IS NULL AND expires_at > :now`,
    { hash: hashToken(token), now },
  );
  return rows.length > 0;
}

export type Confirmation = { confirmed: true; memberId: number; address: string } | { confirmed: false; reason: string };

/** Uses a confirmation link: the address it names becomes the member's confirmed address. */
export async function confirmAddress(db: Database, token: string, now = new Date()): Promise<Confirmation> {
  const hash = hashToken(token);
  try {
    return await db.writeTransaction(async (transaction): Promise<Confirmation> => {
      const rows = await selectRows<{ id: number; member_id: number; address: string }>(
        db,
        `SELECT id, member_id, address FROM email_tokens WHERE token_hash = :hash AND purpose = 'verify'`,
        { hash },
        transaction,
      );
      const row = rows[0];
      const used = row ? await updateCount(db, 'UPDATE email_tokens SET used_at = :now WHERE id = :id AND used_at IS NULL AND expires_at > :now', { now, id: row.id }, transaction) : 0;
      if (!row || used === 0) return { confirmed: false, reason: 'This link has expired or was already used. Ask for a new one in your settings.' };
      const memberId = Number(row.member_id);
      try {
        await ensureAddressFree(db, memberId, row.address, transaction);
      } catch {
        return { confirmed: false, reason: ADDRESS_TAKEN };
      }
      // The digest starts from now: confirming does not mail the past.
      await db.sequelize.query(
        `UPDATE member_emails SET address = :address, address_key = :key, verified_at = :now, updated_at = :now,
           digest_through_id = (SELECT COALESCE(MAX(id), 0) FROM notifications)
         WHERE member_id = :memberId`,
        { replacements: { address: row.address, key: addressKey(row.address), now, memberId }, transaction },
      );
      return { confirmed: true, memberId, address: row.address };
    });
  } catch (error) {
    if (error instanceof UniqueConstraintError) return { confirmed: false, reason: ADDRESS_TAKEN };
    throw error;
  }
}

/** The user:create command: an address the operator typed is taken as confirmed. */
export async function setConfirmedAddress(db: Database, memberId: number, address: string, now = new Date()): Promise<void> {
  await db.writeTransaction(async (transaction) => {
    await ensureAddressFree(db, memberId, address, transaction);
    await db.sequelize.query(
      `INSERT INTO member_emails (member_id, address, address_key, verified_at, created_at, updated_at) VALUES (:memberId, :address, :key, :now, :now, :now)`,
      { replacements: { memberId, address, key: addressKey(address), now }, transaction },
    );
  });
}
