/**
 * Reading a long thread: the catch-up views (?view=staff, ?view=mine), the followed-threads page
 * and the thread's live event stream. HTTP in, one reader or service call, render out.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Database } from '../db';
import { BadRequestError } from '../errors';
import { Actor, canViewFollowedThreads, canViewOwnPostsCatchUp, ensure, listsHiddenThreads, viewerOf } from '../policies';
import { presentFollowedThreads } from '../presenters/followedThreads';
import { presentThreadPage } from '../presenters/thread';
import { threadUrl } from '../presenters/urls';
import { CatchUpKind, readCatchUp } from '../read/catchUp';
import { readFollowedThreads } from '../read/followedThreads';
import { readThread } from '../read/threadPage';
import { parsePathNumber } from './params';
import { ensureThreadVisible } from './visible';

const KINDS: Record<string, CatchUpKind> = { staff: 'staff', mine: 'mine' };
const CURSOR = /^[1-9][0-9]{0,9}$/;

/** ?after=N: absent is the start; anything that is not a post or thread number is a 400. */
function parseAfter(value: unknown): number | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !CURSOR.test(value)) throw new BadRequestError('"after" must be a number.');
  return Number(value);
}

export function createReadingController(db: Database) {
  return {
    /** The thread address with ?view=staff or ?view=mine; without a view it is the ordinary thread page (next route). */
    async catchUp(req: Request, res: Response, next: NextFunction): Promise<void> {
      if (req.query.view === undefined) return next();
      const kind = typeof req.query.view === 'string' ? KINDS[req.query.view] : undefined;
      if (!kind) throw new BadRequestError('The view must be "staff" or "mine".');
      const actor: Actor = res.locals.actor;
      if (kind === 'mine') ensure(canViewOwnPostsCatchUp(actor));
      const after = parseAfter(req.query.after) ?? 0;
      const { thread } = await readThread(db, parsePathNumber(req.params.threadId), actor.memberId);
      // Before the slug redirect, as on the thread page: a hidden title must not leak through it.
      ensureThreadVisible(actor, thread);
      const base = `${threadUrl(thread)}?view=${kind}`;
      if (req.params.slug !== thread.slug) {
        res.redirect(301, after > 0 ? `${base}&after=${after}` : base);
        return;
      }
      const rows = await readCatchUp(db, thread.id, kind, viewerOf(actor), after);
      const view = presentThreadPage({ thread, ...rows, page: 1, pageCount: 1 }, { actor, now: new Date() });
      const reportedPostIds = rows.posts.filter((post) => post.reportedByViewer).map((post) => post.id);
      res.render('reading/catchUp', {
        title: `${kind === 'staff' ? 'Staff answers' : 'Your posts and their answers'}: ${thread.title}`,
        canonicalUrl: base,
        kind,
        thread: view.thread,
        officialAnswer: view.officialAnswer,
        posts: view.posts,
        reportedPostIds,
        fullThreadUrl: threadUrl(thread),
        otherViewUrl: kind === 'staff' ? (canViewOwnPostsCatchUp(actor).allowed ? `${threadUrl(thread)}?view=mine` : null) : `${threadUrl(thread)}?view=staff`,
        nextUrl: rows.nextAfter !== null ? `${base}&after=${rows.nextAfter}` : null,
        firstPageUrl: after > 0 ? base : null,
      });
    },

    /** The threads the member follows, by latest activity, with "N new" on each. */
    async followed(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canViewFollowedThreads(actor));
      const after = parseAfter(req.query.after);
      const rows = await readFollowedThreads(db, actor.memberId!, { after, withHidden: listsHiddenThreads(actor) });
      res.render('reading/followed', { title: 'Followed threads', ...presentFollowedThreads(rows, after === null) });
    },
  };
}
