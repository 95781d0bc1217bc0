/** 200 replies sent at once by 20 signed-in members get the numbers 11..210: unique, gap-free. */
import { setPassword } from '../../server/services/accounts';
import { createPasswordHasher } from '../../server/services/passwords';
import rollout from '../../seeds/data/rollout.json';
import { createTestForum, makeMember, TestForum } from '../helpers/forum';
import { Agent, csrfTokenFrom, signIn } from '../helpers/session';

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 1000 } });
});
afterAll(() => forum.destroy());

it('numbers 200 concurrent HTTP replies without gaps or duplicates, counters matching', async () => {
  const thread = (await forum.db.models.Thread.findOne({ where: { title: rollout.thread.title } }))!;
  const passwords = createPasswordHasher(4);
  const agents: Array<{ agent: Agent; token: string }> = [];
  for (let i = 0; i < 20; i += 1) {
    const member = await makeMember(forum.db, { username: `replier${i}` });
    await setPassword({ db: forum.db, passwords }, member.id, 'concurrent-pass');
    const agent = await signIn(forum.app, member.username, 'concurrent-pass');
    agents.push({ agent, token: await csrfTokenFrom(agent, '/settings') });
  }

  const responses = await Promise.all(
    Array.from({ length: 200 }, (_, i) => {
      const { agent, token } = agents[i % agents.length];
      return agent.post(`/t/${thread.id}/replies`).type('form').send({ _csrf: token, intent: 'post', body: `Concurrent reply ${i}` });
    }),
  );
  expect(responses.map((res) => res.status)).toEqual(Array(200).fill(303));

  const landed = responses.map((res) => Number(/\/(\d+)#p\d+$/.exec(res.headers.location)![1])).sort((a, b) => a - b);
  expect(landed).toEqual(Array.from({ length: 200 }, (_, i) => i + 11));
  const stored = await forum.db.models.Post.findAll({ where: { threadId: thread.id }, attributes: ['number', 'source'], order: [['number', 'ASC']] });
  expect(stored.map((post) => post.number)).toEqual(Array.from({ length: 210 }, (_, i) => i + 1));
  expect(new Set(stored.slice(10).map((post) => post.source)).size).toBe(200);
  await thread.reload();
  expect(thread.postCount).toBe(210);
  expect(thread.lastPostNumber).toBe(210);
});
