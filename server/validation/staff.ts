/** What the staff forms accept. */
import { z } from 'zod';
import { MAX_SOURCE_LENGTH } from '../markdown';
import { MAX_REASON_LENGTH, threadTitle } from './posts';

const optionalText = (max: number, label: string) =>
  z
    .string({ invalid_type_error: `${label} must be text.` })
    .max(max, `${label} can be at most ${max} characters.`)
    .optional()
    .transform((value) => (value && value.trim() !== '' ? value.trim() : null));

const reason = optionalText(MAX_REASON_LENGTH, 'The reason');

export const etaNoteForm = z.object({
  text: z
    .string({ required_error: 'Write the note.', invalid_type_error: 'The note must be text.' })
    .transform((text) => text.replace(/\r\n?/g, '\n').trim())
    .refine((text) => text.length > 0, 'Write the note: what will happen, and when.')
    .refine((text) => text.length <= MAX_SOURCE_LENGTH / 4, `Notes can be at most ${MAX_SOURCE_LENGTH / 4} characters.`),
  window: optionalText(40, 'The window'),
  due: optionalText(20, 'The date'),
});

export const etaCloseForm = z.object({
  outcome: z.enum(['kept', 'withdrawn'], { errorMap: () => ({ message: 'Choose kept or withdrawn.' }) }),
  followUp: z
    .string()
    .optional()
    .transform((value) => (value && /^[1-9][0-9]{0,9}$/.test(value.trim()) ? Number(value.trim()) : null)),
  reason,
});

export const hideForm = z.object({
  reason: z
    .string({ required_error: 'Say why the post is hidden: the author will see it.', invalid_type_error: 'The reason must be text.' })
    .trim()
    .min(1, 'Say why the post is hidden: the author will see it.')
    .max(MAX_REASON_LENGTH, `The reason can be at most ${MAX_REASON_LENGTH} characters.`),
});

export const officialAnswerForm = z.object({
  postNumber: z
    .string({ required_error: 'Choose a post.' })
    .regex(/^[1-9][0-9]{0,9}$/, 'Choose a post.')
    .transform(Number),
});

export const pinForm = z.object({
  until: z
    .string()
    .optional()
    .transform((value, context) => {
      if (!value || value.trim() === '') return null;
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
      const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59)) : null;
      if (!date || Number.isNaN(date.getTime()) || date.getTime() <= Date.now()) {
        context.addIssue({ code: z.ZodIssueCode.custom, message: 'Give a future date as YYYY-MM-DD, or leave it empty.' });
        return z.NEVER;
      }
      return date;
    }),
});

export const lockForm = z.object({ reason });

export const moveForm = z.object({
  board: z.string({ required_error: 'Choose a board.' }).trim().min(1, 'Choose a board.').max(60),
  reason,
});

const requiredReason = (message: string) =>
  z
    .string({ required_error: message, invalid_type_error: 'The reason must be text.' })
    .trim()
    .min(1, message)
    .max(MAX_REASON_LENGTH, `The reason can be at most ${MAX_REASON_LENGTH} characters.`);

export const hideThreadForm = z.object({ reason: requiredReason('Say why the thread is hidden: its starter will see it.') });

export const restoreThreadForm = z.object({ reason });

export const retitleForm = z.object({ title: threadTitle, reason: requiredReason('Say why the title changes: it goes on the moderation log.') });
