/** The staff Q&A desk over HTTP: the questions queue, the desk's actions on a post, the dashboard and its CSV. */
import type { Request, Response } from 'express';
import type { Config } from '../config';
import type { Database } from '../db';
import { BadRequestError, TooManyRequestsError, ValidationError } from '../errors';
import { Actor, canManageQuestions, canViewQuestionDashboard, ensure, viewerOf } from '../policies';
import { presentDashboard } from '../presenters/dashboard';
import { presentQueueRow } from '../presenters/questions';
import { postAnchor, postUrl } from '../presenters/urls';
import { currentStatuses } from '../services/badges/citations';
import { listBoardChoices } from '../services/boards';
import { createQuestionActionLimit } from '../services/deskLimits';
import { exportQuestions, MAX_RANGE_DAYS } from '../services/questions/dashboard';
import { createDashboardCache } from '../services/questions/dashboardCache';
import { questionsCsv } from '../services/questions/csvExport';
import { listOpenQuestions, listRecentlyAnswered } from '../services/questions/queue';
import { claimQuestion, markAnsweredBy, markAsQuestion, markNotNeeded, releaseClaim, unmarkQuestion } from '../services/questions/staffActions';
import { getPostForEditing } from '../services/revisions';
import { parseForm, refillableValues } from '../validation/forms';
import { markAnsweredForm, notNeededForm, parseDashboardRange, queueFilterQuery } from '../validation/questions';
import { parsePathNumber } from './params';
import { timeView } from '../presenters/forum';

/** A desk form's typed fields, shown again on the 429 page so nothing typed is lost. */
interface Resend {
  button: string;
  field: { name: 'reason' | 'answer'; label: string; type: 'text' | 'number' };
}

const RESEND: Record<'answered' | 'notNeeded', Resend> = {
  answered: { button: 'Mark answered', field: { name: 'answer', label: 'Answered in post', type: 'number' } },
  notNeeded: { button: 'No answer needed', field: { name: 'reason', label: 'Reason', type: 'text' } },
};

