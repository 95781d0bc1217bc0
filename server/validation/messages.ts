/** What the private-message forms accept. Subjects follow thread titles' rules, bodies posts'. */
import { z } from 'zod';
import { REPORT_REASONS } from '../../models';
import { postBody, threadTitle } from './posts';
import { MAX_NOTE_LENGTH } from '../services/messages/participation';

const checkbox = z.unknown().optional().transform((value) => value === 'on' || value === '1');

/** "RafehG, MarijaJ" or "RafehG MarijaJ": usernames, at most 50 of them read (the limit refuses more). */
const recipients = z
  .string({ invalid_type_error: 'Recipients must be text.' })
  .max(1000, 'That list of recipients is too long.')
  .optional()
  .transform((value) => [...new Set((value ?? '').split(/[\s,]+/).map((name) => name.replace(/^@/, '')).filter(Boolean))].slice(0, 50));

export const newConversationForm = z.object({
  to: recipients,
  team: checkbox,
  subject: threadTitle,
  body: postBody,
});

export const messageForm = z.object({ body: postBody, cite: checkbox });

export const noteForm = z.object({
  text: z
    .string({ required_error: 'Write the note first.', invalid_type_error: 'The note must be text.' })
    .transform((text) => text.trim())
    .refine((text) => text.length > 0, 'Write the note first.')
    .refine((text) => text.length <= MAX_NOTE_LENGTH, `Notes can be at most ${MAX_NOTE_LENGTH} characters.`),
});

export const stateForm = z.object({
  action: z.enum(['assign', 'unassign', 'resolve', 'reopen'], { errorMap: () => ({ message: 'Choose what to do with the conversation.' }) }),
});

export const colleagueForm = z.object({
  username: z.string({ required_error: 'Name a colleague.', invalid_type_error: 'Name a colleague.' }).trim().min(1, 'Name a colleague.').max(60, 'Name a colleague.'),
});

export const messageReportForm = z.object({
  reason: z.enum(REPORT_REASONS, { errorMap: () => ({ message: 'Choose why you are reporting this message.' }) }),
  note: z
    .string({ invalid_type_error: 'The note must be text.' })
    .max(500, 'The note can be at most 500 characters.')
    .optional()
    .transform((value) => (value && value.trim() !== '' ? value.trim() : null)),
});

export const blockForm = z.object({
  username: z.string({ required_error: 'Name a member.', invalid_type_error: 'Name a member.' }).trim().min(1, 'Name a member.').max(60, 'Name a member.'),
  action: z.enum(['block', 'unblock'], { errorMap: () => ({ message: 'Choose block or unblock.' }) }),
});

export const messageReviewForm = z.object({
  action: z.enum(['dismiss', 'actioned'], { errorMap: () => ({ message: 'Choose what to do with the report.' }) }),
});
