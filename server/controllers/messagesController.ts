/** Members' private messages: the inbox, starting a conversation, reading and answering one, leaving, reporting, blocking. */
import type { Request, Response } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { ForbiddenError, HttpError, NotFoundError, TooManyRequestsError, ValidationError } from '../errors';
import { MarkdownTooLargeError } from '../markdown';
import {
  Actor, canBlockMessagesFrom, canLeaveConversation, canReadConversation, canReportMessage, canSendMessage, canStartConversation, canUseMessages, ensure,
} from '../policies';
import { conversationUrl, INBOX_URL, messageAnchor, presentInbox } from '../presenters/messages';
import { findMemberByUsername } from '../services/members';
import { sendMessage, startConversation } from '../services/messages/conversations';
import { isBlockedInConversation, leaveConversation, markConversationRead, setMessageBlock } from '../services/messages/participation';
import { blockedBy, conversationAccess, inboxPage, parseInboxCursor, participantsOf, type ConversationAccess } from '../services/messages/read';
import { messageByNumber, reportMessage } from '../services/messages/reports';
import { parseForm, refillableValues } from '../validation/forms';
import { blockForm, messageForm, messageReportForm, newConversationForm } from '../validation/messages';
import { renderConversation, type FormState } from './conversationPage';
import { parsePathNumber } from './params';

const NEW_FIELDS = ['to', 'team', 'subject', 'body'] as const;
const NO_FORM: FormState = { values: {}, errors: {} };

/** The conversation, or 404 for anyone who may not read it: no id says whether it exists. */
export async function readableConversation(db: Database, req: Request, actor: Actor): Promise<ConversationAccess> {
  const access = await conversationAccess(db, parsePathNumber(req.params.conversationId), actor.memberId);
  if (!access || !canReadConversation(actor, access.conversation, access.participation).allowed) {
    throw new NotFoundError('There is no conversation at this address.');
  }
  return access;
}

/** A refused form's status and message: the validation's fields, or one line for the whole form. */
export function refusal(error: unknown, res: Response): { status: number; errors: Record<string, string> } {
  if (error instanceof ValidationError) return { status: 422, errors: error.fieldErrors };
  if (error instanceof MarkdownTooLargeError) return { status: 422, errors: error.fieldErrors };
  if (error instanceof TooManyRequestsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  if (error instanceof HttpError && error.status !== 404 && error.status < 500) return { status: error.status, errors: { form: error.publicMessage } };
  throw error;
}

export function createMessagesController(db: Database, config: Pick<Config, 'messageLimits' | 'reportsPerHour'>) {
  function renderNew(res: Response, status: number, state: FormState): void {
    res.status(status).render('messages/new', { title: 'New message', ...state, maxParticipants: config.messageLimits.maxParticipants });
  }

  return {
    async inbox(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canUseMessages(actor));
      const { rows, next } = await inboxPage(db, actor.memberId!, parseInboxCursor(req.query.before));
      const [participants, blocked] = await Promise.all([participantsOf(db, rows.map((row) => row.conversation.id)), blockedBy(db, actor.memberId!)]);
      res.render('messages/inbox', { title: 'Messages', ...presentInbox(rows, participants, actor, next, blocked) });
    },

    async newForm(req: Request, res: Response): Promise<void> {
      ensure(canUseMessages(res.locals.actor));
      const to = typeof req.query.to === 'string' ? req.query.to.slice(0, 60) : '';
      renderNew(res, 200, { values: { to, team: req.query.team === '1' ? 'on' : '', subject: '', body: '' }, errors: {} });
    },

    async create(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const values = refillableValues(req.body, NEW_FIELDS);
      try {
        ensure(canStartConversation(actor));
        const form = parseForm(newConversationForm, req.body);
        const conversationId = await startConversation(db, {
          actor,
          to: form.team ? { team: true } : { team: false, usernames: form.to },
          subject: form.subject,
          source: form.body,
          limits: config.messageLimits,
        });
        res.redirect(303, conversationUrl(conversationId));
      } catch (error) {
        const { status, errors } = refusal(error, res);
        renderNew(res, status, { values, errors });
      }
    },

    async show(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const access = await readableConversation(db, req, actor);
      await renderConversation(db, req, res, access, 200, NO_FORM);
    },

    async reply(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const access = await readableConversation(db, req, actor);
      const values = refillableValues(req.body, ['body', 'cite']);
      try {
        const blocked = access.conversation.kind === 'members' && (await isBlockedInConversation(db, access.conversation.id, actor.memberId!));
        ensure(canSendMessage(actor, access.conversation, access.participation, blocked));
        const form = parseForm(messageForm, req.body);
        const number = await sendMessage(db, { actor, conversation: access.conversation, source: form.body, citeStarter: form.cite, limits: config.messageLimits });
        res.redirect(303, `${conversationUrl(access.conversation.id)}#${messageAnchor(number)}`);
      } catch (error) {
        const { status, errors } = refusal(error, res);
        await renderConversation(db, req, res, access, status, { values, errors });
      }
    },

    /** Opening from the inbox, or "Mark as read": a POST, since reading a page changes nothing. */
    async markRead(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const access = await readableConversation(db, req, actor);
      if (access.participation && access.participation.leftAt === null) await markConversationRead(db, access.conversation.id, actor.memberId!);
      res.redirect(303, conversationUrl(access.conversation.id));
    },

    async leave(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const access = await readableConversation(db, req, actor);
      ensure(canLeaveConversation(actor, access.participation));
      await leaveConversation(db, access.conversation.id, actor.memberId!);
      res.redirect(303, INBOX_URL);
    },

    async report(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const access = await readableConversation(db, req, actor);
      const number = parsePathNumber(req.params.messageNumber);
      const values = refillableValues(req.body, ['reason', 'note']);
      const message = await messageByNumber(db, access.conversation.id, number);
      if (!message) throw new NotFoundError('There is no such message.');
      try {
        ensure(canReportMessage(actor, message, access.participation));
        const form = parseForm(messageReportForm, req.body);
        await reportMessage(db, { messageId: message.id, reporterId: actor.memberId!, reason: form.reason, note: form.note, reportsPerHour: config.reportsPerHour });
        res.redirect(303, `${conversationUrl(access.conversation.id)}#${messageAnchor(number)}`);
      } catch (error) {
        const { status, errors } = refusal(error, res);
        await renderConversation(db, req, res, access, status, { values, errors, reportNumber: number });
      }
    },

    async block(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canUseMessages(actor));
      const form = parseForm(blockForm, req.body);
      const member = await findMemberByUsername(db, form.username);
      if (!member) throw new ValidationError({ username: 'There is no member with that name.' });
      const decision = canBlockMessagesFrom(actor, member);
      if (!decision.allowed) throw new ForbiddenError(decision.reason);
      await setMessageBlock(db, { blockerId: actor.memberId!, blockedId: member.id, blocked: form.action === 'block' });
      res.redirect(303, INBOX_URL);
    },
  };
}
