/**
 * The questions queue deep in its pages (issue 14): 60 open questions in one board, several asked
 * at the same instant, walked through the queue's "Next questions" links with the board filter,
 * come out oldest first, each once; "recently answered" merges the two closed states (answered,
 * no answer needed) newest first. On both databases.
 */
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { QUESTIONS_PAGE_SIZE, RECENTLY_ANSWERED } from '../../server/services/questions/queue';
import { markAnsweredBy, markNotNeeded } from '../../server/services/questions/staffActions';
import { replyToThread, startThread } from '../../server/services/posting';
import { createTestForum, makeBoard, makeMember, TestForum } from '../helpers/forum';
import { Agent, signIn } from '../helpers/session';

jest.setTimeout(120_000);

const QUESTIONS = 60;
const BASE = Date.UTC(2026, 5, 1, 9, 0, 0);
let forum: TestForum;
let avery: Agent;
let boardId: number;
/** Post numbers (one thread) of the open questions in the order the queue must list them (asked_at, then post id). */
let expectedOpen: number[];
let closed: Array<{ postId: number; number: number; at: number }>;

beforeAll(async () => {
  forum = await createTestForum({ config: { firstPostApproval: false } });
  avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const staff = (await forum.db.models.Member.findOne({ where: { usernameKey: 'averyo' } }))!;
  const board = await makeBoard(forum.db);
  boardId = board.id;
  const asker = await makeMember(forum.db);
  const { thread } = await startThread(forum.db, { boardId, authorId: asker.id, title: 'Deep queue', source: 'Where is my badge?', at: new Date(BASE) });
  const asked: Array<{ postId: number; number: number; at: number }> = [];
  for (let i = 0; i < QUESTIONS + 15; i += 1) {
    // Groups of three asked in the same millisecond: the post id decides between them.
    const at = BASE + 60_000 * (1 + Math.floor(i / 3));
    const post = await replyToThread(forum.db, { threadId: thread.id, authorId: asker.id, source: `Question ${i}, still waiting`, asksTeam: true, at: new Date(at) });
    asked.push({ postId: post.id, number: post.number, at });
  }
  const answer = await replyToThread(forum.db, { threadId: thread.id, authorId: staff.id, source: 'Here is the answer.', at: new Date(BASE + 86_400_000) });
  // Fifteen closed: twelve answered and three needing no answer.
  // An answered question's time is its answer's (one post for all twelve: the post id breaks the
  // tie); a closed one's is when staff closed it, here on either side of the answer.
  closed = [];
  for (const [i, question] of asked.slice(0, 15).entries()) {
    if (i % 5 === 3) {
      const at = BASE + 86_400_000 + (i - 7) * 1_000;
      await markNotNeeded(forum.db, { postId: question.postId, staffId: staff.id, reason: 'Asked twice', at: new Date(at) });
      closed.push({ postId: question.postId, number: question.number, at });
    } else {
      await markAnsweredBy(forum.db, { postId: question.postId, answerNumber: answer.number });
      closed.push({ postId: question.postId, number: question.number, at: answer.createdAt.getTime() });
    }
  }
  expectedOpen = asked.slice(15).sort((a, b) => a.at - b.at || a.postId - b.postId).map((question) => question.number);
});
afterAll(() => forum.destroy());

interface QueuePage {
  open: Array<{ post: { number: number } }>;
  answered: Array<{ post: { number: number } }>;
  nextUrl: string | null;
}

it('lists every open question of the board once, oldest first, across its keyset pages', async () => {
  const seen: number[] = [];
  let url: string | null = `/staff/questions?board=${boardId}`;
  let pages = 0;
  while (url) {
    const page: QueuePage = (await avery.get(url).set('Accept', 'application/json').expect(200)).body;
    expect(page.open.length).toBeLessThanOrEqual(QUESTIONS_PAGE_SIZE);
    seen.push(...page.open.map((row) => row.post.number));
    url = page.nextUrl;
    pages += 1;
    expect(pages).toBeLessThan(10);
  }
  expect(pages).toBe(Math.ceil(QUESTIONS / QUESTIONS_PAGE_SIZE));
  expect(seen).toEqual(expectedOpen);
});

it('shows the latest closed questions of both states, newest first, on every page', async () => {
  const newest = [...closed].sort((a, b) => b.at - a.at || b.postId - a.postId).slice(0, RECENTLY_ANSWERED).map((question) => question.number);
  const first: QueuePage = (await avery.get(`/staff/questions.json?board=${boardId}`).expect(200)).body;
  expect(first.answered.map((row) => row.post.number)).toEqual(newest);
  const deep: QueuePage = (await avery.get(first.nextUrl!.replace('/staff/questions', '/staff/questions.json')).expect(200)).body;
  expect(deep.answered.map((row) => row.post.number)).toEqual(newest);
});
