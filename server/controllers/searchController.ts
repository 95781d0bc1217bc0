/** The search page: query string in, one search, results page out. Public, and changes nothing. */
import type { Request, Response } from 'express';
import type { Database } from '../db';
import { Actor, canSearchHiddenPosts, canViewProfileDetails } from '../policies';
import { presentSearch } from '../presenters/search';
import { searchForum } from '../services/search';
import { parseSearchParams } from '../validation/search';
import { unreadMarksInOrder } from './reading/listUnread';

export function createSearchController(db: Database) {
  return {
    async search(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const { params, notices } = parseSearchParams(req.query);
      const outcome = await searchForum(db, {
        text: params.q,
        boardSlug: params.board,
        authorUsername: params.author,
        staffOnly: params.staff,
        officialOnly: params.official,
        fromDay: params.from,
        toDay: params.to,
        sort: params.sort,
        page: params.page,
        exact: params.exact,
        includeHidden: canSearchHiddenPosts(actor).allowed,
        // An author filter lists a member's posts, as their profile does: the same privacy applies.
        mayFilterByAuthor: (member) => canViewProfileDetails(actor, member).allowed,
      });
      const view = presentSearch(outcome, params, notices);
      const unreadMarks = await unreadMarksInOrder(db, actor, outcome.hits.map((hit) => hit.thread.id));
      res.render('search/results', { ...view, searchQuery: view.query, unreadMarks });
    },
  };
}