export function createDeskController(db: Database, config: Pick<Config, 'questionClaimMinutes' | 'deskLimits' | 'dashboardCacheSeconds'>) {
  const countAction = createQuestionActionLimit(db, config.deskLimits.questionActionsPer10Minutes);
  const dashboardOf = createDashboardCache(db, config.dashboardCacheSeconds);

  /** Back to where the action was taken: the queue, or the post on its thread page. */
  async function backTo(req: Request, res: Response, postId: number): Promise<void> {
    if (req.body?.returnTo === 'queue') {
      res.redirect(303, '/staff/questions');
      return;
    }
    const post = await getPostForEditing(db, postId);
    res.redirect(303, `${postUrl(post.thread!, post.number)}#${postAnchor(post.number)}`);
  }

  /**
   * A desk action on a post: staff only, on a post that exists, within the staff member's limit.
   * Over it, answers 429 with a page that says so, keeps what the form typed, and returns null.
   */
  async function deskPost(req: Request, res: Response, resend?: Resend): Promise<number | null> {
    ensure(canManageQuestions(res.locals.actor));
    const postId = parsePathNumber(req.params.postId);
    const post = await getPostForEditing(db, postId);
    try {
      await countAction(res.locals.actor.memberId);
    } catch (error) {
      if (!(error instanceof TooManyRequestsError)) throw error;
      const toQueue = req.body?.returnTo === 'queue';
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
      res.status(429).render('staff/deskRefused', {
        title: 'Too many requests',
        message: error.publicMessage,
        resend: resend ? { ...resend, action: req.path, value: refillableValues(req.body, [resend.field.name])[resend.field.name] ?? '', returnTo: toQueue ? 'queue' : null } : null,
        back: toQueue ? { url: '/staff/questions', text: 'Back to the questions queue' } : { url: `${postUrl(post.thread!, post.number)}#${postAnchor(post.number)}`, text: 'Back to the post' },
      });
      return null;
    }
    return postId;
  }

  return {
    async queue(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canManageQuestions(actor));
      const filter = queueFilterQuery.parse(req.query);
      const now = new Date();
      const viewer = viewerOf(actor);
      // Each read is a bounded range of a queue index (services/questions/queue.ts); the three run at once.
      const [{ questions, hasMore }, answered, boards] = await Promise.all([
        listOpenQuestions(db, viewer, {
          boardId: filter.board,
          threadId: filter.thread,
          mineId: filter.show === 'mine' ? actor.memberId : null,
          unclaimed: filter.show === 'unclaimed',
          olderThanHours: filter.olderThan,
          after: filter.after,
        }, { now }),
        listRecentlyAnswered(db, viewer, { boardId: filter.board, threadId: filter.thread }, now),
        listBoardChoices(db),
      ]);
      const statuses = await currentStatuses(db, [...questions, ...answered].flatMap((question) => (question.author ? [question.author.id] : [])), now);
      const last = questions[questions.length - 1];
      const keep = new URLSearchParams();
      if (filter.board) keep.set('board', String(filter.board));
      if (filter.thread) keep.set('thread', String(filter.thread));
      if (filter.show !== 'all') keep.set('show', filter.show);
      if (filter.olderThan) keep.set('olderThan', String(filter.olderThan));
      const nextParams = new URLSearchParams(keep);
      if (last) nextParams.set('after', `${last.askedAt.getTime()}-${last.postId}`);
      res.render('staff/questions', {
        title: 'Questions awaiting staff',
        filter: { board: filter.board, thread: filter.thread, show: filter.show, olderThan: filter.olderThan, query: keep.toString() },
        boards,
        open: questions.map((question) => presentQueueRow(question, actor, statuses, now)),
        answered: answered.map((question) => presentQueueRow(question, actor, statuses, now)),
        nextUrl: hasMore && last ? `/staff/questions?${nextParams.toString()}` : null,
        firstPageUrl: filter.after ? `/staff/questions${keep.toString() ? `?${keep.toString()}` : ''}` : null,
      });
    },

    async mark(req: Request, res: Response): Promise<void> {
      const postId = await deskPost(req, res);
      if (postId === null) return;
      await markAsQuestion(db, { postId });
      await backTo(req, res, postId);
    },

    async unmark(req: Request, res: Response): Promise<void> {
      const postId = await deskPost(req, res);
      if (postId === null) return;
      await unmarkQuestion(db, postId);
      await backTo(req, res, postId);
    },

    async claim(req: Request, res: Response): Promise<void> {
      const postId = await deskPost(req, res);
      if (postId === null) return;
      await claimQuestion(db, { postId, staffId: res.locals.actor.memberId, timeoutMinutes: config.questionClaimMinutes });
      await backTo(req, res, postId);
    },

    async release(req: Request, res: Response): Promise<void> {
      const postId = await deskPost(req, res);
      if (postId === null) return;
      await releaseClaim(db, { postId, staffId: res.locals.actor.memberId });
      await backTo(req, res, postId);
    },

    async answered(req: Request, res: Response): Promise<void> {
      const postId = await deskPost(req, res, RESEND.answered);
      if (postId === null) return;
      const form = parseFormOr400(() => parseForm(markAnsweredForm, req.body));
      await markAnsweredBy(db, { postId, answerNumber: form.answer }).catch(rethrowAs400);
      await backTo(req, res, postId);
    },

    async notNeeded(req: Request, res: Response): Promise<void> {
      const postId = await deskPost(req, res, RESEND.notNeeded);
      if (postId === null) return;
      const form = parseFormOr400(() => parseForm(notNeededForm, req.body));
      await markNotNeeded(db, { postId, staffId: res.locals.actor.memberId, reason: form.reason });
      await backTo(req, res, postId);
    },

    async dashboard(req: Request, res: Response): Promise<void> {
      ensure(canViewQuestionDashboard(res.locals.actor));
      const now = new Date();
      const range = parseDashboardRange(req.query, now, MAX_RANGE_DAYS);
      if ('error' in range) throw new BadRequestError(range.error);
      const [boards, { figures, computedAt }] = await Promise.all([listBoardChoices(db), dashboardOf(range, now)]);
      res.render('staff/dashboard', { title: 'Rollout dashboard', boards, ...presentDashboard(figures, range), computedAt: timeView(computedAt), cacheSeconds: config.dashboardCacheSeconds });
    },

    async exportCsv(req: Request, res: Response): Promise<void> {
      ensure(canViewQuestionDashboard(res.locals.actor));
      const range = parseDashboardRange(req.query, new Date(), MAX_RANGE_DAYS);
      if ('error' in range) throw new BadRequestError(range.error);
      const { rows, truncated } = await exportQuestions(db, range);
      const from = range.from.toISOString().slice(0, 10);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="questions-${from}.csv"`);
      if (truncated) res.setHeader('X-Export-Truncated', 'true');
      res.send(questionsCsv(rows));
    },
  };
}

/** The desk's small inline forms have no page of their own: a wrong value is a clear 400 with the reason. */
function parseFormOr400<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    return rethrowAs400(error);
  }
}

function rethrowAs400(error: unknown): never {
  if (error instanceof ValidationError) throw new BadRequestError(Object.values(error.fieldErrors)[0] ?? error.publicMessage);
  throw error;
}
