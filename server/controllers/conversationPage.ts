/** Renders one conversation page (and its JSON twin), for reading and for a refused form shown again. */
import type { Request, Response } from 'express';
import type { Database } from '../db';
import { BadRequestError } from '../errors';
import { canUseStaffNotes, type Actor } from '../policies';
import { conversationUrl, presentConversation } from '../presenters/messages';
import { REPORT_REASON_OPTIONS } from '../presenters/review';
import { currentStatuses } from '../services/badges/citations';
import { citationsOfMessages } from '../services/messages/citations';
import { messagesBefore, notesOf, participantsOf, type ConversationAccess } from '../services/messages/read';
import { messagesReportedBy } from '../services/messages/reports';

export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** The message whose report form was refused (its form is opened again). */
  reportNumber?: number;
}

function beforeOf(value: unknown): number | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,9}$/.test(value)) throw new BadRequestError('The "before" cursor must be a message number.');
  return Number(value);
}

export async function renderConversation(db: Database, req: Request, res: Response, access: ConversationAccess, status: number, state: FormState): Promise<void> {
  const actor: Actor = res.locals.actor;
  const { conversation, participation } = access;
  const now = new Date();
  const staffView = canUseStaffNotes(actor, conversation).allowed;
  const [messages, participantMap, notes] = await Promise.all([
    messagesBefore(db, conversation.id, beforeOf(req.query.before)),
    participantsOf(db, [conversation.id]),
    staffView ? notesOf(db, conversation.id) : Promise.resolve(null),
  ]);
  const participants = participantMap.get(conversation.id) ?? [];
  const messageIds = messages.map((message) => message.id);
  const starter = staffView ? participants.find((p) => p.member.id === conversation.startedById)?.member ?? null : null;
  const [citations, reported, statuses] = await Promise.all([
    citationsOfMessages(db, messageIds),
    messagesReportedBy(db, actor.memberId!, messageIds),
    starter ? currentStatuses(db, [starter.id], now) : Promise.resolve(null),
  ]);
  const first = messages[0];
  const view = presentConversation({
    actor,
    conversation,
    participation,
    messages,
    participants,
    citations,
    notes,
    reported,
    starter: starter && statuses ? { username: starter.username, displayName: starter.displayName, status: statuses.get(starter.id)! } : null,
    olderUrl: first && first.number > 1 ? `${conversationUrl(conversation.id)}?before=${first.number}` : null,
    now,
  });
  res.status(status).render('messages/conversation', {
    title: conversation.subject,
    ...view,
    reasons: REPORT_REASON_OPTIONS,
    values: state.values,
    errors: state.errors,
    reportNumber: state.reportNumber ?? null,
  });
}
