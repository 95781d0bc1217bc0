/**
 * Kudos: giving and taking back by plain form posts and by the page script's JSON ask, the count
 * and "who gave" page through the visibility rule, the limit per member, and exact counts under
 * concurrency (200 members at once on one post; one member clicking many times at once).
 */
import { QueryTypes } from 'sequelize';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { setPassword } from '../../server/services/accounts';
import { createPasswordHasher } from '../../server/services/passwords';
import { setKudo } from '../../server/services/kudos';
import { createTestForum, html, makeMember, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, csrfTokenFrom, signIn } from '../helpers/session';
import request from 'supertest';

jest.setTimeout(180_000);

let forum: TestForum;
let threadPath: string;
/** Post 9 of the rollout thread, by Ms S. */
let postId: number;

async function counters(memberUsername: string): Promise<{ received: number; given: number }> {
  const [row] = await forum.db.sequelize.query<Record<string, unknown>>(
    'SELECT kudos_received, kudos_given FROM members WHERE username_key = :key',
    { replacements: { key: memberUsername.toLowerCase() }, type: QueryTypes.SELECT },
  );
  return { received: Number(row.kudos_received), given: Number(row.kudos_given) };
}

async function kudoCount(id: number): Promise<number> {
  const [row] = await forum.db.sequelize.query<Record<string, unknown>>('SELECT kudo_count FROM posts WHERE id = :id', { replacements: { id }, type: QueryTypes.SELECT });
  return Number(row.kudo_count);
}

beforeAll(async () => {
  forum = await createTestForum({ config: { kudosPerHour: 1000, signInLimits: { windowMs: 60_000, perAddress: 10_000, perAccount: 10_000 } } });
  threadPath = (await rolloutThread(forum)).threadPath;
  const thread = await forum.db.models.Thread.findOne({ where: { slug: threadPath.split('/')[3] } });
  postId = (await forum.db.models.Post.findOne({ where: { threadId: thread!.id, number: 9 } }))!.id;
});
afterAll(() => forum.destroy());

