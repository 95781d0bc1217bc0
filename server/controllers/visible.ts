/**
 * Controllers ask here before showing anything of a thread or post: what the viewer may not read
 * answers 404, the same as what does not exist, so a hidden thread's title or a hidden post's
 * existence never shows through an address.
 */
import { NotFoundError } from '../errors';
import { Actor, canReadPost, canViewThread, type HideableSubject } from '../policies';

export function ensureThreadVisible(actor: Actor, thread: HideableSubject): void {
  if (!canViewThread(actor, thread).allowed) throw new NotFoundError('There is no thread at this address.');
}

export function ensurePostReadable(actor: Actor, post: HideableSubject, thread: HideableSubject): void {
  ensureThreadVisible(actor, thread);
  if (!canReadPost(actor, post, thread).allowed) throw new NotFoundError('That post does not exist.');
}
