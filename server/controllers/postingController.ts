/**
 * Writing: new threads, replies (to the thread, to a post, quoting a post), edits and the edit
 * history. Every rejected submission comes back as the same form with the member's text intact.
 */
import type { Request, Response } from 'express';
import type { Board, Post, Thread } from '../../models';
import type { Config } from '../config';
import type { Database } from '../db';
import { ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from '../errors';
import { addressKey } from '../auth/rateLimitStore';
import { renderMarkdown } from '../markdown';
import { Actor, canCiteBadgeStatus, canEditPost, canQuotePost, canRedactRevisions, canReply, canStartThread, canWrite, editKeepsOfficialMark, editNeedsReason, ensure, isCappedInRevisions } from '../policies';
import { citationSentence, presentCitationDraft } from '../presenters/badgeCitation';
import { presentPost } from '../presenters/thread';
import { presentHistoryPage } from '../presenters/history';
import { boardUrl, createReplyUrl, createThreadUrl, editPostUrl, postAnchor, postUrl, threadUrl } from '../presenters/urls';
import { CitationDraft, draftCitation } from '../services/badges/citations';
import { loadMentionable } from '../services/mentions';
import { createPreviewLimit } from '../services/previewLimit';
import { createComposerDrafts } from './composerDrafts';
import { holdPost, needsApproval } from '../services/approvals';
import { replyToThread, startThread } from '../services/posting';
import { quoteOf } from '../services/quotes';
import { EditConflictError, editPost, getPostForEditing } from '../services/revisions';
import { revisionPage } from '../services/revisionHistory';
import { getThread } from '../services/threads';
import { editForm, newThreadForm, replyForm } from '../validation/posts';
import { citedUsername } from '../validation/badges';
import { parseForm, refillableValues } from '../validation/forms';
import { parseCursorQuery, parsePathNumber } from './params';
import { takeDraft } from './drafts';
import { findBoard, findPostByNumber, repeatedSubmissionUrl } from '../services/postingLookups';
import { editConflictOf } from '../services/editConflict';
import { nameWithRole } from '../presenters/members';
import { timeView } from '../presenters/forum';
import { setFlash } from '../middleware/flash';
import { newSubmissionKey, RepeatedHeldSubmissionError, RepeatedSubmissionError, submissionKeyOf } from '../services/submissionKeys';
import { ensurePostReadable, ensureThreadVisible } from './visible';
import { asksTeamFrom, composerDesk, insertSavedReply, savedReplyUsed } from './deskComposer';
import { readPostWithThread } from '../read/postWithThread';

interface ComposerState {
  values: Record<string, string>;
  errors: Record<string, string>;
  previewHtml: string | null;
  /** The form as sent (the desk's checkbox and saved reply keep their state); absent on a fresh form. */
  sent?: Record<string, unknown>;
}

const EMPTY_STATE: ComposerState = { values: {}, errors: {}, previewHtml: null };

/** The status and message a failed submission is shown with, or null for an unexpected error. */
function rejection(error: unknown, res: Response): { status: number; errors: Record<string, string> } | null {
  if (error instanceof ValidationError) return { status: 422, errors: error.fieldErrors };
  if (error instanceof TooManyRequestsError) {
    res.setHeader('Retry-After', String(error.retryAfterSeconds));
    return { status: 429, errors: { form: error.publicMessage } };
  }
  if (error instanceof ForbiddenError) return { status: 403, errors: { form: error.publicMessage } };
  return null;
}

function denial(decision: { allowed: boolean; reason?: string }): ForbiddenError | null {
  return decision.allowed ? null : new ForbiddenError((decision as { reason: string }).reason);
}

/** What a composer form shows again: the typed values, with a key of ours (a fresh one if it had none). */
function composerValues(body: unknown, fields: string[]): Record<string, string> {
  const values = refillableValues(body, [...fields, 'submissionKey']);
  return { ...values, submissionKey: submissionKeyOf(values.submissionKey) ?? newSubmissionKey() };
}

export function createPostingController(db: Database, config: Pick<Config, 'postsPerMinute' | 'editLimits' | 'firstPostApproval'>) {
  const countPreview = createPreviewLimit(db);
  const drafts = createComposerDrafts(db);

  /**
   * A preview's HTML, within the member's and the address's preview limits (429 otherwise). Text
   * too large once formatted is refused (422) with the same message a save would give.
   */
  async function previewOf(req: Request, res: Response, body: string): Promise<string> {
    const actor: Actor = res.locals.actor;
    await countPreview(actor.memberId!, addressKey(req));
    return renderMarkdown(body, { mentionable: await loadMentionable(db, body) }).html;
  }

  async function renderNewThread(res: Response, board: Board, status: number, state: ComposerState): Promise<void> {
    const desk = await composerDesk(db, res.locals.actor, { boardId: board.id }, { body: state.values.body ?? '', sent: state.sent });
    res.status(status).render('posting/newThread', {
      desk,
      title: `New thread in ${board.name}`,
      board: { name: board.name, url: boardUrl(board.slug) },
      action: createThreadUrl(board.slug),
      ...state,
    });
  }

  /** The badge status a reply cites: only staff cite; for anyone else the field is ignored. */
  async function citationFor(actor: Actor, value: unknown): Promise<CitationDraft | null> {
    const username = canCiteBadgeStatus(actor).allowed ? citedUsername(value) : null;
    return username ? draftCitation(db, username, new Date()) : null;
  }

  async function renderReply(res: Response, thread: Thread, status: number, state: ComposerState): Promise<void> {
    const actor: Actor = res.locals.actor;
    const replyTo = await findPostByNumber(db, thread, Number(state.values.replyTo) || null);
    const citation = await citationFor(actor, state.values.cite);
    const desk = await composerDesk(db, actor, { threadId: thread.id }, {
      body: state.values.body ?? '',
      sent: state.sent,
      forName: citation?.member.displayName ?? replyTo?.author?.displayName ?? null,
    });
    res.status(status).render('posting/reply', {
      desk,
      title: `Reply to ${thread.title}`,
      thread: { title: thread.title, url: threadUrl(thread), isLocked: thread.isLocked },
      replyTo: replyTo ? presentPost(replyTo, thread, null, { actor, now: new Date() }) : null,
      action: createReplyUrl(thread.id),
      ...state,
      values: { ...state.values, cite: citation ? citation.member.username : '' },
      citation: citation ? presentCitationDraft(citation, actor, new Date()) : null,
    });
  }

  /** The conflict page's view: the current text, who changed it and when, the diff to the member's text. */
  async function conflictView(error: EditConflictError, postId: number, theirs: string) {
    const conflict = await editConflictOf(db, error, postId, theirs);
    return { source: conflict.source, by: nameWithRole(conflict.editor, 'Someone'), at: timeView(conflict.changedAt), diff: conflict.diff };
  }

  function renderEdit(res: Response, post: Post, status: number, state: ComposerState & { conflict?: Awaited<ReturnType<typeof conflictView>>; reasonRequired: boolean }): void {
    const thread = post.thread!;
    res.status(status).render('posting/edit', {
      title: `Edit post ${post.number} of ${thread.title}`,
      thread: { title: thread.title, url: threadUrl(thread) },
      post: { number: post.number, permalink: `${postUrl(thread, post.number)}#${postAnchor(post.number)}` },
      action: editPostUrl(post.id),
      conflict: state.conflict ?? null,
      mayRedact: canRedactRevisions(res.locals.actor).allowed,
      ...state,
    });
  }

  return {
    async newThreadPage(req: Request, res: Response): Promise<void> {
      const board = await findBoard(db, String(req.params.boardSlug));
      ensure(canStartThread(res.locals.actor, board));
      // The text rescued through a sign-in (this session) comes before the draft kept on the server.
      const rescued = takeDraft(req, createThreadUrl(board.slug));
      const saved = await drafts.prefill(res.locals.actor, { boardId: board.id });
      await renderNewThread(res, board, 200, {
        ...EMPTY_STATE,
        values: { title: saved.title ?? '', body: saved.body, ...rescued, submissionKey: submissionKeyOf(rescued?.submissionKey) ?? newSubmissionKey() },
      });
    },

    async createThread(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const board = await findBoard(db, String(req.params.boardSlug));
      const values = composerValues(req.body, ['title', 'body']);
      try {
        const denied = denial(canStartThread(actor, board));
        if (denied) throw denied;
        const form = parseForm(newThreadForm, req.body);
        if (form.intent === 'preview') {
          await drafts.keep(actor, { boardId: board.id }, form.body, form.title);
          await renderNewThread(res, board, 200, { values, errors: {}, previewHtml: await previewOf(req, res, form.body), sent: req.body });
          return;
        }
        // A new member's first posts with links wait for a moderator (server/services/approvals.ts).
        if (await needsApproval(db, { enabled: config.firstPostApproval, actor, source: form.body })) {
          const pending = await holdPost(db, { authorId: actor.memberId!, boardId: board.id, title: form.title, source: form.body, submissionKey: submissionKeyOf(req.body?.submissionKey) });
          res.redirect(303, `/posts/pending/${pending.id}`);
          return;
        }
        const { thread } = await startThread(db, {
          boardId: board.id,
          authorId: actor.memberId!,
          title: form.title,
          source: form.body,
          postsPerMinute: config.postsPerMinute,
          asksTeam: asksTeamFrom(actor, req.body),
          submissionKey: submissionKeyOf(req.body?.submissionKey),
        });
        await drafts.clear(actor, { boardId: board.id });
        setFlash(req, 'Your thread is started.');
        res.redirect(303, `${postUrl(thread, 1)}#${postAnchor(1)}`);
      } catch (error) {
        if (error instanceof RepeatedSubmissionError) {
          setFlash(req, 'This form was already sent: here is the post it made.');
          res.redirect(303, await repeatedSubmissionUrl(db, error));
          return;
        }
        if (error instanceof RepeatedHeldSubmissionError) {
          setFlash(req, 'This form was already sent: its post is held for a moderator.');
          res.redirect(303, `/posts/pending/${error.pendingPostId}`);
          return;
        }
        const rejected = rejection(error, res);
        if (!rejected) throw error;
        await drafts.keep(actor, { boardId: board.id }, req.body?.body, req.body?.title);
        await renderNewThread(res, board, rejected.status, { values, errors: rejected.errors, previewHtml: null, sent: req.body });
      }
    },

    async replyPage(req: Request, res: Response): Promise<void> {
      const thread = await getThread(db, parsePathNumber(req.params.threadId));
      ensureThreadVisible(res.locals.actor, thread);
      ensure(canReply(res.locals.actor, thread));
      const quoteNumber = typeof req.query.quote === 'string' ? Number(req.query.quote) : null;
      const toNumber = typeof req.query.to === 'string' ? Number(req.query.to) : quoteNumber;
      const quoted = quoteNumber ? await findPostByNumber(db, thread, quoteNumber) : null;
      if (quoteNumber && !quoted) throw new NotFoundError('This thread has no post with that number.');
      if (quoted) ensure(canQuotePost(res.locals.actor, quoted, thread));
      const quote = quoted ? quoteOf(quoted, quoted.author?.displayName ?? 'A former member', thread) : '';
      // ?cite=username (staff, from the badge lookup): the reply opens with the status in words.
      const citation = await citationFor(res.locals.actor, req.query.cite);
      if (citedUsername(req.query.cite) && canCiteBadgeStatus(res.locals.actor).allowed && !citation) {
        throw new NotFoundError('There is no member with that name to cite.');
      }
      const opening = citation ? `${quote}${citationSentence(citation, new Date())}` : quote;
      const { body } = await drafts.prefill(res.locals.actor, { threadId: thread.id }, opening);
      const draft = takeDraft(req, createReplyUrl(thread.id));
      await renderReply(res, thread, 200, {
        ...EMPTY_STATE,
        values: {
          body,
          replyTo: toNumber ? String(toNumber) : '',
          cite: citation?.member.username ?? '',
          ...draft,
          submissionKey: submissionKeyOf(draft?.submissionKey) ?? newSubmissionKey(),
        },
      });
    },

    async createReply(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const thread = await getThread(db, parsePathNumber(req.params.threadId));
      ensureThreadVisible(actor, thread);
      const values = composerValues(req.body, ['body', 'replyTo', 'cite']);
      try {
        const denied = denial(canReply(actor, thread));
        if (denied) throw denied;
        // "Insert" a saved reply (staff): the form comes back with it filled in, nothing is posted.
        if (req.body?.intent === 'insert') {
          const replyTo = values.cite ? null : await findPostByNumber(db, thread, Number(values.replyTo) || null);
          const inserted = await insertSavedReply(db, actor, { body: values.body, savedReplyId: req.body.savedReply, forUsername: values.cite || replyTo?.author?.username || null, now: new Date() });
          const sent = { ...req.body, savedReplyId: String(inserted.savedReplyId) };
          await renderReply(res, thread, 200, { values: { ...values, body: inserted.body, cite: inserted.cite }, errors: {}, previewHtml: null, sent });
          return;
        }
        const form = parseForm(replyForm, req.body);
        const citation = await citationFor(actor, req.body?.cite);
        if (citedUsername(req.body?.cite) && canCiteBadgeStatus(actor).allowed && !citation) {
          throw new ValidationError({ form: 'There is no member with that name to cite.' });
        }
        if (form.intent === 'preview') {
          await drafts.keep(actor, { threadId: thread.id }, form.body);
          await renderReply(res, thread, 200, { values, errors: {}, previewHtml: await previewOf(req, res, form.body), sent: req.body });
          return;
        }
        if (await needsApproval(db, { enabled: config.firstPostApproval, actor, source: form.body })) {
          const pending = await holdPost(db, { authorId: actor.memberId!, threadId: thread.id, replyToNumber: form.replyTo ?? null, source: form.body, submissionKey: submissionKeyOf(req.body?.submissionKey) });
          res.redirect(303, `/posts/pending/${pending.id}`);
          return;
        }
        const post = await replyToThread(db, {
          threadId: thread.id,
          authorId: actor.memberId!,
          source: form.body,
          replyToNumber: form.replyTo,
          postsPerMinute: config.postsPerMinute,
          // Checked again as the reply is saved, in its transaction: the snapshot is of that moment.
          citation: citation ? { memberId: citation.member.id, citedById: actor.memberId! } : null,
          asksTeam: asksTeamFrom(actor, req.body),
          savedReplyId: savedReplyUsed(actor, req.body),
          submissionKey: submissionKeyOf(req.body?.submissionKey),
        });
        await drafts.clear(actor, { threadId: thread.id });
        setFlash(req, `Your reply is post ${post.number}.`);
        res.redirect(303, `${postUrl(thread, post.number)}#${postAnchor(post.number)}`);
      } catch (error) {
        if (error instanceof RepeatedSubmissionError) {
          setFlash(req, 'This form was already sent: here is the post it made.');
          res.redirect(303, await repeatedSubmissionUrl(db, error));
          return;
        }
        if (error instanceof RepeatedHeldSubmissionError) {
          setFlash(req, 'This form was already sent: its post is held for a moderator.');
          res.redirect(303, `/posts/pending/${error.pendingPostId}`);
          return;
        }
        const rejected = rejection(error, res);
        if (!rejected) throw error;
        await drafts.keep(actor, { threadId: thread.id }, req.body?.body);
        await renderReply(res, thread, rejected.status, { values, errors: rejected.errors, previewHtml: null, sent: req.body });
      }
    },

    async editPage(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const post = await getPostForEditing(db, parsePathNumber(req.params.postId));
      ensure(canEditPost(actor, post, post.thread!));
      // A draft kept through a sign-in keeps the version it was written against, so a change made
      // meanwhile still shows as a conflict.
      const draft = takeDraft(req, editPostUrl(post.id));
      renderEdit(res, post, 200, {
        ...EMPTY_STATE,
        values: { body: post.source, reason: '', baseVersion: String(post.version), ...draft },
        reasonRequired: editNeedsReason(actor, post),
      });
    },

    async saveEdit(req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      const post = await getPostForEditing(db, parsePathNumber(req.params.postId));
      // A silenced member who could otherwise edit gets the form back with their text and the reason.
      const silenced = denial(canWrite(actor));
      ensure(canEditPost(silenced ? { ...actor, silence: null } : actor, post, post.thread!));
      const values = refillableValues(req.body, ['body', 'reason', 'baseVersion', 'redact']);
      const reasonRequired = editNeedsReason(actor, post);
      try {
        if (silenced) throw silenced;
        const form = parseForm(editForm, req.body);
        if (form.intent === 'preview') {
          renderEdit(res, post, 200, { values, errors: {}, previewHtml: await previewOf(req, res, form.body), reasonRequired });
          return;
        }
        await editPost(db, {
          postId: post.id,
          editorId: actor.memberId!,
          source: form.body,
          reason: form.reason,
          reasonRequired,
          baseVersion: form.baseVersion,
          // Anyone else's tick is ignored: the box is only shown to those who may redact.
          redact: form.redact && canRedactRevisions(actor).allowed,
          keepsOfficialMark: editKeepsOfficialMark(actor),
          limits: {
            perMinute: config.editLimits.perMinute,
            revisionsPerPost: isCappedInRevisions(actor) ? config.editLimits.revisionsPerPost : null,
          },
        });
        setFlash(req, 'Your changes are saved.');
        res.redirect(303, `${postUrl(post.thread!, post.number)}#${postAnchor(post.number)}`);
      } catch (error) {
        // The same edit sent twice (a double click): the first made the post say exactly this.
        if (error instanceof EditConflictError && error.currentSource === String(req.body?.body ?? '').replace(/\r\n?/g, '\n')) {
          res.redirect(303, `${postUrl(post.thread!, post.number)}#${postAnchor(post.number)}`);
          return;
        }
        if (error instanceof EditConflictError) {
          // Their text stays in the form; the current text is shown beside it; saving again
          // applies to the current version.
          renderEdit(res, post, 409, {
            values: { ...values, baseVersion: String(error.currentVersion) },
            errors: { form: error.publicMessage },
            previewHtml: null,
            conflict: await conflictView(error, post.id, values.body),
            reasonRequired,
          });
          return;
        }
        const rejected = rejection(error, res);
        if (!rejected) throw error;
        renderEdit(res, post, rejected.status, { values, errors: rejected.errors, previewHtml: null, reasonRequired });
      }
    },

    async history(req: Request, res: Response): Promise<void> {
      const { post, thread } = await readPostWithThread(db, parsePathNumber(req.params.postId), res.locals.actor.memberId);
      ensurePostReadable(res.locals.actor, post, thread);
      const before = parseCursorQuery(req.query.before);
      const page = await revisionPage(db, post.id, before);
      res.render('posting/history', {
        title: `History of post ${post.number} of ${thread.title}`,
        thread: { title: thread.title, url: threadUrl(thread) },
        post: presentPost(post, thread, null, { actor: res.locals.actor, now: new Date() }),
        ...presentHistoryPage(post.id, page, before === null),
      });
    },
  };
}
