/**
 * The word diff of one revision, computed once when the edit is saved and stored with it, so the
 * history page never diffs on a read. jsdiff (`diff`) does the work; its maxEditLength and timeout
 * options bound it: two very different 20,000-character texts give up in about 100 ms instead of
 * seconds, and the history then shows both versions whole.
 */
import { diffWords } from 'diff';

export interface DiffSegment {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Edits (words and spaces added or removed) beyond which the diff is not worth showing. */
export const MAX_DIFF_EDIT_LENGTH = 500;
/** A hard stop for the diff of one revision, whatever the texts. */
export const DIFF_TIMEOUT_MS = 100;

/** The word diff of two texts, or null when they differ too much to diff within the bounds. */
export function wordDiff(before: string, after: string): DiffSegment[] | null {
  const changes = diffWords(before, after, { maxEditLength: MAX_DIFF_EDIT_LENGTH, timeout: DIFF_TIMEOUT_MS });
  if (!changes) return null;
  return changes.map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}

/** The stored form: JSON of the segments, or null for "too different, both versions are shown". */
export function storedDiff(before: string, after: string): string | null {
  const segments = wordDiff(before, after);
  return segments ? JSON.stringify(segments) : null;
}

/** Reads a stored diff back; anything unreadable counts as no diff (both versions are shown). */
export function parseStoredDiff(stored: string | null): DiffSegment[] | null {
  if (!stored) return null;
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? (parsed as DiffSegment[]) : null;
  } catch {
    return null;
  }
}
