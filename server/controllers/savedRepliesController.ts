/** Saved replies over HTTP: the managers' list, with forms to add, change and delete one. */
import type { Request, Response } from 'express';
import type { Database } from '../db';
import { ValidationError } from '../errors';
import { Actor, canManageSavedReplies, ensure } from '../policies';
import { timeView } from '../presenters/forum';
import { createSavedReply, deleteSavedReply, getSavedReply, listSavedReplies, MAX_SAVED_REPLIES, PLACEHOLDERS, updateSavedReply } from '../services/questions/savedReplies';
import { parseForm, refillableValues } from '../validation/forms';
import { savedReplyForm } from '../validation/questions';
import { parsePathNumber } from './params';

export function createSavedRepliesController(db: Database) {
  async function renderList(res: Response, status: number, state: { values: Record<string, string>; errors: Record<string, string> }): Promise<void> {
    const replies = await listSavedReplies(db);
    res.status(status).render('staff/savedReplies', {
      title: 'Saved replies',
      placeholders: PLACEHOLDERS,
      limit: MAX_SAVED_REPLIES,
      replies: replies.map((reply) => ({ ...reply, updatedAt: timeView(reply.updatedAt), editUrl: `/staff/saved-replies/${reply.id}/edit` })),
      ...state,
    });
  }

  function renderEdit(res: Response, status: number, id: number, state: { values: Record<string, string>; errors: Record<string, string> }): void {
    res.status(status).render('staff/savedReplyEdit', { title: 'Edit a saved reply', action: `/staff/saved-replies/${id}`, deleteAction: `/staff/saved-replies/${id}/delete`, placeholders: PLACEHOLDERS, ...state });
  }

  return {
    async list(_req: Request, res: Response): Promise<void> {
      ensure(canManageSavedReplies(res.locals.actor));
      await renderList(res, 200, { values: { title: '', source: '' }, errors: {} });
    },

    async create(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canManageSavedReplies(actor));
      const values = refillableValues(req.body, ['title', 'source']);
      try {
        const form = parseForm(savedReplyForm, req.body);
        await createSavedReply(db, { ...form, editorId: actor.memberId! });
        res.redirect(303, '/staff/saved-replies');
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        await renderList(res, 422, { values, errors: error.fieldErrors });
      }
    },

    async editPage(req: Request, res: Response): Promise<void> {
      ensure(canManageSavedReplies(res.locals.actor));
      const reply = await getSavedReply(db, parsePathNumber(req.params.replyId));
      renderEdit(res, 200, reply.id, { values: { title: reply.title, source: reply.source }, errors: {} });
    },

    async update(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canManageSavedReplies(actor));
      const id = parsePathNumber(req.params.replyId);
      const values = refillableValues(req.body, ['title', 'source']);
      try {
        const form = parseForm(savedReplyForm, req.body);
        await updateSavedReply(db, id, { ...form, editorId: actor.memberId! });
        res.redirect(303, '/staff/saved-replies');
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        renderEdit(res, 422, id, { values, errors: error.fieldErrors });
      }
    },

    async remove(req: Request, res: Response): Promise<void> {
      ensure(canManageSavedReplies(res.locals.actor));
      await deleteSavedReply(db, parsePathNumber(req.params.replyId));
      res.redirect(303, '/staff/saved-replies');
    },
  };
}
