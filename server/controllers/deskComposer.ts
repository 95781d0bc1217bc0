/**
 * The desk's part of the posting forms, kept out of the posting controller: the "I'm asking the
 * team" box (its default and what was sent), and for staff the saved replies select and its
 * "Insert" (a submit button, so it works without JavaScript), filled from the asker's badge status.
 */
import type { Database } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import { Actor, canAskTeam, canUseSavedReplies } from '../policies';
import { askingDefault } from '../presenters/questions';
import { draftCitation } from '../services/badges/citations';
import { MAX_SOURCE_LENGTH } from '../markdown';
import { askingContext } from '../services/questions/queue';
import { fillSavedReply, getSavedReply, listSavedReplies } from '../services/questions/savedReplies';

type FormBody = Record<string, unknown> | undefined;

export interface ComposerDesk {
  asking: { checked: boolean } | null;
  savedReplies: { options: Array<{ id: number; title: string }>; selected: number | null; usedId: number | null; forName: string } | null;
}

const positiveId = (value: unknown): number | null => (typeof value === 'string' && /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : null);

/** Whether a submitted form asks the team: only members who may ask, and only when ticked. */
export function asksTeamFrom(actor: Actor, body: FormBody): boolean {
  return canAskTeam(actor).allowed && body?.asking === 'on';
}

/** The saved reply a staff reply was started from (counted when the reply is posted). */
export function savedReplyUsed(actor: Actor, body: FormBody): number | null {
  return canUseSavedReplies(actor).allowed ? positiveId(body?.savedReplyId) : null;
}

/**
 * The desk fields of a reply or new-thread form. A form sent back keeps the member's choice
 * (askingShown says the box was on it); a fresh one starts from askingDefault.
 */
export async function composerDesk(
  db: Database,
  actor: Actor,
  where: { threadId: number } | { boardId: number },
  form: { body: string; sent: FormBody; forName?: string | null },
): Promise<ComposerDesk> {
  let asking: ComposerDesk['asking'] = null;
  if (canAskTeam(actor).allowed) {
    asking = { checked: form.sent?.askingShown === '1' ? form.sent.asking === 'on' : askingDefault({ ...(await askingContext(db, where)), body: form.body }) };
  }
  let savedReplies: ComposerDesk['savedReplies'] = null;
  if ('threadId' in where && canUseSavedReplies(actor).allowed) {
    const options = (await listSavedReplies(db)).map((reply) => ({ id: reply.id, title: reply.title }));
    savedReplies = { options, selected: positiveId(form.sent?.savedReply), usedId: positiveId(form.sent?.savedReplyId), forName: form.forName ?? 'the member you reply to' };
  }
  return { asking, savedReplies };
}

/**
 * "Insert": the chosen saved reply, filled for the member the reply is for (the cited member, or
 * the author of the post replied to), appended to the text; the reply will cite their status.
 */
export async function insertSavedReply(
  db: Database,
  actor: Actor,
  input: { body: string; savedReplyId: unknown; forUsername: string | null; now: Date },
): Promise<{ body: string; cite: string; savedReplyId: number }> {
  if (!canUseSavedReplies(actor).allowed) throw new ValidationError({ form: 'Only staff use saved replies.' });
  const id = positiveId(input.savedReplyId);
  if (!id) throw new ValidationError({ savedReply: 'Choose a saved reply to insert.' });
  if (!input.forUsername) throw new ValidationError({ savedReply: 'Reply to a member’s post (or cite a member) to fill a saved reply.' });
  const reply = await getSavedReply(db, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) throw new ValidationError({ savedReply: 'That saved reply no longer exists.' });
    throw error;
  });
  const draft = await draftCitation(db, input.forUsername, input.now);
  if (!draft) throw new ValidationError({ savedReply: 'There is no member with that name to cite.' });
  const filled = fillSavedReply(reply.source, draft, input.now);
  const body = input.body.trim() === '' ? filled : `${input.body.replace(/\s+$/, '')}\n\n${filled}`;
  if (body.length > MAX_SOURCE_LENGTH) throw new ValidationError({ body: 'The saved reply does not fit in this post.' });
  return { body, cite: draft.member.username, savedReplyId: id };
}
