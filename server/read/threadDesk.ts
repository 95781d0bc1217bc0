/**
 * The desk's part of a thread page, read and presented in one call from the forum controller: the
 * question state of the page's posts (one query) and, for members who may ask, whether the reply
 * box's "I'm asking the team" starts ticked (one more query, only for them).
 */
import type { Database } from '../db';
import { Actor, canAskTeam } from '../policies';
import { askingDefault, AskingView, presentQuestion, QuestionView } from '../presenters/questions';
import { askingContext, questionsOfPosts } from '../services/questions/queue';

export interface ThreadDeskView {
  /** By post id: the posts of the page that are questions. */
  questions: Record<number, QuestionView>;
  asking: AskingView | null;
}

export async function readThreadDesk(db: Database, actor: Actor, threadId: number, postIds: number[], now: Date): Promise<ThreadDeskView> {
  const rows = await questionsOfPosts(db, postIds, now);
  const questions: Record<number, QuestionView> = {};
  for (const [postId, row] of rows) questions[postId] = presentQuestion(row, actor);
  const asking = canAskTeam(actor).allowed ? { checked: askingDefault({ ...(await askingContext(db, { threadId })), body: '' }) } : null;
  return { questions, asking };
}
