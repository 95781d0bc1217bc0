/** Staff work on conversations with the team: the staff inbox, colleagues, states, notes, and reported messages. */
import type { Request, Response } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { Actor, canAddParticipant, canResolveConversation, canUseStaffNotes, canViewStaffInbox, ensure } from '../policies';
import { conversationUrl, presentStaffInbox } from '../presenters/messages';
import { addColleague, addStaffNote, changeConversationState } from '../services/messages/participation';
import { parseInboxCursor, participantsOf, STAFF_INBOX_STATES, staffInboxPage, type StaffInboxState } from '../services/messages/read';
import { closeMessageReports } from '../services/messages/reports';
import { parseForm, refillableValues } from '../validation/forms';
import { colleagueForm, messageReviewForm, noteForm, stateForm } from '../validation/messages';
import { renderConversation } from './conversationPage';
import { readableConversation, refusal } from './messagesController';
import { parsePathNumber } from './params';

export function createConversationStaffController(db: Database, config: Pick<Config, 'messageLimits'>) {
  return {
    async inbox(req: Request, res: Response): Promise<void> {
      ensure(canViewStaffInbox(res.locals.actor));
      const state: StaffInboxState = STAFF_INBOX_STATES.includes(req.query.state as StaffInboxState) ? (req.query.state as StaffInboxState) : 'open';
      const { rows, next } = await staffInboxPage(db, state, parseInboxCursor(req.query.before));
      const participants = await participantsOf(db, rows.map((row) => row.id));
      res.render('messages/staffInbox', { title: 'Staff inbox', states: STAFF_INBOX_STATES, ...presentStaffInbox(rows, participants, state, next) });
    },

    async addColleague(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const access = await readableConversation(db, req, actor);
      const values = refillableValues(req.body, ['username']);
      try {
        ensure(canAddParticipant(actor, access.conversation));
        const form = parseForm(colleagueForm, req.body);
        await addColleague(db, { conversationId: access.conversation.id, username: form.username, maxParticipants: config.messageLimits.maxParticipants });
        res.redirect(303, conversationUrl(access.conversation.id));
      } catch (error) {
        const { status, errors } = refusal(error, res);
        await renderConversation(db, req, res, access, status, { values, errors });
      }
    },

    async changeState(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const access = await readableConversation(db, req, actor);
      try {
        ensure(canResolveConversation(actor, access.conversation));
        const form = parseForm(stateForm, req.body);
        await changeConversationState(db, { conversationId: access.conversation.id, action: form.action, actorId: actor.memberId! });
        res.redirect(303, conversationUrl(access.conversation.id));
      } catch (error) {
        const { status, errors } = refusal(error, res);
        await renderConversation(db, req, res, access, status, { values: {}, errors });
      }
    },

    async addNote(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const access = await readableConversation(db, req, actor);
      const values = refillableValues(req.body, ['text']);
      try {
        ensure(canUseStaffNotes(actor, access.conversation));
        const form = parseForm(noteForm, req.body);
        await addStaffNote(db, { conversationId: access.conversation.id, authorId: actor.memberId!, text: form.text });
        res.redirect(303, `${conversationUrl(access.conversation.id)}#staff-notes`);
      } catch (error) {
        const { status, errors } = refusal(error, res);
        await renderConversation(db, req, res, access, status, { values, errors });
      }
    },

    /** Closing a reported message's reports from the review queue: dismissed, or acted on (a sanction is set from the profile). */
    async review(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canViewStaffInbox(actor));
      const messageId = parsePathNumber(req.params.messageId);
      const form = parseForm(messageReviewForm, req.body);
      await closeMessageReports(db, { messageId, outcome: form.action === 'dismiss' ? 'dismissed' : 'actioned', actorId: actor.memberId! });
      res.redirect(303, '/staff/review#message-reports');
    },
  };
}
