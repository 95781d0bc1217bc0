/** Members reporting a post: the small form page (no JavaScript needed) and its submission. */
import type { Request, Response } from 'express';
import type { Post } from '../../models';
import type { Config } from '../config';
import type { Database } from '../db';
import { ForbiddenError, TooManyRequestsError, ValidationError } from '../errors';
import { Actor, canReportPost, ensure } from '../policies';
import { REPORT_REASON_OPTIONS } from '../presenters/review';
import { postAnchor, postUrl } from '../presenters/urls';
import { autoHideIfReported } from '../services/autoHide';
import { openReportOf, reportPost } from '../services/reports';
import { getPostForEditing } from '../services/revisions';
import { parseForm, refillableValues } from '../validation/forms';
import { reportForm } from '../validation/reports';
import { parsePathNumber } from './params';
import { ensurePostReadable } from './visible';

interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  updating: boolean;
}

function render(res: Response, post: Post, status: number, state: FormState): void {
  const thread = post.thread!;
  res.status(status).render('reports/form', {
    title: `Report post ${post.number} of ${thread.title}`,
    post: {
      number: post.number,
      author: post.author?.displayName ?? 'a former member',
      url: `${postUrl(thread, post.number)}#${postAnchor(post.number)}`,
      threadTitle: thread.title,
    },
    action: `/posts/${post.id}/report`,
    reasons: REPORT_REASON_OPTIONS,
    ...state,
  });
}

export function createReportController(db: Database, config: Pick<Config, 'reportsPerHour' | 'autoHideReports'>) {
  async function readablePost(req: Request, res: Response): Promise<Post> {
    const post = await getPostForEditing(db, parsePathNumber(req.params.postId));
    // What the member may not read is not there (404), as everywhere else.
    ensurePostReadable(res.locals.actor, post, post.thread!);
    return post;
  }

  return {
    async form(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const post = await readablePost(req, res);
      ensure(canReportPost(actor, post, post.thread!));
      const existing = await openReportOf(db, post.id, actor.memberId!);
      render(res, post, 200, {
        values: { reason: existing?.reason ?? '', note: existing?.note ?? '' },
        errors: {},
        updating: Boolean(existing),
      });
    },

    async submit(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const post = await readablePost(req, res);
      const values = refillableValues(req.body, ['reason', 'note']);
      try {
        const decision = canReportPost(actor, post, post.thread!);
        if (!decision.allowed) throw new ForbiddenError(decision.reason);
        const form = parseForm(reportForm, req.body);
        await reportPost(db, { postId: post.id, reporterId: actor.memberId!, reason: form.reason, note: form.note, reportsPerHour: config.reportsPerHour });
        await autoHideIfReported(db, { postId: post.id, threshold: config.autoHideReports, triggeredById: actor.memberId! });
        res.redirect(303, `${postUrl(post.thread!, post.number)}#${postAnchor(post.number)}`);
      } catch (error) {
        const updating = Boolean(await openReportOf(db, post.id, actor.memberId ?? 0));
        if (error instanceof ValidationError) return render(res, post, 422, { values, errors: error.fieldErrors, updating });
        if (error instanceof TooManyRequestsError) {
          res.setHeader('Retry-After', String(error.retryAfterSeconds));
          return render(res, post, 429, { values, errors: { form: error.publicMessage }, updating });
        }
        if (error instanceof ForbiddenError) return render(res, post, 403, { values, errors: { form: error.publicMessage }, updating });
        throw error;
      }
    },
  };
}
