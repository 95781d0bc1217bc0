/** Staff actions on threads and posts: official answers, pins, locks, moves, hiding and restoring. */
import type { Request, Response } from 'express';
import type { Database } from '../db';
import { ValidationError } from '../errors';
import { Actor, canHidePost, canHideThread, canLockThread, canRetitleThread, canMarkOfficialAnswer, canMoveThread, canPinThread, canViewModerationLog, ensure } from '../policies';
import { presentLogEntries, LOG_KINDS } from '../presenters/moderationLog';
import { postAnchor, postUrl, threadUrl } from '../presenters/urls';
import { findMemberByUsername } from '../services/members';
import { hidePost, hideThread, moveThread, restorePost, restoreThread, retitleThread, setThreadLocked, setThreadPinned } from '../services/moderation';
import { listLogEntries } from '../read/moderationLog';
import { markOfficialAnswer, unmarkOfficialAnswer } from '../services/officialAnswers';
import { getPostForEditing } from '../services/revisions';
import { getThread } from '../services/threads';
import { parseForm } from '../validation/forms';
import { hideForm, hideThreadForm, lockForm, moveForm, officialAnswerForm, pinForm, restoreThreadForm, retitleForm } from '../validation/staff';
import { parsePathNumber } from './params';
import { renderStaffForm, sent } from './staffForm';

