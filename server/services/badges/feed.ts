/**
 * Events from the verification service, in one shape whether they arrive on the signed feed or in
 * an imported CSV: what happened to whom, and when. Each becomes a change to the member's record.
 */
import { z } from 'zod';
import type { EventSource } from '../../../models';
import type { Database } from '../../db';
import { findMemberByUsername } from '../members';
import { applyVerificationEvent, RecordChange } from './records';
import { METHOD_CODE, STEPS, TIERS } from './terms';

/** Events may be stamped a little ahead of our clock, never far. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export const eventTime = z
  .string({ required_error: 'occurredAt is required.', invalid_type_error: 'occurredAt must be a string.' })
  .trim()
  .transform((value, context) => {
    const date = ISO_TIME.test(value) ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: 'occurredAt must be an ISO 8601 time with a zone, e.g. 2026-11-27T10:00:00Z.' });
      return z.NEVER;
    }
    return date;
  });

const method = z.string({ required_error: 'method is required.' }).regex(METHOD_CODE, 'method must be a code such as government_id.');
const step = z.enum(STEPS, { errorMap: () => ({ message: 'step must be "id" or "webcam".' }) });
const base = {
  id: z.string({ required_error: 'id is required.' }).trim().min(1, 'id is required.').max(120, 'id can be at most 120 characters.'),
  member: z.string({ required_error: 'member is required.' }).trim().min(1, 'member is required.').max(40),
  occurredAt: eventTime,
};

export const EVENT_TYPES = ['tier.changed', 'invited', 'step.passed', 'step.rejected', 'step.reset', 'badge.awarded', 'badge.revoked'] as const;

export const verificationEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('tier.changed'), tier: z.enum(TIERS, { errorMap: () => ({ message: `tier must be one of ${TIERS.join(', ')}, or null.` }) }).nullable() }),
  z.object({ ...base, type: z.literal('invited') }),
  z.object({ ...base, type: z.literal('step.passed'), step, method }),
  z.object({ ...base, type: z.literal('step.rejected'), step, method: method.optional() }),
  z.object({ ...base, type: z.literal('step.reset'), step }),
  z.object({ ...base, type: z.literal('badge.awarded') }),
  z.object({ ...base, type: z.literal('badge.revoked') }),
], { errorMap: (issue, context) => (issue.code === 'invalid_union_discriminator'
  ? { message: `type must be one of ${EVENT_TYPES.join(', ')}.` }
  : { message: context.defaultError }) });

export type VerificationFeedEvent = z.infer<typeof verificationEventSchema>;

/** "member: member is required." -> a message naming the first problem. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? issue.message : 'The event is not valid.';
}

export function changeOf(event: VerificationFeedEvent): RecordChange {
  switch (event.type) {
    case 'tier.changed': return { tier: event.tier };
    case 'invited': return { invitedAt: event.occurredAt };
    case 'step.passed': return { [event.step]: { state: 'passed', completedAt: event.occurredAt, method: event.method } };
    case 'step.rejected': return { [event.step]: { state: 'rejected', completedAt: event.occurredAt, method: event.method ?? null } };
    case 'step.reset': return { [event.step]: { state: 'not_started', completedAt: null, method: null } };
    case 'badge.awarded': return { awardedAt: event.occurredAt };
    case 'badge.revoked': return { awardedAt: null };
  }
}

export type FeedOutcome = 'applied' | 'duplicate' | 'unknown_member' | 'in_the_future';

export interface FeedOptions {
  /** Already resolved (the import looks members up in bulk). */
  memberId?: number;
  /** Refuse events stamped later than this (plus a little clock skew); seeds pass none. */
  now?: Date;
}

/** Applies a validated event for the member it names; the feed, the CSV import and the seeds share this. */
export async function applyFeedEvent(db: Database, event: VerificationFeedEvent, source: EventSource, options: FeedOptions = {}): Promise<FeedOutcome> {
  if (options.now && event.occurredAt.getTime() > options.now.getTime() + MAX_CLOCK_SKEW_MS) return 'in_the_future';
  const id = options.memberId ?? (await findMemberByUsername(db, event.member))?.id;
  if (!id) return 'unknown_member';
  const result = await applyVerificationEvent(db, {
    eventId: event.id,
    memberId: id,
    source,
    kind: event.type,
    change: changeOf(event),
    occurredAt: event.occurredAt,
  });
  return result.outcome;
}
