/**
 * Signed unsubscribe links: member id and kind, with an HMAC under a key derived from the session
 * secret (so the key is never the cookie-signing key itself). No sign-in is needed to use one.
 */
import crypto from 'node:crypto';

function unsubscribeKey(secret: string): Buffer {
  return crypto.createHmac('sha256', secret).update('rollout-forum email unsubscribe v1').digest();
}

export function unsubscribeSignature(secret: string, memberId: number, kind: string): string {
  return crypto.createHmac('sha256', unsubscribeKey(secret)).update(`${memberId}:${kind}`).digest('base64url');
}

export function validUnsubscribeSignature(secret: string, memberId: number, kind: string, signature: string): boolean {
  const expected = Buffer.from(unsubscribeSignature(secret, memberId, kind));
  const given = Buffer.from(signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

export function unsubscribePath(secret: string, memberId: number, kind: string): string {
  const query = new URLSearchParams({ m: String(memberId), k: kind, s: unsubscribeSignature(secret, memberId, kind) });
  return `/email/unsubscribe?${query.toString()}`;
}

/** A random token for a link, and the sha256 that is stored instead of it. */
export function newToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
