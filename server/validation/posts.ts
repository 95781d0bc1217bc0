/** What the posting forms accept. */
import { z } from 'zod';
import { MAX_SOURCE_LENGTH } from '../markdown';

export const MIN_TITLE_LENGTH = 5;
export const MAX_TITLE_LENGTH = 200;
export const MAX_REASON_LENGTH = 300;

// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** Post text: line endings normalised, never empty, at most 20,000 characters. */
export const postBody = z
  .string({ required_error: 'Write something first.', invalid_type_error: 'The post must be text.' })
  .transform((text) => text.replace(/\r\n?/g, '\n'))
  .refine((text) => text.trim().length > 0, 'Write something first.')
  .refine((text) => text.length <= MAX_SOURCE_LENGTH, (text) => ({
    message: `Posts can be at most ${MAX_SOURCE_LENGTH.toLocaleString('en-US')} characters; this one has ${text.length.toLocaleString('en-US')}.`,
  }));

export const threadTitle = z
  .string({ required_error: 'Give the thread a title.', invalid_type_error: 'The title must be text.' })
  .transform((text) => text.replace(/\s+/g, ' ').trim())
  .refine((text) => text.length >= MIN_TITLE_LENGTH, `Titles need at least ${MIN_TITLE_LENGTH} characters.`)
  .refine((text) => text.length <= MAX_TITLE_LENGTH, `Titles can be at most ${MAX_TITLE_LENGTH} characters.`)
  .refine((text) => !CONTROL_CHARACTERS.test(text), 'The title contains characters that cannot be shown.');

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
