/** The staff review queue (/staff/review) and the actions on its items. */
import type { Request, Response } from 'express';
import type { Database } from '../db';
import { ForbiddenError, ValidationError } from '../errors';
import { Actor, canReviewReports, canSilence, canSuspend, ensure } from '../policies';
import { presentAuthor } from '../presenters/members';
import { presentQueue, REPORT_REASON_OPTIONS } from '../presenters/review';
import { listBoards } from '../services/boards';
import { actOnReviewItem } from '../services/reviewActions';
import { latestClosing, listQueue } from '../services/reviewQueue';
import { messageReportQueue } from '../services/messages/reports';
import { presentMessageReports } from '../presenters/messages';
import { getPostForEditing } from '../services/revisions';
import { SANCTION_DURATIONS } from '../services/sanctions';
import { parseForm, refillableValues } from '../validation/forms';
import { queueFilter, reviewForm } from '../validation/reports';
import { parsePathNumber } from './params';

const REVIEW_FIELDS = ['action', 'hideReason', 'note', 'sanctionReason', 'duration'] as const;

export function createReviewController(db: Database) {
  async function renderQueue(
    req: Request,
    res: Response,
    status: number,
    rejected: { postId: number; values: Record<string, string>; errors: Record<string, string> } | null = null,
  ): Promise<void> {
    const filter = queueFilter.parse({ reason: req.query.reason, board: req.query.board });
    const boards = await listBoards(db);
    const board = filter.board ? boards.find((b) => b.slug === filter.board) ?? null : null;
    const now = new Date();
    const items = filter.board && !board ? [] : await listQueue(db, { reason: filter.reason ?? null, boardId: board?.id ?? null });
    res.status(status).render('staff/review', {
      title: 'Review queue',
      filter: { reason: filter.reason ?? '', board: filter.board ?? '' },
      reasons: REPORT_REASON_OPTIONS,
      boards: boards.map((b) => ({ slug: b.slug, name: b.name })),
      durations: SANCTION_DURATIONS.map(({ value, label }) => ({ value, label })),
      items: presentQueue(items, now),
      // Reported private messages: their own section (views/messages/reviewSection.ejs).
      messageReports: presentMessageReports(await messageReportQueue(db)),
      rejected,
    });
  }

  return {
    async queue(req: Request, res: Response): Promise<void> {
      ensure(canReviewReports(res.locals.actor));
      await renderQueue(req, res, 200);
    },

    async act(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canReviewReports(actor));
      const post = await getPostForEditing(db, parsePathNumber(req.params.postId));
      const values = refillableValues(req.body, REVIEW_FIELDS);
      try {
        const form = parseForm(reviewForm, req.body);
        const sanctionKind = form.action === 'hide-silence' ? 'silence' : form.action === 'hide-suspend' ? 'suspend' : null;
        if (sanctionKind && post.author) {
          const decision = (sanctionKind === 'silence' ? canSilence : canSuspend)(actor, post.author);
          if (!decision.allowed) throw new ForbiddenError(decision.reason);
        }
        const result = await actOnReviewItem(db, {
          postId: post.id,
          actorId: actor.memberId!,
          outcome: form.action === 'dismiss' ? 'dismissed' : 'hidden',
          hideReason: form.action === 'dismiss' ? null : form.hideReason,
          note: form.note,
          seenUpToReportId: form.seenUpTo,
          sanction: sanctionKind && form.duration ? { kind: sanctionKind, reason: form.sanctionReason ?? '', duration: form.duration } : null,
        });
        if (!result.handled) {
          // Another moderator (in this process or another) closed these reports first.
          const closing = await latestClosing(db, post.id);
          res.status(409).render('staff/reviewHandled', {
            title: 'Already handled',
            handled: closing
              ? {
                  by: closing.closedBy ? presentAuthor(closing.closedBy) : null,
                  outcome: closing.status === 'hidden' ? 'hid the post' : 'left the post up',
                }
              : null,
            subject: `Post ${post.number} of ${post.thread!.title}`,
            backUrl: '/staff/review',
          });
          return;
        }
        res.redirect(303, '/staff/review');
      } catch (error) {
        if (error instanceof ValidationError) return renderQueue(req, res, 422, { postId: post.id, values, errors: error.fieldErrors });
        if (error instanceof ForbiddenError) return renderQueue(req, res, 403, { postId: post.id, values, errors: { form: error.publicMessage } });
        throw error;
      }
    },
  };
}
