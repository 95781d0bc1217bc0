/** What the badge forms accept: lookup, citing, a manager's correction or award, the policy. */
import { z } from 'zod';
import { STEP_STATES } from '../../models';
import type { RecordChange } from '../services/badges/records';
import type { BadgePolicy } from '../services/badges/status';
import { METHOD_CODE, STEPS, TIERS } from '../services/badges/terms';
import { MAX_REASON_LENGTH } from './posts';

export const MAX_WINDOW_HOURS = 720;

const requiredReason = (message: string) =>
  z.string({ required_error: message, invalid_type_error: 'The reason must be text.' })
    .trim()
    .min(1, message)
    .max(MAX_REASON_LENGTH, `The reason can be at most ${MAX_REASON_LENGTH} characters.`);

const optionalReason = z
  .string({ invalid_type_error: 'The reason must be text.' })
  .max(MAX_REASON_LENGTH, `The reason can be at most ${MAX_REASON_LENGTH} characters.`)
  .optional()
  .transform((value) => (value && value.trim() !== '' ? value.trim() : null));

/** ?q= of the lookup: a name prefix. */
export function lookupQuery(value: unknown): string {
  return typeof value === 'string' ? value.trim().slice(0, 60) : '';
}

/** An <input type="datetime-local">, read as UTC; empty means none. */
const dateTimeInput = z.string({ invalid_type_error: 'Give a date and time.' }).optional().transform((value, context) => {
  if (!value || value.trim() === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  const date = match ? new Date(Date.UTC(+match[1], +match[2] - 1, +match[3], +match[4], +match[5], +(match[6] ?? 0))) : null;
  if (!date || Number.isNaN(date.getTime()) || date.getUTCDate() !== +match![3]) {
    context.addIssue({ code: z.ZodIssueCode.custom, message: 'Give a date and time as YYYY-MM-DD HH:MM (UTC), or leave it empty.' });
    return z.NEVER;
  }
  return date;
});

const methodInput = z
  .string({ invalid_type_error: 'The method must be text.' })
  .optional()
  .transform((value) => (value && value.trim() !== '' ? value.trim() : null))
  .refine((value) => value === null || METHOD_CODE.test(value), 'Use a method code such as government_id or video_call.');

const stateInput = z.enum(STEP_STATES, { errorMap: () => ({ message: 'Choose not started, passed or rejected.' }) });

export const correctionForm = z
  .object({
    tier: z.string().optional().transform((value) => (value && value !== 'none' ? value : null))
      .refine((value) => value === null || (TIERS as readonly string[]).includes(value), 'Choose a tier.'),
    invitedAt: dateTimeInput,
    idState: stateInput,
    idCompletedAt: dateTimeInput,
    idMethod: methodInput,
    webcamState: stateInput,
    webcamCompletedAt: dateTimeInput,
    webcamMethod: methodInput,
    reason: requiredReason('Say why the record is corrected.'),
  })
  .superRefine((form, context) => {
    for (const step of STEPS) {
      const state = form[`${step}State`];
      if (state !== 'not_started' && !form[`${step}CompletedAt`]) {
        context.addIssue({ code: z.ZodIssueCode.custom, path: [`${step}CompletedAt`], message: `A ${state} step needs the time it was completed.` });
      }
      if (state === 'passed' && !form[`${step}Method`]) {
        context.addIssue({ code: z.ZodIssueCode.custom, path: [`${step}Method`], message: 'A passed step needs the method it used.' });
      }
    }
  })
  .transform((form): { change: RecordChange; reason: string } => {
    const step = (prefix: 'id' | 'webcam') => {
      const state = form[`${prefix}State`];
      return state === 'not_started'
        ? { state, completedAt: null, method: null }
        : { state, completedAt: form[`${prefix}CompletedAt`], method: form[`${prefix}Method`] };
    };
    return { change: { tier: form.tier, invitedAt: form.invitedAt, id: step('id'), webcam: step('webcam') }, reason: form.reason };
  });

export const awardForm = z.object({
  outcome: z.enum(['award', 'revoke'], { errorMap: () => ({ message: 'Choose to award or to revoke the badge.' }) }),
  reason: requiredReason('Say why the badge is awarded or revoked.'),
});

/** "thread" from the select of recent threads, or "threadId" typed in (which wins). */
export const citeForm = z
  .object({ thread: z.string().optional(), threadId: z.string().optional() })
  .transform((form, context) => {
    const value = form.threadId?.trim() || form.thread?.trim() || '';
    if (!/^[1-9][0-9]{0,9}$/.test(value)) {
      context.addIssue({ code: z.ZodIssueCode.custom, path: ['threadId'], message: 'Choose a thread, or give its number.' });
      return z.NEVER;
    }
    return { threadId: Number(value) };
  });

const codeList = (label: string) =>
  z.string({ required_error: `List the accepted ${label} methods.` })
    .transform((value) => [...new Set(value.split(/[\s,]+/).map((code) => code.trim().toLowerCase()).filter(Boolean))])
    .refine((codes) => codes.length > 0, `List at least one accepted ${label} method.`)
    .refine((codes) => codes.every((code) => METHOD_CODE.test(code)), 'Use method codes such as government_id, separated by commas.');

const hours = (label: string) =>
  z.string({ required_error: `Give the ${label} in hours.` })
    .trim()
    .regex(/^[0-9]{1,4}$/, `Give the ${label} as a whole number of hours.`)
    .transform(Number)
    .refine((value) => value >= 1 && value <= MAX_WINDOW_HOURS, `The ${label} must be between 1 and ${MAX_WINDOW_HOURS} hours.`);

export const policyForm = z
  .object({
    // Checkboxes: absent when none is ticked, a string for one, an array for several.
    tiers: z.union([z.string(), z.array(z.string())]).optional()
      .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
      .refine((tiers) => tiers.length > 0, 'Choose at least one eligible tier.')
      .refine((tiers) => tiers.every((tier) => (TIERS as readonly string[]).includes(tier)), 'Choose tiers from the list.'),
    idMethods: codeList('ID'),
    webcamMethods: codeList('webcam'),
    minHours: hours('earliest time'),
    maxHours: hours('latest time'),
    reason: optionalReason,
  })
  .refine((form) => form.minHours <= form.maxHours, { path: ['maxHours'], message: 'The latest time cannot be before the earliest.' })
  .transform((form): { policy: BadgePolicy; reason: string | null } => ({
    policy: {
      eligibleTiers: [...new Set(form.tiers)],
      acceptedMethods: { id: form.idMethods, webcam: form.webcamMethods },
      window: { minHours: form.minHours, maxHours: form.maxHours },
    },
    reason: form.reason,
  }));

/** The reply form's "cite" field (or ?cite=): a username, or null when absent or unusable. */
export function citedUsername(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const username = value.trim();
  return username && username.length <= 40 ? username : null;
}
