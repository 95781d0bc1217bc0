/**
 * A page of a post's edit history: each revision with its stored word diff (never diffed here),
 * or both versions whole when the texts differed too much. A redacted revision shows only that
 * it was redacted and when: its texts are gone from the database.
 */
import type { RevisionPage, RevisionRow } from '../services/revisionHistory';
import { DiffSegment, parseStoredDiff } from '../services/revisionDiff';
import { timeView, TimeView } from './forum';
import { AuthorView, presentAuthor } from './members';
import { postHistoryUrl } from './urls';

export type { DiffSegment } from '../services/revisionDiff';

export interface RevisionView {
  version: number;
  editor: AuthorView | null;
  at: TimeView;
  reason: string | null;
  /** "[redacted by a moderator on …]" instead of the texts; null when not redacted. */
  redacted: { at: TimeView; notice: string } | null;
  /** null when the texts differ too much to diff quickly (or were redacted). */
  diff: DiffSegment[] | null;
  /** Both versions whole, only when there is no diff to show. */
  before: string | null;
  after: string | null;
}

export interface HistoryPageView {
  revisions: RevisionView[];
  /** The next page, with older revisions; null on the last one. */
  olderUrl: string | null;
  /** The newest revisions, when this is not the first page. */
  newestUrl: string | null;
}

export const TOO_DIFFERENT_NOTICE = 'The texts differ too much to show a word diff; both versions are shown.';

function presentRevision(revision: RevisionRow): RevisionView {
  const common = {
    version: revision.version,
    editor: revision.editor ? presentAuthor(revision.editor) : null,
    at: timeView(revision.createdAt),
    reason: revision.reason,
  };
  if (revision.redactedAt) {
    const at = timeView(revision.redactedAt);
    // The newest revision keeps its "after": it is the post's current text, shown on the thread.
    return { ...common, redacted: { at, notice: `[redacted by a moderator on ${at.text}]` }, diff: null, before: null, after: revision.sourceAfter || null };
  }
  const diff = parseStoredDiff(revision.diff);
  return diff
    ? { ...common, redacted: null, diff, before: null, after: null }
    : { ...common, redacted: null, diff: null, before: revision.sourceBefore, after: revision.sourceAfter };
}

export function presentHistoryPage(postId: number, page: RevisionPage, isFirstPage: boolean): HistoryPageView {
  return {
    revisions: page.revisions.map(presentRevision),
    olderUrl: page.olderThanVersion === null ? null : `${postHistoryUrl(postId)}?before=${page.olderThanVersion}`,
    newestUrl: isFirstPage ? null : postHistoryUrl(postId),
  };
}
