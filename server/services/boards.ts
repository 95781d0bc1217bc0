/** Boards: the home page list and a board's page of threads. */
import { Op, type Order } from 'sequelize';
import type { Database } from '../db';
import type { Board, Thread } from '../../models';
import { NotFoundError } from '../errors';
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

export interface BoardPage {
  board: Board;
  threads: Thread[];
  page: number;
  pageCount: number;
  now: Date;
}

/** Whether a thread is pinned at this moment: a pin with a passed end date no longer counts. */
export function isPinnedAt(thread: Pick<Thread, 'isPinned' | 'pinnedUntil'>, now: Date): boolean {
  return thread.isPinned && (thread.pinnedUntil === null || thread.pinnedUntil.getTime() > now.getTime());
}

/** Threads a board lists: staff also see the hidden ones (marked); nobody else does. */
export function listedThreadCount(board: Pick<Board, 'threadCount' | 'hiddenThreadCount'>, withHidden: boolean): number {
  return withHidden ? board.threadCount : board.threadCount - board.hiddenThreadCount;
}

/** One page of a board's threads: pinned first (while their pin lasts), then by latest activity. */
export async function getBoardPage(
  db: Database,
  slug: string,
  page: number,
  { withHidden = false, now = new Date() }: { withHidden?: boolean; now?: Date } = {},
): Promise<BoardPage> {
  const { Board, Thread, Member } = db.models;
  const board = await Board.findOne({ where: { slug } });
  if (!board) throw new NotFoundError('There is no board at this address.');
  const pageCount = Math.max(1, Math.ceil(listedThreadCount(board, withHidden) / THREADS_PER_PAGE));
  const visible = withHidden ? {} : { hiddenAt: null };
  if (page > pageCount) throw new NotFoundError('This board has no page with that number.');
  const include = [
    { model: Member, as: 'author', attributes: AUTHOR_ATTRIBUTES },
    { model: Member, as: 'lastPoster', attributes: AUTHOR_ATTRIBUTES },
  ];
  const byActivity: Order = [['lastPostAt', 'DESC'], ['id', 'DESC']];
  // Pinned threads (while their pin lasts) head the first page; the rest follow by activity,
  // read through the (board_id, last_post_at) index.
  const pinned = await Thread.findAll({
    where: { boardId: board.id, ...visible, isPinned: true, [Op.or]: [{ pinnedUntil: null }, { pinnedUntil: { [Op.gt]: now } }] },
    include,
    order: byActivity,
    limit: THREADS_PER_PAGE,
  });
  const rest = await Thread.findAll({
    where: { boardId: board.id, ...visible, [Op.or]: [{ isPinned: false }, { pinnedUntil: { [Op.lte]: now } }] },
    include,
    order: byActivity,
    limit: page === 1 ? THREADS_PER_PAGE - pinned.length : THREADS_PER_PAGE,
    offset: page === 1 ? 0 : (page - 1) * THREADS_PER_PAGE - pinned.length,
  });
  const threads = page === 1 ? [...pinned, ...rest] : rest;
  return { board, threads, page, pageCount, now };
}
