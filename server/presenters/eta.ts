/** ETA notes as members read them: the current promise, what it changed from, and its outcome. */
import type { EtaNote } from '../../models';
import type { EtaStatus } from '../../models/etaNote';
import { timeView, type TimeView } from './forum';
import { AuthorFields, AuthorView, presentAuthor } from './members';

/** What is shown of a note: a model instance (the ETA page) or a plain row (server/read/etaNotes.ts). */
export type EtaNoteFacts = Pick<EtaNote, 'id' | 'html' | 'promisedWindow' | 'dueAt' | 'closedAt' | 'closeReason' | 'createdAt'> & {
  status: EtaStatus;
  author?: AuthorFields | null;
  closedBy?: AuthorFields | null;
  followUpPost?: { number: number } | null;
};

/** A post's newest notes, oldest first (the last two are all the block shows), and how many it has. */
export interface EtaTrail {
  notes: EtaNoteFacts[];
  total: number;
}

export interface EtaNoteView {
  id: number;
  author: AuthorView | null;
  html: string;
  promisedWindow: string | null;
  dueAt: TimeView | null;
  at: TimeView;
  status: EtaNote['status'];
  /** Open and past its due time. */
  overdue: boolean;
  closed: { at: TimeView; by: AuthorView | null; reason: string | null; followUpNumber: number | null } | null;
}

export interface EtaBlockView {
  current: EtaNoteView;
  /** "ETA changed from <from> to <to> on <at>" when the current note replaced an earlier promise with another. */
  change: { from: string; to: string; at: TimeView } | null;
  /** "New ETA on <at>": a note after a closed one, or one that restates the same promise (never "from X to X"). */
  renewed: { at: TimeView } | null;
  earlierCount: number;
  historyUrl: string;
}

export function etaHistoryUrl(postId: number): string {
  return `/posts/${postId}/eta`;
}

export function presentEtaNote(note: EtaNoteFacts, now: Date): EtaNoteView {
  const closedFor = note.status === 'kept' || note.status === 'withdrawn';
  return {
    id: note.id,
    author: note.author ? presentAuthor(note.author) : null,
    html: note.html,
    promisedWindow: note.promisedWindow,
    dueAt: note.dueAt ? timeView(note.dueAt) : null,
    at: timeView(note.createdAt),
    status: note.status,
    overdue: note.status === 'open' && note.dueAt !== null && note.dueAt.getTime() < now.getTime(),
    closed:
      closedFor && note.closedAt
        ? {
            at: timeView(note.closedAt),
            by: note.closedBy ? presentAuthor(note.closedBy) : null,
            reason: note.closeReason,
            followUpNumber: note.followUpPost?.number ?? null,
          }
        : null,
  };
}

function windowWords(note: EtaNoteFacts): string {
  return note.promisedWindow ?? 'no set time';
}

/** A post's trail -> the block shown under the post, or null without notes. */
export function presentEtaBlock(postId: number, trail: EtaTrail | null, now: Date): EtaBlockView | null {
  const notes = trail?.notes ?? [];
  if (notes.length === 0) return null;
  const current = notes[notes.length - 1];
  const previous = notes.length > 1 ? notes[notes.length - 2] : null;
  const changed = previous !== null && previous.status === 'replaced' && windowWords(previous) !== windowWords(current);
  return {
    current: presentEtaNote(current, now),
    change: changed ? { from: windowWords(previous), to: windowWords(current), at: timeView(current.createdAt) } : null,
    renewed: previous && !changed ? { at: timeView(current.createdAt) } : null,
    earlierCount: trail!.total - 1,
    historyUrl: etaHistoryUrl(postId),
  };
}
