/**
 * Kudos and accepted solutions over HTTP: giving or taking back a kudo (a plain form, answered
 * in JSON with the new count when the page's script asks), the "who gave kudos" page, and
 * accepting a reply as the solution. HTTP in, one service call, redirect or render out.
 */
import type { Request, Response } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { BadRequestError, ForbiddenError, TooManyRequestsError } from '../errors';
import { Actor, canAcceptSolution, canGiveKudos } from '../policies';
import { kudosLabel, kudosUrl } from '../presenters/kudos';
import { presentGiversPage } from '../presenters/kudosGivers';
import { postAnchor, postUrl } from '../presenters/urls';
import { createKudosLimit, giversOf, kudoStateOf, setKudo } from '../services/kudos';
import { getPostForEditing } from '../services/revisions';
import { acceptSolution, solutionTarget } from '../services/solutions';
import { parseCursorQuery, parsePathNumber } from './params';
import { ensurePostReadable, ensureThreadVisible } from './visible';

function parsePostNumber(value: unknown): number {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,8}$/.test(value)) throw new BadRequestError('Choose the reply to accept (its post number).');
  return Number(value);
}

/** The page's script sends Accept: application/json; a plain form post gets the redirect. */
function wantsJsonAnswer(req: Request): boolean {
  return req.accepts(['text/html', 'application/json']) === 'application/json';
}

export function createKudosController(db: Database, config: Pick<Config, 'kudosPerHour'>) {
  const kudosLimit = createKudosLimit(db, config.kudosPerHour);

  async function readablePost(req: Request, res: Response) {
    const post = await getPostForEditing(db, parsePathNumber(req.params.postId));
    ensurePostReadable(res.locals.actor, post, post.thread!);
    return post;
  }

  return {
    /** POST /posts/:postId/kudos with give=1 (give) or give=0 (take back). */
    async give(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const post = await readablePost(req, res);
      const decision = canGiveKudos(actor, post, post.thread!);
      if (!decision.allowed) throw new ForbiddenError(decision.reason);
      const give = req.body?.give !== '0';
      try {
        await kudosLimit(actor.memberId!);
      } catch (error) {
        if (error instanceof TooManyRequestsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
        throw error;
      }
      const result = await setKudo(db, { postId: post.id, memberId: actor.memberId!, give });
      if (wantsJsonAnswer(req)) {
        res.json({ postId: post.id, count: result.count, label: kudosLabel(result.count), given: result.given, changed: result.changed, url: kudosUrl(post.id) });
        return;
      }
      res.redirect(303, `${postUrl(post.thread!, post.number)}#${postAnchor(post.number)}`);
    },

    /** GET /posts/:postId/kudos?before=<cursor>: who gave kudos, newest first. */
    async givers(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const post = await readablePost(req, res);
      const before = parseCursorQuery(req.query.before);
      const page = await giversOf(db, post.id, before);
      const state = await kudoStateOf(db, post.id, actor.memberId);
      const view = presentGiversPage(post, page, { before, given: state.given, kudoCount: state.count, canGive: canGiveKudos(actor, post, post.thread!).allowed });
      res.render('kudos/givers', { title: `Kudos for post ${post.number} of ${post.thread!.title}`, ...view });
    },

    /** POST /t/:threadId/solution with postNumber: accept that reply as the thread's solution. */
    async accept(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const threadId = parsePathNumber(req.params.threadId);
      const postNumber = parsePostNumber(req.body?.postNumber);
      const target = await solutionTarget(db, threadId, postNumber);
      const thread = { authorId: target.threadAuthorId, hiddenAt: target.threadHiddenAt };
      ensureThreadVisible(actor, thread);
      ensurePostReadable(actor, target.post, thread);
      const decision = canAcceptSolution(actor, { thread: { ...thread, isQa: target.isQa }, post: target.post });
      if (!decision.allowed) throw new ForbiddenError(decision.reason);
      await acceptSolution(db, { target, actorId: actor.memberId! });
      res.redirect(303, `${postUrl({ id: target.threadId, slug: target.threadSlug }, postNumber)}#${postAnchor(postNumber)}`);
    },
  };
}
