/**
 * The verification service's signed event feed. No session and no CSRF token: the HMAC signature
 * of the raw body is the authentication. Answers are JSON: 401 unsigned or badly signed, 400
 * malformed, 404 unknown member, 200 applied, and 200 for a repeated event id, which changes nothing.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { HttpError } from '../errors';
import { hasSignatureFormat, SIGNATURE_HEADER, signatureMatches } from '../auth/feedSignature';
import { applyFeedEvent, describeIssues, verificationEventSchema } from '../services/badges/feed';

function answer(res: Response, status: number, body: Record<string, unknown>): void {
  res.status(status).json(body);
}

export function createVerificationFeedController(db: Database, config: Pick<Config, 'verificationFeedSecret'>) {
  return {
    async receive(req: Request, res: Response): Promise<void> {
      const signature = req.get(SIGNATURE_HEADER);
      if (!hasSignatureFormat(signature)) {
        answer(res, 401, { error: 'Sign the body: X-Signature: sha256=<hex HMAC-SHA256 of the body>.' });
        return;
      }
      const body = Buffer.isBuffer(req.body) ? req.body : null;
      if (!body) {
        answer(res, 400, { error: 'Send the event as a JSON body with Content-Type: application/json.' });
        return;
      }
      if (!signatureMatches(body, signature, config.verificationFeedSecret)) {
        answer(res, 401, { error: 'The signature does not match the body.' });
        return;
      }
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        answer(res, 400, { error: 'The body is not valid JSON.' });
        return;
      }
      const parsed = verificationEventSchema.safeParse(json);
      if (!parsed.success) {
        answer(res, 400, { error: describeIssues(parsed.error) });
        return;
      }
      const outcome = await applyFeedEvent(db, parsed.data, 'feed', { now: new Date() });
      if (outcome === 'unknown_member') answer(res, 404, { error: `There is no member named "${parsed.data.member}".` });
      else if (outcome === 'in_the_future') answer(res, 400, { error: 'occurredAt is in the future.' });
      else answer(res, 200, { status: outcome, id: parsed.data.id });
    },

    /** Errors on this route (a body too large, a database failure) answer in JSON too, never as a page. */
    jsonErrors(error: unknown, req: Request, res: Response, next: NextFunction): void {
      if (res.headersSent) {
        next(error);
        return;
      }
      const raw = (error as { status?: unknown; statusCode?: unknown; expose?: unknown } | null) ?? {};
      const status = error instanceof HttpError ? error.status : typeof raw.status === 'number' ? raw.status : 500;
      if (status >= 500) console.error(`${req.method} ${req.originalUrl}`, error);
      const message = error instanceof HttpError ? error.publicMessage
        : status < 500 && raw.expose && error instanceof Error ? error.message
          : 'The event could not be processed.';
      answer(res, status, { error: message });
    },
  };
}