export function createModerationController(db: Database) {
  const threadFromParams = (req: Request) => getThread(db, parsePathNumber(req.params.threadId));
  const postFromParams = (req: Request) => getPostForEditing(db, parsePathNumber(req.params.postId));

  return {
    async markOfficial(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canMarkOfficialAnswer(actor));
      const thread = await threadFromParams(req);
      try {
        const { postNumber } = parseForm(officialAnswerForm, req.body);
        await markOfficialAnswer(db, { threadId: thread.id, postNumber, actorId: actor.memberId! });
        res.redirect(303, `${postUrl(thread, postNumber)}#${postAnchor(postNumber)}`);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        renderStaffForm(res, 422, {
          title: 'Mark the official answer', action: req.originalUrl, submitLabel: 'Mark as official answer', backUrl: threadUrl(thread),
          errors: error.fieldErrors,
          fields: [{ name: 'postNumber', label: 'Post number', type: 'number', value: sent(req.body, 'postNumber'), required: true }],
        });
      }
    },

    async unmarkOfficial(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canMarkOfficialAnswer(actor));
      const thread = await threadFromParams(req);
      const { reason } = parseForm(lockForm, req.body);
      await unmarkOfficialAnswer(db, { threadId: thread.id, actorId: actor.memberId!, reason });
      res.redirect(303, threadUrl(thread));
    },

    async pin(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canPinThread(actor));
      const thread = await threadFromParams(req);
      try {
        const { until } = parseForm(pinForm, req.body);
        await setThreadPinned(db, { threadId: thread.id, pinned: true, until, actorId: actor.memberId! });
        res.redirect(303, threadUrl(thread));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        renderStaffForm(res, 422, {
          title: 'Pin this thread', action: req.originalUrl, submitLabel: 'Pin', backUrl: threadUrl(thread), errors: error.fieldErrors,
          fields: [{ name: 'until', label: 'Pinned until (optional)', type: 'date', value: sent(req.body, 'until') }],
        });
      }
    },

    async unpin(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canPinThread(actor));
      const thread = await threadFromParams(req);
      const { reason } = parseForm(lockForm, req.body);
      await setThreadPinned(db, { threadId: thread.id, pinned: false, reason, actorId: actor.memberId! });
      res.redirect(303, threadUrl(thread));
    },

    lock: (locked: boolean) => async (req: Request, res: Response): Promise<void> => {
      const actor: Actor = res.locals.actor;
      ensure(canLockThread(actor));
      const thread = await threadFromParams(req);
      const { reason } = parseForm(lockForm, req.body);
      await setThreadLocked(db, { threadId: thread.id, locked, reason, actorId: actor.memberId! });
      res.redirect(303, threadUrl(thread));
    },

    async move(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canMoveThread(actor));
      const thread = await threadFromParams(req);
      try {
        const form = parseForm(moveForm, req.body);
        await moveThread(db, { threadId: thread.id, toBoardSlug: form.board, reason: form.reason, actorId: actor.memberId! });
        res.redirect(303, threadUrl(thread));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const boards = await db.models.Board.findAll({ order: [['position', 'ASC']] });
        renderStaffForm(res, 422, {
          title: 'Move this thread', action: req.originalUrl, submitLabel: 'Move', backUrl: threadUrl(thread), errors: error.fieldErrors,
          fields: [
            { name: 'board', label: 'To board', type: 'select', value: sent(req.body, 'board'), options: boards.map((b) => ({ value: b.slug, label: b.name })) },
            { name: 'reason', label: 'Reason (optional)', type: 'text', value: sent(req.body, 'reason') },
          ],
        });
      }
    },

    async hide(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canHidePost(actor));
      const post = await postFromParams(req);
      const permalink = `${postUrl(post.thread!, post.number)}#${postAnchor(post.number)}`;
      try {
        const { reason } = parseForm(hideForm, req.body);
        await hidePost(db, { postId: post.id, reason, actorId: actor.memberId! });
        res.redirect(303, permalink);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        renderStaffForm(res, 422, {
          title: `Hide post ${post.number}`, action: req.originalUrl, submitLabel: 'Hide post', backUrl: permalink, errors: error.fieldErrors,
          fields: [{ name: 'reason', label: 'Reason (shown to the author)', type: 'text', value: sent(req.body, 'reason'), required: true }],
        });
      }
    },

    async restore(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canHidePost(actor));
      const post = await postFromParams(req);
      const { reason } = parseForm(lockForm, req.body);
      await restorePost(db, { postId: post.id, reason, actorId: actor.memberId! });
      res.redirect(303, `${postUrl(post.thread!, post.number)}#${postAnchor(post.number)}`);
    },

    async hideThread(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canHideThread(actor));
      const thread = await threadFromParams(req);
      try {
        const { reason } = parseForm(hideThreadForm, req.body);
        await hideThread(db, { threadId: thread.id, reason, actorId: actor.memberId! });
        res.redirect(303, threadUrl(thread));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        renderStaffForm(res, 422, {
          title: 'Hide this thread', action: req.originalUrl, submitLabel: 'Hide thread', backUrl: threadUrl(thread), errors: error.fieldErrors,
          fields: [{ name: 'reason', label: 'Reason (shown to the starter)', type: 'text', value: sent(req.body, 'reason'), required: true }],
        });
      }
    },

    async restoreThread(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canHideThread(actor));
      const thread = await threadFromParams(req);
      const { reason } = parseForm(restoreThreadForm, req.body);
      await restoreThread(db, { threadId: thread.id, reason, actorId: actor.memberId! });
      res.redirect(303, threadUrl(thread));
    },

    async retitle(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canRetitleThread(actor));
      const thread = await threadFromParams(req);
      try {
        const form = parseForm(retitleForm, req.body);
        await retitleThread(db, { threadId: thread.id, title: form.title, reason: form.reason, actorId: actor.memberId! });
        const renamed = await threadFromParams(req);
        res.redirect(303, threadUrl(renamed));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        renderStaffForm(res, 422, {
          title: 'Retitle this thread', action: req.originalUrl, submitLabel: 'Save title', backUrl: threadUrl(thread), errors: error.fieldErrors,
          fields: [
            { name: 'title', label: 'New title', type: 'text', value: sent(req.body, 'title'), required: true },
            { name: 'reason', label: 'Reason (for the moderation log)', type: 'text', value: sent(req.body, 'reason'), required: true },
          ],
        });
      }
    },

    async log(req: Request, res: Response): Promise<void> {
      ensure(canViewModerationLog(res.locals.actor));
      const kind = typeof req.query.kind === 'string' && LOG_KINDS.some((k) => k.value === req.query.kind) ? req.query.kind : '';
      const memberName = typeof req.query.member === 'string' ? req.query.member.trim().slice(0, 40) : '';
      const member = memberName ? await findMemberByUsername(db, memberName) : null;
      const before = typeof req.query.before === 'string' && /^[1-9][0-9]{0,9}$/.test(req.query.before) ? Number(req.query.before) : null;
      const entries = memberName && !member ? [] : await listLogEntries(db, { kind: kind || null, memberId: member?.id ?? null, beforeId: before });
      res.render('staff/log', {
        title: 'Moderation log',
        kinds: LOG_KINDS,
        filter: { kind, member: memberName, memberFound: !memberName || Boolean(member) },
        entries: presentLogEntries(entries),
        olderUrl: entries.length >= 50
          ? `/staff/log?${new URLSearchParams({ ...(kind ? { kind } : {}), ...(memberName ? { member: memberName } : {}), before: String(entries[entries.length - 1].id) })}`
          : null,
      });
    },
  };
}
