/** Post numbers stay unique and gap-free, and counters match, when many replies arrive at once. */
import { replyToThread, startThread } from '../../server/services/posting';
import { createTestDatabase, TestDatabase } from '../helpers/db';
import { makeBoard, makeMember } from '../helpers/forum';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

it('numbers 200 concurrent replies from many members 2..201 with no gap or duplicate', async () => {
  const { db } = database;
  const board = await makeBoard(db);
  const members: Awaited<ReturnType<typeof makeMember>>[] = [];
  for (let i = 0; i < 20; i += 1) members.push(await makeMember(db));
  const { thread } = await startThread(db, { boardId: board.id, authorId: members[0].id, title: 'Busy thread', source: 'First' });

  const replies = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      replyToThread(db, { threadId: thread.id, authorId: members[i % members.length].id, source: `Reply ${i}` }),
    ),
  );

  const numbers = replies.map((post) => post.number).sort((a, b) => a - b);
  expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 2));
  const stored = await db.models.Post.findAll({ where: { threadId: thread.id }, attributes: ['number'], order: [['number', 'ASC']] });
  expect(stored.map((post) => post.number)).toEqual(Array.from({ length: 201 }, (_, i) => i + 1));

  await thread.reload();
  expect(thread.postCount).toBe(201);
  expect(thread.lastPostNumber).toBe(201);
  await board.reload();
  expect(board.postCount).toBe(201);
  expect(board.threadCount).toBe(1);
  const postCounts = await db.models.Member.sum('postCount', { where: { id: members.map((member) => member.id) } });
  expect(postCounts).toBe(201);
});
