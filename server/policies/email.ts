/**
 * Who may be mailed what, decided when the worker sends (an email may have been queued before a
 * suspension). A suspended member gets no notification, digest or message email while suspended:
 * the forum is closed to them, so its news is not theirs to follow. Account-security email still
 * goes: address confirmation and change notices, and password reset links and notices too, since
 * a suspended member still owns the account and may need to secure it (a leaked password) before
 * the suspension ends; sign-in stays refused while suspended, so a reset opens nothing.
 */
import type { Decision } from './visibility';

const ALLOW: Decision = Object.freeze({ allowed: true });

/** The outbox templates about the account itself (server/email/outbox.ts AccountTemplate). */
export const ACCOUNT_SECURITY_TEMPLATES: readonly string[] = ['verify', 'reset', 'address-changed', 'password-reset'];

export interface MailRecipient {
  /** members.suspended_until: a suspension is in force while it is in the future. */
  suspendedUntil: Date | null;
}

export function canBeMailed(recipient: MailRecipient, template: string, now: Date): Decision {
  if (ACCOUNT_SECURITY_TEMPLATES.includes(template)) return ALLOW;
  if (recipient.suspendedUntil && recipient.suspendedUntil.getTime() > now.getTime()) return { allowed: false, reason: 'recipient suspended' };
  return ALLOW;
}
