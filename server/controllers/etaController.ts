/** ETA notes: adding and closing them, a post's note history, and the staff ETA tracker. */
import type { Request, Response } from 'express';
import type { Database } from '../db';
import { ValidationError } from '../errors';
import { Actor, canAddEtaNote, canCloseEtaNote, canViewEtaTracker, ensure } from '../policies';
import { presentEtaNote } from '../presenters/eta';
import { presentAuthor } from '../presenters/members';
import { postAnchor, postUrl, threadUrl } from '../presenters/urls';
import { etaHistoryOf, HISTORY_LIMIT } from '../read/etaNotes';
import { openPromises, TRACKER_LIMIT } from '../read/etaTracker';
import { addEtaNote, closeEtaNote } from '../services/eta';
import { parsePromise } from '../services/etaPromise';
import { getPostForEditing } from '../services/revisions';
import { parseForm } from '../validation/forms';
import { etaCloseForm, etaNoteForm } from '../validation/staff';
import { parsePathNumber } from './params';
import { ensurePostReadable } from './visible';
import { renderStaffForm, sent } from './staffForm';

export function createEtaController(db: Database) {
  return {
    async add(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const post = await getPostForEditing(db, parsePathNumber(req.params.postId));
      ensure(canAddEtaNote(actor, post.author ?? null));
      const permalink = `${postUrl(post.thread!, post.number)}#${postAnchor(post.number)}`;
      try {
        const form = parseForm(etaNoteForm, req.body);
        const now = new Date();
        const promise = parsePromise({ window: form.window, due: form.due }, now);
        await addEtaNote(db, { postId: post.id, authorId: actor.memberId!, source: form.text, ...promise, at: now });
        res.redirect(303, permalink);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        renderStaffForm(res, 422, {
          title: `Add an ETA note to post ${post.number}`,
          action: req.originalUrl,
          submitLabel: 'Add ETA note',
          backUrl: permalink,
          errors: error.fieldErrors,
          fields: [
            { name: 'text', label: 'Note', type: 'textarea', value: sent(req.body, 'text'), required: true },
            { name: 'window', label: 'Promised window from now', type: 'text', value: sent(req.body, 'window'), hint: 'For example "24-48 hours" or "3 days".' },
            { name: 'due', label: 'Or a date', type: 'date', value: sent(req.body, 'due') },
          ],
        });
      }
    },

    async close(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canCloseEtaNote(actor));
      const noteId = parsePathNumber(req.params.noteId);
      try {
        const form = parseForm(etaCloseForm, req.body);
        const note = await closeEtaNote(db, {
          noteId,
          closedById: actor.memberId!,
          outcome: form.outcome,
          followUpPostNumber: form.followUp,
          reason: form.reason,
        });
        const post = await getPostForEditing(db, note.postId);
        res.redirect(303, `${postUrl(post.thread!, post.number)}#${postAnchor(post.number)}`);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        renderStaffForm(res, 422, {
          title: 'Close an ETA note',
          action: req.originalUrl,
          submitLabel: 'Close the note',
          backUrl: '/staff/eta',
          errors: error.fieldErrors,
          fields: [
            { name: 'outcome', label: 'Outcome', type: 'select', value: sent(req.body, 'outcome'), options: [
              { value: 'kept', label: 'Kept' }, { value: 'withdrawn', label: 'Withdrawn' }] },
            { name: 'followUp', label: 'Follow-up post number (kept)', type: 'number', value: sent(req.body, 'followUp') },
            { name: 'reason', label: 'Reason (withdrawn)', type: 'text', value: sent(req.body, 'reason') },
          ],
        });
      }
    },

    async history(req: Request, res: Response): Promise<void> {
      const post = await getPostForEditing(db, parsePathNumber(req.params.postId));
      ensurePostReadable(res.locals.actor, post, post.thread!);
      const now = new Date();
      const history = await etaHistoryOf(db, post.id);
      const notes = history.notes.map((note) => presentEtaNote(note, now));
      res.render('staff/etaHistory', {
        title: `ETA notes on post ${post.number}`,
        thread: { title: post.thread!.title, url: threadUrl(post.thread!) },
        post: { number: post.number, url: `${postUrl(post.thread!, post.number)}#${postAnchor(post.number)}` },
        notes,
        // Only past the bound, so the page (and its JSON) is as before below it.
        ...(history.more ? { shownLimit: HISTORY_LIMIT } : {}),
      });
    },

    async tracker(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canViewEtaTracker(actor));
      const show = req.query.show === 'mine' ? 'mine' : 'all';
      const now = new Date();
      const { promises: notes, more } = await openPromises(db, { authorId: show === 'mine' ? actor.memberId : null });
      const promises = notes.map((note) => ({
        note: presentEtaNote(note, now),
        thread: { title: note.thread.title, url: threadUrl(note.thread) },
        post: { number: note.post.number, url: `${postUrl(note.thread, note.post.number)}#${postAnchor(note.post.number)}`, excerpt: note.post.excerpt },
        promisedBy: note.author ? presentAuthor(note.author) : null,
      }));
      res.render('staff/etaTracker', {
        title: 'ETA tracker',
        show,
        promises,
        overdueCount: promises.filter((promise) => promise.note.overdue).length,
        // Only past the bound, so the page (and its JSON) is as before below it.
        ...(more ? { shownLimit: TRACKER_LIMIT } : {}),
      });
    },
  };
}
