/** Bookmarks: one post's bookmark page and form, and the member's list. HTTP in, one service call, page or redirect out. */
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Database } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import { Actor, canKeepBookmarks, ensure, isStaff } from '../policies';
import { presentBookmark, utcInputValue } from '../presenters/bookmarks';
import { timeView } from '../presenters/forum';
import { postAnchor, postUrl } from '../presenters/urls';
import { listBookmarks, readBookmarkTarget, removeBookmark, saveBookmark } from '../services/bookmarks';
import { parseForm } from '../validation/forms';
import { parseCursorQuery, parsePathNumber } from './params';
import { ensurePostReadable } from './visible';

// A datetime-local value, read as UTC (the page says so): "2026-12-03T10:00".
const bookmarkForm = z.object({
  remindAt: z
    .string()
    .optional()
    .transform((value, context) => {
      if (!value || value.trim() === '') return null;
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value.trim())) {
        context.addIssue({ code: z.ZodIssueCode.custom, message: 'Give the reminder as a date and time, e.g. 2026-12-03T10:00.' });
        return z.NEVER;
      }
      const date = new Date(`${value.trim()}:00Z`);
      if (Number.isNaN(date.getTime())) {
        context.addIssue({ code: z.ZodIssueCode.custom, message: 'That is not a date.' });
        return z.NEVER;
      }
      return date;
    }),
});

export function createBookmarkController(db: Database) {
  async function readableTarget(req: Request, res: Response) {
    const actor: Actor = res.locals.actor;
    ensure(canKeepBookmarks(actor));
    const target = await readBookmarkTarget(db, parsePathNumber(req.params.postId), actor.memberId!);
    if (!target) throw new NotFoundError('That post does not exist.');
    ensurePostReadable(actor, target.post, target.thread);
    return target;
  }

  function renderPage(res: Response, status: number, target: NonNullable<Awaited<ReturnType<typeof readBookmarkTarget>>>, errors: Record<string, string>, remindAtValue: string): void {
    res.status(status).render('members/bookmark', {
      title: `Bookmark post ${target.post.number}`,
      post: {
        id: target.post.id,
        number: target.post.number,
        url: `${postUrl(target.thread, target.post.number)}#${postAnchor(target.post.number)}`,
        threadTitle: target.thread.title,
        excerpt: target.post.excerpt,
      },
      bookmark: target.bookmark
        ? { reminder: target.bookmark.remindAt ? { at: timeView(target.bookmark.remindAt), sent: target.bookmark.remindedAt !== null } : null }
        : null,
      values: { remindAt: remindAtValue },
      errors,
    });
  }

  return {
    async page(req: Request, res: Response): Promise<void> {
      const target = await readableTarget(req, res);
      renderPage(res, 200, target, {}, utcInputValue(target.bookmark?.remindAt ?? null));
    },

    async save(req: Request, res: Response): Promise<void> {
      const target = await readableTarget(req, res);
      try {
        const { remindAt } = parseForm(bookmarkForm, req.body);
        await saveBookmark(db, { memberId: res.locals.actor.memberId, postId: target.post.id, remindAt });
        res.redirect(303, '/bookmarks');
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        renderPage(res, 422, target, error.fieldErrors, typeof req.body?.remindAt === 'string' ? req.body.remindAt : '');
      }
    },

    async remove(req: Request, res: Response): Promise<void> {
      const target = await readableTarget(req, res);
      await removeBookmark(db, { memberId: res.locals.actor.memberId, postId: target.post.id });
      res.redirect(303, '/bookmarks');
    },

    async list(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canKeepBookmarks(actor));
      const before = parseCursorQuery(req.query.before);
      const { bookmarks, nextBefore } = await listBookmarks(db, { memberId: actor.memberId!, isStaff: isStaff(actor) }, before);
      res.render('members/bookmarks', {
        title: 'Bookmarks',
        bookmarks: bookmarks.map(presentBookmark),
        nextUrl: nextBefore ? `/bookmarks?before=${nextBefore}` : null,
      });
    },
  };
}
