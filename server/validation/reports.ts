/** What the report, review and sanction forms accept. */
import { z } from 'zod';
import { REPORT_REASONS } from '../../models';
import { SANCTION_DURATIONS } from '../services/sanctions';

const text = (max: number, label: string) =>
  z
    .string({ invalid_type_error: `${label} must be text.` })
    .max(max, `${label} can be at most ${max} characters.`)
    .optional()
    .transform((value) => (value && value.trim() !== '' ? value.trim() : null));

const reportReason = z.enum(REPORT_REASONS, { errorMap: () => ({ message: 'Choose why you are reporting this post.' }) });

export const reportForm = z.object({
  reason: reportReason,
  note: text(500, 'The note'),
});

const durations = SANCTION_DURATIONS.map((d) => d.value) as [string, ...string[]];
const duration = z.enum(durations as ['1d', '3d', '7d', '30d', 'indefinite'], { errorMap: () => ({ message: 'Choose how long.' }) });

export const REVIEW_ACTIONS = ['hide', 'dismiss', 'hide-silence', 'hide-suspend'] as const;

export const reviewForm = z
  .object({
    action: z.enum(REVIEW_ACTIONS, { errorMap: () => ({ message: 'Choose what to do with the post.' }) }),
    seenUpTo: z.string({ required_error: 'The form is out of date: open the queue again.' }).regex(/^[1-9][0-9]{0,9}$/, 'The form is out of date: open the queue again.').transform(Number),
    hideReason: text(300, 'The reason'),
    note: text(300, 'The note'),
    sanctionReason: text(300, 'The reason'),
    duration: duration.optional(),
  })
  .superRefine((form, ctx) => {
    if (form.action !== 'dismiss' && !form.hideReason) {
      ctx.addIssue({ code: 'custom', path: ['hideReason'], message: 'Say why the post is hidden: the author will see it.' });
    }
    if (form.action.startsWith('hide-')) {
      if (!form.sanctionReason) ctx.addIssue({ code: 'custom', path: ['sanctionReason'], message: 'Say why: the member will see it.' });
      if (!form.duration) ctx.addIssue({ code: 'custom', path: ['duration'], message: 'Choose how long.' });
    }
  });

export const sanctionForm = z.object({
  reason: z.string({ required_error: 'Say why: the member will see it.', invalid_type_error: 'The reason must be text.' })
    .trim().min(1, 'Say why: the member will see it.').max(300, 'The reason can be at most 300 characters.'),
  duration,
});

export const staffNoteForm = z.object({
  text: z.string({ required_error: 'Write the note.', invalid_type_error: 'The note must be text.' })
    .trim().min(1, 'Write the note.').max(1000, 'Notes can be at most 1000 characters.'),
});

export const queueFilter = z.object({
  reason: reportReason.optional().catch(undefined),
  board: z.string().max(60).regex(/^[a-z0-9-]*$/).optional().catch(undefined),
});

export const approvalForm = z
  .object({
    decision: z.enum(['approve', 'reject'], { errorMap: () => ({ message: 'Choose approve or reject.' }) }),
    reason: text(300, 'The reason'),
  })
  .superRefine((form, ctx) => {
    if (form.decision === 'reject' && !form.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say why: the author will see it.' });
  });
