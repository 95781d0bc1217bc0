/** What the posting forms accept. */
import { z } from 'zod';
import { MAX_SOURCE_LENGTH } from '../markdown';
import { normalizeText, titleCharacterProblem } from '../text/names';

export const MIN_TITLE_LENGTH = 5;
export const MAX_TITLE_LENGTH = 200;
export const MAX_REASON_LENGTH = 300;

/** Post text: line endings normalised, never empty, at most 20,000 characters. */
export const postBody = z
  .string({ required_error: 'Write something first.', invalid_type_error: 'The post must be text.' })
  .transform((text) => text.replace(/\r\n?/g, '\n'))
  .refine((text) => text.trim().length > 0, 'Write something first.')
  .refine((text) => text.length <= MAX_SOURCE_LENGTH, (text) => ({
    message: `Posts can be at most ${MAX_SOURCE_LENGTH.toLocaleString('en-US')} characters; this one has ${text.length.toLocaleString('en-US')}.`,
  }));

/**
 * A thread title: NFKC, runs of spaces made one, any script and emoji, but nothing invisible or
 * reordering (bidi overrides and isolates, zero-width characters): server/text/names.ts decides.
 */
export const threadTitle = z
  .string({ required_error: 'Give the thread a title.', invalid_type_error: 'The title must be text.' })
  // Only ordinary whitespace folds into spaces; U+FEFF, U+2028... are refused below, not hidden.
  .transform((text) => normalizeText(text).replace(/[\t\n\r\f\v ]+/g, ' ').trim())
  .refine((text) => text.length >= MIN_TITLE_LENGTH, `Titles need at least ${MIN_TITLE_LENGTH} characters.`)
  .refine((text) => text.length <= MAX_TITLE_LENGTH, `Titles can be at most ${MAX_TITLE_LENGTH} characters.`)
  .superRefine((text, context) => {
    const problem = titleCharacterProblem(text);
    if (problem) context.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

const intent = z.enum(['post', 'preview']).catch('post');

const optionalNumber = z
  .string()
  .optional()
  .transform((value) => (value && /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : null));

export const newThreadForm = z.object({ title: threadTitle, body: postBody, intent });

export const replyForm = z.object({ body: postBody, replyTo: optionalNumber, intent });

export const editForm = z.object({
  body: postBody,
  reason: z
    .string({ invalid_type_error: 'The reason must be text.' })
    .max(MAX_REASON_LENGTH, `Reasons can be at most ${MAX_REASON_LENGTH} characters.`)
    .optional()
    .transform((value) => (value && value.trim() !== '' ? value.trim() : null)),
  baseVersion: z
    .string({ required_error: 'The form is missing its version; reload the page.' })
    .regex(/^[1-9][0-9]{0,9}$/, 'The form is missing its version; reload the page.')
    .transform(Number),
  // A checkbox: present ("on") when ticked. Only staff are shown it; the controller checks.
  redact: z.unknown().optional().transform((value) => value === 'on' || value === '1'),
  intent,
});
