/** A post's edit history with a word-level diff of each revision. */
import { diffWords } from 'diff';
import type { PostRevision } from '../../models';
import { formatDateTime } from './format';
import { AuthorView, presentAuthor } from './members';

export interface DiffSegment {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface RevisionView {
  version: number;
  editor: AuthorView | null;
  at: { iso: string; text: string };
  reason: string | null;
  /** null when the texts differ too much to diff quickly: before and after are shown whole. */
  diff: DiffSegment[] | null;
  before: string;
  after: string;
}

// Keeps a hostile pair of 20,000-character texts from stalling the page.
const DIFF_TIMEOUT_MS = 250;

export function wordDiff(before: string, after: string): DiffSegment[] | null {
  const changes = diffWords(before, after, { timeout: DIFF_TIMEOUT_MS });
  if (!changes) return null;
  return changes.map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}

export function presentRevisions(revisions: PostRevision[]): RevisionView[] {
  return revisions.map((revision) => ({
    version: revision.version,
    editor: revision.editor ? presentAuthor(revision.editor) : null,
    at: { iso: revision.createdAt.toISOString(), text: formatDateTime(revision.createdAt) },
    reason: revision.reason,
    diff: wordDiff(revision.sourceBefore, revision.sourceAfter),
    before: revision.sourceBefore,
    after: revision.sourceAfter,
  }));
}
