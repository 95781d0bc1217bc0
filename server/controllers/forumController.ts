/** The reading pages: home, board, thread and post permalink. HTTP in, one service call, render out. */
import type { Request, Response } from 'express';
import type { Database } from '../db';
import { BadRequestError, NotFoundError } from '../errors';
import { canViewBadgeStatus, isStaff, listsHiddenThreads, tracksReading, viewerOf } from '../policies';
import { presentBoardList } from '../presenters/forum';
import { presentBoardPage } from '../presenters/boardPage';
import { presentThreadPage } from '../presenters/thread';
import { presentHomeExtras } from '../presenters/homeExtras';
import { readHomeExtras } from '../read/homeExtras';
import { currentStatuses } from '../services/badges/citations';
import { overduePromisesOnThread } from '../services/eta';
import { boardPlaceUrl, postAnchor, postUrl, threadUrl } from '../presenters/urls';
import { listBoardChoices } from '../services/boards';
import { boardPlaceOfPage, BoardPlace, MAX_NUMBERED_PAGES, readBoardList, readBoardPage } from '../read/boardPages';
import { pageOfPost } from '../services/threads';
import { readThread, readThreadPage, ThreadRead } from '../read/threadPage';
import { readThreadPanel, threadKudosOf } from '../read/threadKudos';
import { presentThreadKudos } from '../presenters/kudos';
import { unreadOf } from '../presenters/reading';
import { readThreadDesk } from '../read/threadDesk';
import { parsePageQuery, parsePathNumber, parseThreadCursor } from './params';
import { ensureThreadVisible } from './visible';
import { readingOfThreadPage } from './reading/threadPageReading';

/** ?page=N, ?after=<cursor> (older), ?before=<cursor> (newer) or ?oldest; two places at once are a 400. */
function boardPlaceOf(query: Request['query']): BoardPlace {
  const older = parseThreadCursor(query.after, 'after');
  const newer = parseThreadCursor(query.before, 'before');
  const oldest = query.oldest !== undefined;
  if ([older, newer, query.page].filter((each) => each !== null && each !== undefined).length + (oldest ? 1 : 0) > 1) {
    throw new BadRequestError('A board page is one of ?page, ?after, ?before or ?oldest.');
  }
  if (older) return { kind: 'older', than: older };
  if (newer) return { kind: 'newer', than: newer };
  if (oldest) return { kind: 'oldest' };
  return { kind: 'page', page: parsePageQuery(query.page) };
}

export function createForumController(db: Database) {
  /**
   * The thread page, with the staff-only count of overdue promises on it. After the thread (read
   * by the caller) come two rounds of reads in parallel: the posts and the kudos panel, then what
   * the posts call for (badge statuses, questions) with the staff-only counts.
   */
  async function renderThread(res: Response, read: ThreadRead, page: number, targetPostNumber: number | null, canonicalUrl: string): Promise<void> {
    const { thread, following, position } = read;
    const actor = res.locals.actor;
    const now = new Date();
    const staff = isStaff(actor);
    const [data, panel] = await Promise.all([readThreadPage(db, thread, page, actor.memberId), readThreadPanel(db, actor, thread)]);
    // "Now: …" on a cited status is for the cited member and staff: load only what they may see.
    const citedMembers = [...data.citationsByPost.values()].flat().map((citation) => citation.memberId)
      .filter((memberId) => canViewBadgeStatus(actor, { id: memberId }).allowed);
    const [currentBadgeStatuses, desk, overdueEtaCount, boards] = await Promise.all([
      currentStatuses(db, citedMembers, now),
      readThreadDesk(db, actor, thread, data.posts, now),
      staff ? overduePromisesOnThread(db, thread.id, now) : 0,
      staff ? listBoardChoices(db) : [],
    ]);
    const plainView = presentThreadPage(data, { actor, now, targetPostNumber, currentBadgeStatuses });
    const view = presentThreadKudos(plainView, threadKudosOf(thread, data.posts, panel), thread, actor);
    // "You reported this post": only the viewer's own open reports, read with the posts.
    const reportedPostIds = data.posts.filter((post) => post.reportedByViewer).map((post) => post.id);
    const reading = readingOfThreadPage(db, res, thread, data.posts, position);
    res.render('forum/thread', {
      reportedPostIds,
      reading,
      desk,
      title: view.thread.title,
      canonicalUrl,
      feedUrl: `/t/${thread.id}/feed.atom`,
      overdueEtaCount,
      boards,
      following,
      ...view,
    });
  }

  return {
    async home(_req: Request, res: Response): Promise<void> {
      const { actor } = res.locals;
      // One round of statements: the board list carries the read positions its "N new" needs.
      const [rows, extras] = await Promise.all([
        readBoardList(db, tracksReading(actor) ? actor.memberId : null),
        readHomeExtras(db, viewerOf(actor), { withHiddenThreads: listsHiddenThreads(actor) }),
      ]);
      const boards = presentBoardList(rows);
      const unreadMarks = rows.map(({ lastThread }) => (lastThread && lastThread.viewerPosition !== null ? unreadOf(lastThread, lastThread.viewerPosition) : null));
      res.render('forum/home', { title: null, feedUrl: '/feeds/official-answers.atom', boards, unreadMarks, ...presentHomeExtras(extras) });
    },

    async board(req: Request, res: Response): Promise<void> {
      const slug = String(req.params.boardSlug);
      const { actor } = res.locals;
      const withHidden = listsHiddenThreads(actor);
      const place = boardPlaceOf(req.query);
      if (place.kind === 'page' && place.page > MAX_NUMBERED_PAGES) {
        // An old link to a deep numbered page: its place by keyset now.
        const moved = await boardPlaceOfPage(db, slug, place.page, { withHidden });
        if (!moved) throw new NotFoundError('This board has no page with that number.');
        res.redirect(302, boardPlaceUrl(slug, moved));
        return;
      }
      const data = await readBoardPage(db, slug, place, tracksReading(actor) ? actor.memberId : null, { withHidden });
      const view = presentBoardPage(data);
      res.render('forum/board', { title: view.board.name, feedUrl: `/b/${data.board.slug}/feed.atom`, following: data.following, ...view });
    },

    async thread(req: Request, res: Response): Promise<void> {
      const threadId = parsePathNumber(req.params.threadId);
      const page = parsePageQuery(req.query.page);
      const read = await readThread(db, threadId, res.locals.actor.memberId);
      // Before the slug redirect: a hidden thread's title (in its slug) must not leak through it.
      ensureThreadVisible(res.locals.actor, read.thread);
      if (req.params.slug !== read.thread.slug) {
        res.redirect(301, threadUrl(read.thread, page));
        return;
      }
      await renderThread(res, read, page, null, threadUrl(read.thread, page));
    },

    /** /t/:id/:slug/:postNumber renders the page holding the post, marked as the target. */
    async post(req: Request, res: Response): Promise<void> {
      const threadId = parsePathNumber(req.params.threadId);
      const postNumber = parsePathNumber(req.params.postNumber);
      const read = await readThread(db, threadId, res.locals.actor.memberId);
      const { thread } = read;
      ensureThreadVisible(res.locals.actor, thread);
      if (postNumber > thread.lastPostNumber) throw new NotFoundError('This thread has no post with that number.');
      if (req.params.slug !== thread.slug) {
        // With the fragment: without JavaScript the browser scrolls only to a #pN it is given.
        res.redirect(301, `${postUrl(thread, postNumber)}#${postAnchor(postNumber)}`);
        return;
      }
      await renderThread(res, read, pageOfPost(postNumber), postNumber, postUrl(thread, postNumber));
    },
  };
}
