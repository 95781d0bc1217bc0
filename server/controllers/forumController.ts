/** The reading pages: home, board, thread and post permalink. HTTP in, one service call, render out. */
import type { Request, Response } from 'express';
import type { Database } from '../db';
import { NotFoundError } from '../errors';
import { presentBoardList, presentBoardPage, presentThreadPage } from '../presenters/forum';
import { postUrl, threadUrl } from '../presenters/urls';
import { getBoardPage, listBoards } from '../services/boards';
import { getThread, getThreadPage, pageOfPost } from '../services/threads';
import { parsePageQuery, parsePathNumber } from './params';

export function createForumController(db: Database) {
  return {
    async home(_req: Request, res: Response): Promise<void> {
      const boards = presentBoardList(await listBoards(db));
      res.render('forum/home', { title: null, boards });
    },

    async board(req: Request, res: Response): Promise<void> {
      const page = parsePageQuery(req.query.page);
      const view = presentBoardPage(await getBoardPage(db, String(req.params.boardSlug), page));
      res.render('forum/board', { title: view.board.name, ...view });
    },

    async thread(req: Request, res: Response): Promise<void> {
      const threadId = parsePathNumber(req.params.threadId);
      const page = parsePageQuery(req.query.page);
      const thread = await getThread(db, threadId);
      if (req.params.slug !== thread.slug) {
        res.redirect(301, threadUrl(thread, page));
        return;
      }
      const view = presentThreadPage(await getThreadPage(db, thread, page));
      res.render('forum/thread', { title: view.thread.title, canonicalUrl: threadUrl(thread, page), ...view });
    },

    /** /t/:id/:slug/:postNumber renders the page holding the post, marked as the target. */
    async post(req: Request, res: Response): Promise<void> {
      const threadId = parsePathNumber(req.params.threadId);
      const postNumber = parsePathNumber(req.params.postNumber);
      const thread = await getThread(db, threadId);
      if (postNumber > thread.lastPostNumber) throw new NotFoundError('This thread has no post with that number.');
      if (req.params.slug !== thread.slug) {
        res.redirect(301, postUrl(thread, postNumber));
        return;
      }
      const view = presentThreadPage(await getThreadPage(db, thread, pageOfPost(postNumber)), postNumber);
      res.render('forum/thread', { title: view.thread.title, canonicalUrl: postUrl(thread, postNumber), ...view });
    },
  };
}
