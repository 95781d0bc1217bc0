/** Boards: creating them, the full list (staff forms), and which threads a board lists. Board pages read plain rows (server/read/boardPages.ts). */
import type { Database } from '../db';
import type { Board, Thread } from '../../models';
import { AUTHOR_ATTRIBUTES } from './members';

export const THREADS_PER_PAGE = 20;

export interface NewBoard {
  slug: string;
  name: string;
  description?: string;
  position?: number;
  staffOnlyThreads?: boolean;
}

export async function createBoard(db: Database, input: NewBoard): Promise<Board> {
  return db.writeTransaction((transaction) =>
    db.models.Board.create(
      {
        slug: input.slug,
        name: input.name,
        description: input.description ?? '',
        position: input.position ?? 0,
        staffOnlyThreads: input.staffOnlyThreads ?? false,
        lastThreadId: null,
        lastPostAt: null,
      },
      { transaction },
    ),
  );
}

/** Every board's id, slug and name in display order (move targets, filters, search's board list): plain rows, one query. */
export async function listBoardChoices(db: Database): Promise<Array<{ id: number; slug: string; name: string }>> {
  const rows = await db.read<{ id: unknown; slug: unknown; name: unknown }>('SELECT id, slug, name FROM boards ORDER BY position, id', {});
  return rows.map((row) => ({ id: Number(row.id), slug: String(row.slug), name: String(row.name) }));
}

/** Every board with its latest thread and that thread's last poster, in one query. */
export async function listBoards(db: Database): Promise<Board[]> {
  const { Board, Thread, Member } = db.models;
  return Board.findAll({
    include: [
      {
        model: Thread,
        as: 'lastThread',
        attributes: ['id', 'title', 'slug', 'lastPostAt', 'lastPostNumber'],
        include: [{ model: Member, as: 'lastPoster', attributes: AUTHOR_ATTRIBUTES }],
      },
    ],
    order: [['position', 'ASC'], ['id', 'ASC']],
  });
}

/** Whether a thread is pinned at this moment: a pin with a passed end date no longer counts. */
export function isPinnedAt(thread: Pick<Thread, 'isPinned' | 'pinnedUntil'>, now: Date): boolean {
  return thread.isPinned && (thread.pinnedUntil === null || thread.pinnedUntil.getTime() > now.getTime());
}

/** Threads a board lists: staff also see the hidden ones (marked); nobody else does. */
export function listedThreadCount(board: Pick<Board, 'threadCount' | 'hiddenThreadCount'>, withHidden: boolean): number {
  return withHidden ? board.threadCount : board.threadCount - board.hiddenThreadCount;
}
