/** What the desk's forms and filters accept. */
import { z } from 'zod';
import { MAX_SOURCE_LENGTH } from '../markdown';
import { MAX_REASON_LENGTH, postBody } from './posts';

const postNumber = z
  .string({ required_error: 'Give the number of the post that answers it.' })
  .regex(/^[1-9][0-9]{0,9}$/, 'Give the number of the post that answers it.')
  .transform(Number);

export const markAnsweredForm = z.object({ answer: postNumber });

export const notNeededForm = z.object({
  reason: z
    .string({ required_error: 'Say why no answer is needed.' })
    .transform((text) => text.trim())
    .refine((text) => text.length > 0, 'Say why no answer is needed.')
    .refine((text) => text.length <= MAX_REASON_LENGTH, `Reasons can be at most ${MAX_REASON_LENGTH} characters.`),
});

export const savedReplyForm = z.object({
  title: z
    .string({ required_error: 'Give the saved reply a title.' })
    .transform((text) => text.replace(/\s+/g, ' ').trim())
    .refine((text) => text.length > 0, 'Give the saved reply a title.')
    .refine((text) => text.length <= 120, 'Titles can be at most 120 characters.'),
  source: postBody.refine((text) => text.length <= MAX_SOURCE_LENGTH / 2, `Saved replies can be at most ${MAX_SOURCE_LENGTH / 2} characters.`),
});

const optionalId = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === 'string' && /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : null));

/** The queue's filters; anything unreadable is ignored rather than refused (they are links). */
export const queueFilterQuery = z.object({
  board: optionalId,
  thread: optionalId,
  show: z.unknown().optional().transform((value) => (value === 'mine' || value === 'unclaimed' ? value : 'all')),
  olderThan: z
    .unknown()
    .optional()
    .transform((value) => (typeof value === 'string' && /^[1-9][0-9]{0,4}$/.test(value) ? Number(value) : null)),
  after: z.unknown().optional().transform((value) => {
    if (typeof value !== 'string') return null;
    const match = /^(\d{13})-([1-9][0-9]{0,9})$/.exec(value);
    return match ? { askedAt: new Date(Number(match[1])), postId: Number(match[2]) } : null;
  }),
});

const day = /^\d{4}-\d{2}-\d{2}$/;

/** The dashboard's range: YYYY-MM-DD dates (to inclusive), at most maxDays apart; defaults to the last 30 days. */
export function parseDashboardRange(query: Record<string, unknown>, now: Date, maxDays: number): { from: Date; to: Date; boardId: number | null } | { error: string } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const read = (value: unknown, fallback: number): number | null => {
    if (value === undefined || value === '') return fallback;
    if (typeof value !== 'string' || !day.test(value)) return null;
    const time = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value ? null : time;
  };
  const from = read(query.from, today - 29 * 86_400_000);
  const toDay = read(query.to, today);
  if (from === null || toDay === null) return { error: 'Dates are written YYYY-MM-DD.' };
  if (toDay < from) return { error: 'The range must end on or after the day it starts.' };
  if ((toDay - from) / 86_400_000 + 1 > maxDays) return { error: `The range can be at most ${maxDays} days.` };
  const board = optionalId.parse(query.board);
  return { from: new Date(from), to: new Date(toDay + 86_400_000), boardId: board };
}