describe('giving kudos without JavaScript', () => {
  let wendy: Agent;
  beforeAll(async () => {
    wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
  });

  it('gives a kudo with the post form, shows the count and "You gave kudos", and takes it back', async () => {
    const page = html((await wendy.get(`${threadPath}/9`)).text);
    const form = page(`#p9 form[action="/posts/${postId}/kudos"]`);
    expect(form.find('button').text().trim()).toBe('Give kudos');
    expect(page('#p9 .kudos__count').text()).toBe('0 Kudos');
    const _csrf = form.find('input[name=_csrf]').attr('value')!;

    const given = await wendy.post(`/posts/${postId}/kudos`).type('form').send({ _csrf, give: '1' });
    expect(given.status).toBe(303);
    expect(given.headers.location).toMatch(/\/9#p9$/);
    const after = html((await wendy.get(`${threadPath}/9`)).text);
    expect(after('#p9 .kudos__count').text()).toBe('1 Kudo');
    expect(after('#p9 .kudos__button').text().trim()).toBe('You gave kudos');
    expect(after('.most-helpful').text()).toContain('Post 9');

    // A second give changes nothing: one kudo per member per post.
    await wendy.post(`/posts/${postId}/kudos`).type('form').send({ _csrf, give: '1' });
    expect(await kudoCount(postId)).toBe(1);
    expect(await counters('MsS')).toEqual({ received: 1, given: 0 });
    expect((await counters('WendyC')).given).toBe(1);

    const who = html((await request(forum.app).get(`/posts/${postId}/kudos`)).text);
    expect(who('.kudos-givers li').text()).toContain('Wendy C');
    expect(who('.kudos-count').text()).toBe('1 Kudo');

    const json = (await request(forum.app).get(`${threadPath}/9.json`)).body;
    const post9 = json.posts.find((post: { number: number }) => post.number === 9);
    expect(post9.kudos).toMatchObject({ count: 1, label: '1 Kudo', given: false, canGive: false });

    expect((await wendy.post(`/posts/${postId}/kudos`).type('form').send({ _csrf, give: '0' })).status).toBe(303);
    expect(await kudoCount(postId)).toBe(0);
    expect(await counters('MsS')).toEqual({ received: 0, given: 0 });
    const empty = html((await request(forum.app).get(`/posts/${postId}/kudos`)).text);
    expect(empty('.empty').text()).toBe('Nobody has given this post kudos yet.');
  });

  it('answers the page script (Accept: application/json) with the new count', async () => {
    const _csrf = await csrfTokenFrom(wendy, '/settings');
    const res = await wendy.post(`/posts/${postId}/kudos`).set('Accept', 'application/json').type('form').send({ _csrf, give: '1' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ postId, count: 1, label: '1 Kudo', given: true, changed: true });
    const back = await wendy.post(`/posts/${postId}/kudos`).set('Accept', 'application/json').type('form').send({ _csrf, give: '0' });
    expect(back.body).toMatchObject({ count: 0, given: false, changed: true });
  });

  it('refuses kudos to one\'s own post, from visitors and without a form token', async () => {
    const ms = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
    const own = html((await ms.get(`${threadPath}/9`)).text);
    expect(own(`#p9 form[action="/posts/${postId}/kudos"]`).length).toBe(0);
    const _csrf = await csrfTokenFrom(ms, '/settings');
    expect((await ms.post(`/posts/${postId}/kudos`).type('form').send({ _csrf, give: '1' })).status).toBe(403);
    const visitor = request.agent(forum.app);
    const visitorToken = await csrfTokenFrom(visitor, '/signin');
    expect((await visitor.post(`/posts/${postId}/kudos`).type('form').send({ _csrf: visitorToken, give: '1' })).status).toBe(403);
    expect((await wendy.post(`/posts/${postId}/kudos`).type('form').send({ give: '1' })).status).toBe(403);
    expect(await kudoCount(postId)).toBe(0);
  });
});

describe('hidden posts', () => {
  it('keeps the who-gave page of a hidden post from everyone but its author and staff', async () => {
    const thread = await forum.db.models.Thread.findOne({ where: { slug: threadPath.split('/')[3] } });
    const post = (await forum.db.models.Post.findOne({ where: { threadId: thread!.id, number: 5 } }))!; // Rafeh G's
    const marija = await forum.db.models.Member.findOne({ where: { usernameKey: 'marijaj' } });
    await setKudo(forum.db, { postId: post.id, memberId: marija!.id, give: true });
    expect(html((await request(forum.app).get(threadPath)).text)('.most-helpful').text()).toContain('Post 5');
    await post.update({ hiddenAt: new Date(), hiddenReason: 'test' });
    try {
      // "Most helpful" lists only what the reader may read: not a hidden post for visitors and members.
      expect(html((await request(forum.app).get(threadPath)).text)('.most-helpful').text()).not.toContain('Post 5');
      const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
      expect(html((await avery.get(threadPath)).text)('.most-helpful').text()).toContain('Post 5');
      expect((await request(forum.app).get(`/posts/${post.id}/kudos`)).status).toBe(404);
      const other = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
      expect((await other.get(`/posts/${post.id}/kudos`)).status).toBe(404);
      const _csrf = await csrfTokenFrom(other, '/settings');
      expect((await other.post(`/posts/${post.id}/kudos`).type('form').send({ _csrf, give: '1' })).status).toBe(404);
      const author = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
      expect((await author.get(`/posts/${post.id}/kudos`)).status).toBe(200);
      const staff = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
      expect((await staff.get(`/posts/${post.id}/kudos`)).status).toBe(200);
      // Staff read it, but nobody adds kudos to a hidden post.
      const staffToken = await csrfTokenFrom(staff, '/settings');
      expect((await staff.post(`/posts/${post.id}/kudos`).type('form').send({ _csrf: staffToken, give: '1' })).status).toBe(403);
    } finally {
      await post.update({ hiddenAt: null, hiddenReason: null });
      await setKudo(forum.db, { postId: post.id, memberId: marija!.id, give: false });
    }
  });
});

describe('concurrency', () => {
  it('counts 200 concurrent kudos from 200 members on one post as exactly 200', async () => {
    const passwords = createPasswordHasher(4);
    const agents: Array<{ agent: Agent; token: string }> = [];
    for (let i = 0; i < 200; i += 1) {
      const member = await makeMember(forum.db, { username: `kudoer${i}` });
      await setPassword({ db: forum.db, passwords }, member.id, 'kudos-pass-1');
      const agent = await signIn(forum.app, member.username, 'kudos-pass-1');
      agents.push({ agent, token: await csrfTokenFrom(agent, '/settings') });
    }
    const before = await counters('MsS');
    const responses = await Promise.all(agents.map(({ agent, token }) => agent.post(`/posts/${postId}/kudos`).type('form').send({ _csrf: token, give: '1' })));
    expect(responses.map((res) => res.status)).toEqual(Array(200).fill(303));
    expect(await kudoCount(postId)).toBe(200);
    const [{ rows }] = await forum.db.sequelize.query<{ rows: number }>('SELECT COUNT(*) AS rows FROM kudos WHERE post_id = :postId', { replacements: { postId }, type: QueryTypes.SELECT });
    expect(Number(rows)).toBe(200);
    expect((await counters('MsS')).received).toBe(before.received + 200);
    expect(html((await request(forum.app).get(`${threadPath}/9`)).text)('#p9 .kudos__count').text()).toBe('200 Kudos');

    // The who-gave page is keyset-paged: 50, then older ones, 200 in all and each once.
    const seen: string[] = [];
    let path: string | undefined = `/posts/${postId}/kudos`;
    while (path) {
      const page = html((await request(forum.app).get(path)).text);
      page('.kudos-givers li a').each((_, a) => { seen.push(page(a).text()); });
      path = page('a[rel=next]').attr('href');
    }
    expect(seen.length).toBe(200);
    expect(new Set(seen).size).toBe(200);

    // 20 clicks at once by one member who already gave: still one kudo; 20 take-backs: none.
    const { agent, token } = agents[0];
    await Promise.all(Array.from({ length: 20 }, () => agent.post(`/posts/${postId}/kudos`).type('form').send({ _csrf: token, give: '1' })));
    expect(await kudoCount(postId)).toBe(200);
    await Promise.all(Array.from({ length: 20 }, () => agent.post(`/posts/${postId}/kudos`).type('form').send({ _csrf: token, give: '0' })));
    expect(await kudoCount(postId)).toBe(199);
    expect((await counters('kudoer0')).given).toBe(0);
  });
});

describe('the limit per member', () => {
  it('refuses a member\'s kudos over KUDOS_PER_HOUR with 429 and Retry-After', async () => {
    const limited = await createTestForum({ config: { kudosPerHour: 2 } });
    try {
      const thread = await limited.db.models.Thread.findOne({ where: { slug: threadPath.split('/')[3] } });
      const post = (await limited.db.models.Post.findOne({ where: { threadId: thread!.id, number: 9 } }))!;
      const wendy = await signIn(limited.app, 'WendyC', DEVELOPMENT_PASSWORD);
      const _csrf = await csrfTokenFrom(wendy, '/settings');
      expect((await wendy.post(`/posts/${post.id}/kudos`).type('form').send({ _csrf, give: '1' })).status).toBe(303);
      expect((await wendy.post(`/posts/${post.id}/kudos`).type('form').send({ _csrf, give: '0' })).status).toBe(303);
      const refused = await wendy.post(`/posts/${post.id}/kudos`).type('form').send({ _csrf, give: '1' });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.text).toContain('kudos in the last hour');
    } finally {
      await limited.destroy();
    }
  });
});
