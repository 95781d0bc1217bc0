/**
 * The desk's part of a thread page, read and presented in one call from the forum controller: the
 * question state of the page's posts that are questions (one query, only when the posts query
 * found some) and, for members who may ask, whether the reply box's "I'm asking the team" starts
 * ticked (from the thread row's board and starter, no query).
 */
import type { Database } from '../db';
import { Actor, canAskTeam } from '../policies';
import { askingDefault, AskingView, presentQuestion, QuestionView } from '../presenters/questions';
import { askingContextOf, questionsOfPosts } from '../services/questions/queue';
import type { PostRow, ThreadRow } from './threadPage';

export interface ThreadDeskView {
  /** By post id: the posts of the page that are questions. */
  questions: Record<number, QuestionView>;
  asking: AskingView | null;
}

export async function readThreadDesk(db: Database, actor: Actor, thread: ThreadRow, posts: ReadonlyArray<PostRow>, now: Date): Promise<ThreadDeskView> {
  const rows = await questionsOfPosts(db, posts.filter((post) => post.isQuestion).map((post) => post.id), now);
  const questions: Record<number, QuestionView> = {};
  for (const [postId, row] of rows) questions[postId] = presentQuestion(row, actor);
  const asking = canAskTeam(actor).allowed
    ? { checked: askingDefault({ ...askingContextOf({ is_qa: thread.isQa, role: thread.starterRole }), body: '' }) }
    : null;
  return { questions, asking };
}
