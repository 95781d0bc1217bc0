/** What an edit conflict shows the editor: the current text, who changed it last and when, and the word diff to their text. */
import type { Member } from '../../models';
import type { Database } from '../db';
import { AUTHOR_ATTRIBUTES } from './members';
import type { EditConflictError } from './revisions';
import { wordDiff, type DiffSegment } from './revisionDiff';

export interface EditConflict {
  source: string;
  editor: Member | null;
  changedAt: Date;
  /** From the current text to the member's, or null when they differ too much to diff. */
  diff: DiffSegment[] | null;
}

export async function editConflictOf(db: Database, error: EditConflictError, postId: number, theirs: string): Promise<EditConflict> {
  const current = await db.models.Post.findByPk(postId, { attributes: ['id', 'editedAt', 'editedById', 'updatedAt'] });
  const editor = current?.editedById ? await db.models.Member.findByPk(current.editedById, { attributes: AUTHOR_ATTRIBUTES }) : null;
  return {
    source: error.currentSource,
    editor,
    changedAt: current?.editedAt ?? current?.updatedAt ?? new Date(),
    diff: wordDiff(error.currentSource, theirs.replace(/\r\n?/g, '\n')),
  };
}
