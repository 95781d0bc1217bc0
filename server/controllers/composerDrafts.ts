/**
 * What the posting controller does with drafts (services/drafts.ts), one line at each place: keep
 * the text when the member previews or a submission is refused, clear it once posted, and reopen
 * an empty composer with it. Keeping a draft never makes a refusal worse: a text over the limits
 * is simply not kept.
 */
import type { Database } from '../db';
import { ValidationError } from '../errors';
import type { Actor } from '../policies';
import { discardDraft, DraftPlace, findDraft, saveDraft } from '../services/drafts';

export function createComposerDrafts(db: Database) {
  return {
    async keep(actor: Actor, place: DraftPlace, body: unknown, title?: unknown): Promise<void> {
      if (actor.memberId === null || typeof body !== 'string') return;
      try {
        await saveDraft(db, { memberId: actor.memberId, place, body: body.replace(/\r\n?/g, '\n'), title: typeof title === 'string' ? title : null });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
      }
    },

    async clear(actor: Actor, place: DraftPlace): Promise<void> {
      if (actor.memberId !== null) await discardDraft(db, actor.memberId, place);
    },

    /** The draft's text for an empty composer (with anything the page opens with, e.g. a quote, after it). */
    async prefill(actor: Actor, place: DraftPlace, opening = ''): Promise<{ body: string; title: string | null }> {
      const draft = actor.memberId === null ? null : await findDraft(db, actor.memberId, place);
      if (!draft) return { body: opening, title: null };
      return { body: opening && !draft.body.includes(opening) ? `${draft.body}\n\n${opening}` : draft.body, title: draft.title };
    },
  };
}
