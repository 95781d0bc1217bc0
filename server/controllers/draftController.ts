/**
 * Drafts and the live preview, for the composer's script and the Drafts page. The script's
 * endpoints answer JSON (POST with the CSRF token, like every form); without JavaScript the
 * composer's Preview button and the posting controller keep drafts the same way.
 */
import type { Request, Response } from 'express';
import { addressKey } from '../auth/rateLimitStore';
import type { MemberToolsConfig } from '../config';
import type { Database } from '../db';
import { HttpError, NotFoundError, TooManyRequestsError, ValidationError } from '../errors';
import { MAX_SOURCE_LENGTH, renderMarkdown } from '../markdown';
import { Actor, canKeepDrafts, canWrite, ensure, isStaff } from '../policies';
import { timeView } from '../presenters/forum';
import { boardUrl, newThreadUrl, replyUrl, threadUrl } from '../presenters/urls';
import { loadMentionable } from '../services/mentions';
import { createDraftSaveLimit, discardDraft, findDraft, listDrafts, resolveDraftPlace, saveDraft } from '../services/drafts';
import { createPreviewLimit } from '../services/previewLimit';
import { ensureThreadVisible } from './visible';

function text(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : '';
}

/** The script's endpoints answer every refusal as JSON, with the status and the message. */
function sendError(res: Response, error: unknown): void {
  if (error instanceof TooManyRequestsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
  if (error instanceof ValidationError) {
    res.status(422).json({ error: { status: 422, message: Object.values(error.fieldErrors)[0] ?? 'That text cannot be saved.' } });
    return;
  }
  if (error instanceof HttpError) {
    res.status(error.status).json({ error: { status: error.status, message: error.publicMessage } });
    return;
  }
  throw error;
}

export function createDraftController(db: Database, config: Pick<MemberToolsConfig, 'draftSavesPer10Minutes'>) {
  const countSave = createDraftSaveLimit(db, config.draftSavesPer10Minutes);
  const countPreview = createPreviewLimit(db);

  async function placeFrom(req: Request, res: Response) {
    const actor: Actor = res.locals.actor;
    ensure(canKeepDrafts(actor));
    const resolved = await resolveDraftPlace(db, String(req.params.place));
    if (!resolved) throw new NotFoundError('There is nowhere to keep that draft.');
    if (resolved.thread) ensureThreadVisible(actor, resolved.thread);
    return resolved;
  }

  return {
    async list(_req: Request, res: Response): Promise<void> {
      const actor: Actor = res.locals.actor;
      ensure(canKeepDrafts(actor));
      const drafts = await listDrafts(db, { memberId: actor.memberId!, isStaff: isStaff(actor) });
      res.render('members/drafts', {
        title: 'Drafts',
        drafts: drafts.map((draft) => ({
          what: draft.thread ? `Reply to ${draft.thread.title}` : `New thread in ${draft.board?.name ?? 'a board'}${draft.title ? `: ${draft.title}` : ''}`,
          whereUrl: draft.thread ? threadUrl(draft.thread) : draft.board ? boardUrl(draft.board.slug) : '/',
          continueUrl: draft.thread ? replyUrl(draft.thread.id) : draft.board ? newThreadUrl(draft.board.slug) : '/',
          discardAction: `/drafts/${draft.thread ? `reply-${draft.thread.id}` : `thread-${draft.board?.slug}`}/discard`,
          excerpt: draft.excerpt,
          savedAt: timeView(draft.updatedAt),
        })),
      });
    },

    /** The script reopens an empty composer with the draft (JSON only: an endpoint, not a page). */
    async show(req: Request, res: Response): Promise<void> {
      try {
        const resolved = await placeFrom(req, res);
        const draft = await findDraft(db, res.locals.actor.memberId, resolved.place);
        res.setHeader('Cache-Control', 'private, no-store');
        res.json({ draft: draft ? { body: draft.body, title: draft.title, savedAt: draft.updatedAt.toISOString() } : null });
      } catch (error) {
        sendError(res, error);
      }
    },

    async save(req: Request, res: Response): Promise<void> {
      try {
        const resolved = await placeFrom(req, res);
        const actor: Actor = res.locals.actor;
        await countSave(actor.memberId!);
        await saveDraft(db, { memberId: actor.memberId!, place: resolved.place, body: text(req.body?.body), title: text(req.body?.title) || null });
        res.json({ saved: true, at: new Date().toISOString() });
      } catch (error) {
        sendError(res, error);
      }
    },

    async discard(req: Request, res: Response): Promise<void> {
      const resolved = await placeFrom(req, res);
      await discardDraft(db, res.locals.actor.memberId, resolved.place);
      res.redirect(303, '/drafts');
    },

    /** The live preview: the server's own renderer, within the same limits as the Preview button. */
    async preview(req: Request, res: Response): Promise<void> {
      try {
        const actor: Actor = res.locals.actor;
        ensure(canWrite(actor));
        const body = text(req.body?.body);
        if (body.length > MAX_SOURCE_LENGTH) throw new ValidationError({ body: `Posts can be at most ${MAX_SOURCE_LENGTH.toLocaleString('en-US')} characters.` });
        await countPreview(actor.memberId!, addressKey(req));
        const html = body.trim() === '' ? '' : renderMarkdown(body, { mentionable: await loadMentionable(db, body) }).html;
        res.setHeader('Cache-Control', 'private, no-store');
        res.json({ html });
      } catch (error) {
        sendError(res, error);
      }
    },
  };
}
