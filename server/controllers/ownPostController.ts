/** Deleting one's own post and retitling one's own thread: HTTP in, one service call, redirect or page out. */
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Database } from '../db';
import type { MemberToolsConfig } from '../config';
import { ForbiddenError, ValidationError } from '../errors';
import type { Actor } from '../policies';
import { postAnchor, postUrl, threadUrl } from '../presenters/urls';
import { deleteOwnPost, deletionDecision, readPostForDeletion, retitleOwnThread } from '../services/ownPosts';
import { parseForm } from '../validation/forms';
import { threadTitle } from '../validation/posts';
import { parsePathNumber } from './params';
import { renderStaffForm, sent } from './staffForm';
import { ensurePostReadable } from './visible';

const starterTitleForm = z.object({ title: threadTitle });

export function createOwnPostController(db: Database, config: Pick<MemberToolsConfig, 'deleteWindowMs' | 'retitleWindowMs'>) {
  async function readableForDeletion(req: Request, res: Response) {
    const post = await readPostForDeletion(db, parsePathNumber(req.params.postId));
    ensurePostReadable(res.locals.actor, post, post.thread);
    return post;
  }

  return {
    /** The confirmation page, or the reason deleting is refused (403). */
    async deletePage(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const post = await readableForDeletion(req, res);
      const decision = deletionDecision(actor, post, config.deleteWindowMs, new Date());
      if (!decision.allowed) throw new ForbiddenError(decision.reason);
      renderStaffForm(res, 200, {
        title: `Delete your post ${post.number}?`,
        action: `/posts/${post.id}/delete`,
        submitLabel: 'Delete post',
        backUrl: `${postUrl(post.thread, post.number)}#${postAnchor(post.number)}`,
        fields: [],
        errors: {},
      });
    },

    async deletePost(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const post = await readableForDeletion(req, res);
      await deleteOwnPost(db, { actor, postId: post.id, windowMs: config.deleteWindowMs });
      res.redirect(303, `${postUrl(post.thread, post.number)}#${postAnchor(post.number)}`);
    },

    /** The starter's retitle (staff use POST /t/:id/title with a reason). */
    async retitle(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const threadId = parsePathNumber(req.params.threadId);
      try {
        const { title } = parseForm(starterTitleForm, req.body);
        const renamed = await retitleOwnThread(db, { actor, threadId, title, windowMs: config.retitleWindowMs });
        res.redirect(303, threadUrl(renamed));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        renderStaffForm(res, 422, {
          title: 'Retitle your thread', action: req.originalUrl, submitLabel: 'Save title', backUrl: `/t/${threadId}`, errors: error.fieldErrors,
          fields: [{ name: 'title', label: 'New title', type: 'text', value: sent(req.body, 'title'), required: true }],
        });
      }
    },
  };
}
