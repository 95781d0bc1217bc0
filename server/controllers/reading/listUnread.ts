/** "N new" for the threads of a list page, in one query for the whole list (nothing for visitors). */
import type { Database } from '../../db';
import { Actor, tracksReading } from '../../policies';
import { unreadByThread, UnreadView } from '../../presenters/reading';
import { readPositions } from '../../read/readPositions';

export async function unreadOfListedThreads(db: Database, actor: Actor, threadIds: number[]): Promise<Record<number, UnreadView>> {
  if (!tracksReading(actor) || actor.memberId === null) return {};
  return unreadByThread(await readPositions(db, actor.memberId, threadIds));
}

/** The same marks in the order of a list (null where nothing is new), for templates that walk the list by index. */
export async function unreadMarksInOrder(db: Database, actor: Actor, threadIds: Array<number | null>): Promise<Array<UnreadView | null>> {
  const unread = await unreadOfListedThreads(db, actor, threadIds.filter((id): id is number => id !== null));
  return threadIds.map((id) => (id === null ? null : unread[id] ?? null));
}
