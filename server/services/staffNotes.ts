/** Staff annotations on posts: ETA notes and the thread's official answer. */
import type { Database, WriteOptions } from '../db';
import type { EtaNote } from '../../models';
import { NotFoundError } from '../errors';
import { renderMarkdown } from '../markdown';

export interface NewEtaNote {
  postId: number;
  authorId: number;
  source: string;
  promisedWindow?: string | null;
  dueAt?: Date | null;
  at?: Date;
}

export async function addEtaNote(db: Database, input: NewEtaNote, options: WriteOptions = {}): Promise<EtaNote> {
  const at = input.at ?? new Date();
  return db.writeTransaction((transaction) =>
    db.models.EtaNote.create(
      {
        postId: input.postId,
        authorId: input.authorId,
        source: input.source,
        html: renderMarkdown(input.source).html,
        promisedWindow: input.promisedWindow ?? null,
        dueAt: input.dueAt ?? null,
        createdAt: at,
        updatedAt: at,
      },
      { transaction },
    ),
    options.transaction,
  );
}

/** Makes a post its thread's official answer. */
export async function markOfficialAnswer(
  db: Database,
  threadId: number,
  postNumber: number,
  options: WriteOptions = {},
): Promise<void> {
  await db.writeTransaction(async (transaction) => {
    const post = await db.models.Post.findOne({ where: { threadId, number: postNumber }, transaction });
    if (!post) throw new NotFoundError('That post does not exist.');
    await db.models.Thread.update({ officialPostId: post.id }, { where: { id: threadId }, transaction });
  }, options.transaction);
}
