/** Sending events to the verification feed as the verification service does: a JSON body signed with HMAC-SHA256. */
import request from 'supertest';
import type { Express } from 'express';
import { signBody } from '../../server/auth/feedSignature';

export const FEED_SECRET = 'test-verification-feed-secret-0123456789abcdef';
export const FEED_PATH = '/api/verification-events';

export function sendSigned(app: Express, event: unknown, secret = FEED_SECRET) {
  const body = typeof event === 'string' ? event : JSON.stringify(event);
  return request(app).post(FEED_PATH).set('Content-Type', 'application/json').set('X-Signature', signBody(body, secret)).send(body);
}
