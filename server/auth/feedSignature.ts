/**
 * The verification feed's authentication: the sender signs the raw request body with HMAC-SHA256
 * under the shared secret and sends "X-Signature: sha256=<hex>". The signature stands in for a
 * session and a CSRF token, so the body is checked byte for byte, before it is even parsed.
 */
import crypto from 'node:crypto';

export const SIGNATURE_HEADER = 'x-signature';
const SIGNATURE_FORMAT = /^sha256=([0-9a-f]{64})$/i;

export function signBody(body: Buffer | string, secret: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** A header that looks like a signature at all; anything else is answered 401 at once. */
export function hasSignatureFormat(header: unknown): header is string {
  return typeof header === 'string' && SIGNATURE_FORMAT.test(header.trim());
}

/** Constant-time comparison; a missing secret matches nothing. */
export function signatureMatches(body: Buffer, header: unknown, secret: string | null): boolean {
  if (!secret || !hasSignatureFormat(header)) return false;
  const given = Buffer.from(SIGNATURE_FORMAT.exec(header.trim())![1].toLowerCase(), 'hex');
  const expected = crypto.createHmac('sha256', secret).update(body).digest();
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
