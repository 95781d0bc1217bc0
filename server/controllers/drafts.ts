/**
 * Nothing a member wrote is lost: a composer submission refused before it reaches its controller
 * (the form's CSRF token expired, the member was signed out in another tab) comes back as a page
 * holding the text, with a fresh form to post it from, or a sign-in form that carries the text as
 * hidden fields. After signing in, the composer opens prefilled from the session: it is never
 * posted automatically, since a refused cross-site POST must not become a post.
 */
import type { Request, Response } from 'express';
import { isSignedIn } from '../policies';

/** The composer POSTs, with the page that shows each composer (the GET form). */
const COMPOSERS: Array<{ action: RegExp; kind: DraftKind; page: (match: RegExpMatchArray) => string }> = [
  { action: /^\/b\/([a-z0-9-]{1,100})\/threads$/, kind: 'thread', page: (match) => `/b/${match[1]}/threads/new` },
  { action: /^\/t\/([1-9][0-9]{0,9})\/replies$/, kind: 'reply', page: (match) => `/t/${match[1]}/replies/new` },
  { action: /^\/posts\/([1-9][0-9]{0,9})\/edit$/, kind: 'edit', page: (match) => `/posts/${match[1]}/edit` },
];

type DraftKind = 'thread' | 'reply' | 'edit';

/** The fields a draft keeps: what the member typed and the form's own hidden fields. */
const DRAFT_FIELDS = ['title', 'body', 'replyTo', 'cite', 'reason', 'baseVersion', 'submissionKey'] as const;
/** Bounds on what a draft may hold (the body parser bounds the whole form at 100 kB). */
const MAX_FIELD_LENGTH = 25_000;

export interface Draft {
  kind: DraftKind;
  /** Where the composer posts. */
  action: string;
  /** The composer's own page, where the draft reopens after signing in. */
  page: string;
  values: Record<string, string>;
}

function composerOf(action: string): { kind: DraftKind; page: string } | null {
  for (const composer of COMPOSERS) {
    const match = action.match(composer.action);
    if (match) return { kind: composer.kind, page: composer.page(match) };
  }
  return null;
}

function valuesFrom(source: Record<string, unknown>, prefix: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of DRAFT_FIELDS) {
    const value = source[`${prefix}${field}`];
    if (typeof value === 'string') values[field] = value.slice(0, MAX_FIELD_LENGTH);
  }
  return values;
}

function draftAt(action: string, values: Record<string, string>): Draft | null {
  const composer = composerOf(action);
  if (!composer || !(values.body ?? '').trim() && !(values.title ?? '').trim()) return null;
  return { ...composer, action, values };
}

function bodyOf(req: Request): Record<string, unknown> {
  return req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
}

/** The draft in a refused composer POST, or null when the request was no composer's. */
export function draftOfRequest(req: Request): Draft | null {
  if (req.method !== 'POST') return null;
  return draftAt(req.path, valuesFrom(bodyOf(req), ''));
}

/** The draft carried by a sign-in form (hidden draft_* fields), or null. */
export function draftOfSignIn(req: Request): Draft | null {
  const body = bodyOf(req);
  return typeof body.draft_action === 'string' ? draftAt(body.draft_action, valuesFrom(body, 'draft_')) : null;
}

type DraftSession = { draft?: { action: string; values: Record<string, string> } };

/** Keeps the draft in the (new, signed-in) session for the composer page to pick up once. */
export function keepDraft(req: Request, draft: Draft): void {
  (req.session as unknown as DraftSession).draft = { action: draft.action, values: draft.values };
}

/** The values of a kept draft for this composer, taken out of the session (shown once). */
export function takeDraft(req: Request, action: string): Record<string, string> | null {
  const session = req.session as unknown as DraftSession | undefined;
  const kept = session?.draft;
  if (!kept || kept.action !== action) return null;
  delete session!.draft;
  return kept.values;
}

/**
 * Renders the page that keeps a refused draft; false when the request held none (the ordinary
 * error page is shown then). Every value is printed with <%= (escaped) by the view.
 */
export function renderDraftRescue(req: Request, res: Response, status: number, message: string): boolean {
  const draft = draftOfRequest(req);
  if (!draft) return false;
  const signedIn = isSignedIn(res.locals.actor);
  // "Go back and reload" would lose the text: say what happened instead (a cookie that cannot
  // work at all keeps its own explanation).
  const why = res.locals.secureCookieProblem
    ? message
    : signedIn
      ? 'This form had expired (it was opened before you last signed in), so nothing was posted.'
      : 'You are not signed in (your session ended, or you signed out in another tab), so nothing was posted.';
  res.status(status).render('posting/draftRescue', {
    title: 'Your text is safe',
    message: why,
    draft,
    signedIn,
  });
  return true;
}
