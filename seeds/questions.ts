/**
 * The staff Q&A desk's seed: which boards are Q&A boards, and which posts of the rollout thread
 * asked the team and which staff post answered them (seeds/data/questions.json). Post 2 (Wendy C)
 * is still waiting. Re-runnable: a post already a question is left as it is.
 */
import type { Database } from '../server/db';
import { markAnsweredBy, markAsQuestion } from '../server/services/questions/staffActions';
import { select } from '../server/read/rows';
import desk from './data/questions.json';
import rollout from './data/rollout.json';

export async function seedQuestions(db: Database): Promise<number> {
  await db.writeTransaction(async (transaction) => {
    await db.sequelize.query('UPDATE boards SET is_qa = :yes WHERE slug IN (:slugs)', { replacements: { yes: true, slugs: desk.qaBoards }, transaction });
  });
  const posts = await select(
    db,
    `SELECT p.id, p.number, q.post_id AS question FROM posts p JOIN threads t ON t.id = p.thread_id
     LEFT JOIN questions q ON q.post_id = p.id WHERE t.title = :title AND p.number IN (:numbers)`,
    { title: rollout.thread.title, numbers: desk.questions.map((question) => question.post) },
  );
  let created = 0;
  for (const question of desk.questions) {
    const post = posts.find((row) => Number(row.number) === question.post);
    if (!post || post.question !== null) continue;
    await markAsQuestion(db, { postId: Number(post.id) });
    if (question.answeredBy) await markAnsweredBy(db, { postId: Number(post.id), answerNumber: question.answeredBy });
    created += 1;
  }
  return created;
}
