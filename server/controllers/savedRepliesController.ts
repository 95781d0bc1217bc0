/** Saved replies over HTTP: the managers' list, with forms to add, change and delete one. */
import type { Request, Response } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { TooManyRequestsError, ValidationError } from '../errors';
import { Actor, canManageSavedReplies, ensure } from '../policies';
import { timeView } from '../presenters/forum';
import { createSavedReplyLimit } from '../services/deskLimits';
import { createSavedReply, deleteSavedReply, getSavedReply, listSavedReplies, MAX_SAVED_REPLIES, PLACEHOLDERS, updateSavedReply } from '../services/questions/savedReplies';
import { parseForm, refillableValues } from '../validation/forms';
import { savedReplyForm } from '../validation/questions';
import { parsePathNumber } from './params';

/** The status and form message of a refused save: 422 for bad input, 429 over the limit (Retry-After set). */
function refusal(error: unknown, res: Response): { status: number; errors: Record<string, string> } {
  if (error instanceof ValidationError) return { status: 422, errors: error.fieldErrors };
  if (error instanceof TooManyRequestsError) {
    res.setHeader('Retry-After', String(error.retryAfterSeconds));
    return { status: 429, errors: { form: `${error.publicMessage} Your text is kept below.` } };
  }
  throw error;
}

export function createSavedRepliesController(db: Database, config: Pick<Config, 'deskLimits'>) {
  const countWrite = createSavedReplyLimit(db, config.deskLimits.savedReplyWritesPer10Minutes);
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
        await countWrite(actor.memberId!);
        await createSavedReply(db, { ...form, editorId: actor.memberId! });
        res.redirect(303, '/staff/saved-replies');
      } catch (error) {
        const { status, errors } = refusal(error, res);
        await renderList(res, status, { values, errors });
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
        await countWrite(actor.memberId!);
        await updateSavedReply(db, id, { ...form, editorId: actor.memberId! });
        res.redirect(303, '/staff/saved-replies');
      } catch (error) {
        const { status, errors } = refusal(error, res);
        renderEdit(res, status, id, { values, errors });
      }
    },

    async remove(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canManageSavedReplies(actor));
      const id = parsePathNumber(req.params.replyId);
      try {
        await countWrite(actor.memberId!);
      } catch (error) {
        // Refused: the edit page again, with the reply as it is and the reason.
        const { status, errors } = refusal(error, res);
        const reply = await getSavedReply(db, id);
        renderEdit(res, status, reply.id, { values: { title: reply.title, source: reply.source }, errors });
        return;
      }
      // Deleting one already gone is done (as before the limit).
      await deleteSavedReply(db, id);
      res.redirect(303, '/staff/saved-replies');
    },
  };
}
