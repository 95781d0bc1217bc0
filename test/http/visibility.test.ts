/**
 * One visibility rule on every surface that lists posts or threads: a hidden post, and a whole
 * thread hidden by staff, never reach anyone but their author (the thread's starter) and staff —
 * not on the thread page, profile, board, home, feeds, search, notifications, quotes, history,
 * JSON twins, follow redirects or counts. Restoring brings everything back; retitling redirects.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, signIn, submitForm } from '../helpers/session';

let forum: TestForum;
let rolloutPath: string;
let rolloutId: number;
let anonymous: Agent;
let starter: Agent; // MarijaJ starts the thread that gets hidden
let replier: Agent; // MsS replies in it (and follows it)
let outsider: Agent; // WendyC, a member with nothing to do with it
let moderator: Agent; // GoranV

const SECRET_TITLE = 'Zanzibar quokka rollout leak';
const SECRET_REPLY = 'Quokkas reply with a phone number 555-0199';
let secret: { id: number; path: string };

const textOf = async (agent: Agent, path: string) => (await agent.get(path)).text;

beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 100 } });
  ({ threadId: rolloutId, threadPath: rolloutPath } = await rolloutThread(forum));
  anonymous = request.agent(forum.app);
  [starter, replier, outsider, moderator] = await Promise.all(
    ['MarijaJ', 'MsS', 'WendyC', 'GoranV'].map((name) => signIn(forum.app, name, DEVELOPMENT_PASSWORD)),
  );
  const started = await submitForm(starter, '/b/general/threads/new', '/b/general/threads', {
    title: SECRET_TITLE,
    body: 'The first post of a thread that staff will hide.',
    intent: 'post',
  });
  expect(started.status).toBe(303);
  const id = Number(/^\/t\/(\d+)\//.exec(started.headers.location)![1]);
  const thread = (await forum.db.models.Thread.findByPk(id))!;
  secret = { id, path: `/t/${id}/${thread.slug}` };
  await submitForm(replier, secret.path, `/t/${id}/replies`, { body: SECRET_REPLY, intent: 'post' }).then((res) => expect(res.status).toBe(303));
});
afterAll(() => forum.destroy());

describe('a hidden post', () => {
  let postId: number;
  const HIDDEN_TEXT = 'my personal phone is 555-0142, call me';

  beforeAll(async () => {
    await submitForm(replier, rolloutPath, `/t/${rolloutId}/replies`, { body: `@WendyC ${HIDDEN_TEXT}`, intent: 'post' });
    const post = await forum.db.models.Post.findOne({ where: { threadId: rolloutId }, order: [['number', 'DESC']] });
    postId = post!.id;
    // Wendy was mentioned: one unread notification, before the post is hidden.
    expect((await outsider.get('/notifications.json').expect(200)).body.groups.flatMap((g: { notifications: unknown[] }) => g.notifications)).not.toHaveLength(0);
    await submitForm(moderator, rolloutPath, `/posts/${postId}/hide`, { reason: 'Personal details' }).then((res) => expect(res.status).toBe(303));
  });

  it('is not on its author\'s profile, page or JSON, for anyone but the author and staff; counts follow', async () => {
    const author = await forum.db.models.Member.findOne({ where: { usernameKey: 'mss' } });
    for (const agent of [anonymous, outsider]) {
      expect(await textOf(agent, '/u/MsS')).not.toContain('555-0142');
      const json = (await agent.get('/u/MsS.json').expect(200)).body;
      expect(JSON.stringify(json)).not.toContain('555-0142');
      expect(json.details.postCount).toBe(author!.postCount - author!.hiddenPostCount);
      expect(author!.hiddenPostCount).toBeGreaterThan(0);
    }
    for (const agent of [replier, moderator]) {
      const page = html(await textOf(agent, '/u/MsS'));
      expect(page('.recent-posts__item').first().text()).toContain('555-0142');
      expect(page('.recent-posts__item').first().find('.tag--hidden').text()).toBe('Hidden');
      expect((await agent.get('/u/MsS.json').expect(200)).body.details.postCount).toBe(author!.postCount);
    }
  });

  it('is not in the thread feed, search, quotes, history or the mentioned member\'s notifications', async () => {
    for (const agent of [anonymous, outsider]) {
      expect(await textOf(agent, `/t/${rolloutId}/feed.atom`)).not.toContain('555-0142');
      const search = await agent.get('/search.json?q=%22personal+phone%22').expect(200);
      expect(JSON.stringify(search.body)).not.toContain('555-0142');
      await agent.get(`/posts/${postId}/history`).expect(404);
      await agent.get(`/posts/${postId}/eta`).expect(404);
    }
    await outsider.get(`/t/${rolloutId}/replies/new?quote=${(await forum.db.models.Post.findByPk(postId))!.number}`).expect(403);
    const notifications = (await outsider.get('/notifications.json').expect(200)).body;
    expect(JSON.stringify(notifications)).not.toContain(`"postNumber":${(await forum.db.models.Post.findByPk(postId))!.number}`);
    expect(notifications.viewer.unreadNotifications).toBe(0);
    // Staff find it.
    const staffSearch = await moderator.get('/search.json?q=%22personal+phone%22').expect(200);
    expect(JSON.stringify(staffSearch.body)).toContain('555');
  });
});

describe('a hidden thread', () => {
  beforeAll(async () => {
    // Wendy follows it first, so a notification about it is waiting when it is hidden.
    await submitForm(outsider, secret.path, `/t/${secret.id}/follow`, {}).then((res) => expect(res.status).toBe(303));
    await submitForm(starter, secret.path, `/t/${secret.id}/replies`, { body: 'Anyone from staff?', intent: 'post' });
    const hidden = await submitForm(moderator, secret.path, `/t/${secret.id}/hide`, { reason: 'Leaks an unannounced rollout' });
    expect(hidden.status).toBe(303);
  });

  it('answers 404 to others on every address of it (page, permalink, JSON, old slug, feed, replies, follow)', async () => {
    for (const agent of [anonymous, outsider, replier]) {
      for (const path of [secret.path, `${secret.path}.json`, `${secret.path}/2`, `/t/${secret.id}`, `/t/${secret.id}/old-slug`, `/t/${secret.id}/feed.atom`]) {
        const res = await agent.get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        expect(res.text).not.toContain('Zanzibar');
        expect(res.headers.location ?? '').not.toContain('zanzibar');
      }
    }
    await outsider.get(`/t/${secret.id}/replies/new`).expect(404);
    const follow = await submitForm(outsider, '/', `/t/${secret.id}/follow`, {});
    expect(follow.status).toBe(404);
    expect(follow.headers.location ?? '').not.toContain('zanzibar');
  });

  it('shows its starter and staff the thread with the reason; nobody can reply', async () => {
    for (const agent of [starter, moderator]) {
      const page = html(await textOf(agent, secret.path));
      expect(page('h1').text()).toBe(SECRET_TITLE);
      expect(page('.notice--thread-hidden').text()).toContain('Leaks an unannounced rollout');
      expect(page('.reply-box')).toHaveLength(0);
    }
    const refused = await submitForm(starter, secret.path, `/t/${secret.id}/replies`, { body: 'Why was it hidden? My long text.', intent: 'post' });
    expect(refused.status).toBe(403);
    // The text typed is not lost.
    expect(html(refused.text)('textarea[name="body"]').text()).toContain('My long text.');
  });

  it('is not listed on the board, home, board feed or search, and its posts leave the authors\' public counts', async () => {
    const board = (await forum.db.models.Board.findOne({ where: { slug: 'general' } }))!;
    for (const agent of [anonymous, outsider, starter]) {
      expect(await textOf(agent, '/b/general')).not.toContain('Zanzibar');
      expect(await textOf(agent, '/b/general.json')).not.toContain('Zanzibar');
      expect(await textOf(agent, '/')).not.toContain('Zanzibar');
      const home = (await agent.get('/.json').expect(200)).body;
      const general = home.boards.find((b: { name: string }) => b.name === board.name);
      expect(general.threadCount).toBe(board.threadCount - 1);
      expect(await textOf(agent, '/b/general/feed.atom')).not.toContain('Zanzibar');
      expect(await textOf(agent, '/feeds/official-answers.atom')).not.toContain('Zanzibar');
      const search = (await agent.get('/search.json?q=zanzibar+quokka').expect(200)).body;
      expect(JSON.stringify(search)).not.toContain('Zanzibar');
      const replySearch = (await agent.get('/search.json?q=quokkas+phone').expect(200)).body;
      expect(JSON.stringify(replySearch)).not.toContain('555-0199');
    }
    // Staff see it on the board, marked, and find it.
    const staffBoard = html(await textOf(moderator, '/b/general'));
    const row = staffBoard('a').filter((_, e) => staffBoard(e).text().includes('Zanzibar')).closest('li, tr, article');
    expect(row.find('.tag--hidden').text()).toBe('Hidden');
    expect(JSON.stringify((await moderator.get('/search.json?q=zanzibar+quokka').expect(200)).body)).toContain('Zanzibar');

    for (const agent of [anonymous, outsider]) {
      expect(await textOf(agent, '/u/MsS')).not.toContain('Quokkas');
      expect(await textOf(agent, '/u/MarijaJ')).not.toContain('Zanzibar');
    }
    // A reply's author is not the thread's starter: the hidden thread is hidden from her too. Staff see it.
    expect(await textOf(replier, '/u/MsS')).not.toContain('Quokkas');
    expect(await textOf(moderator, '/u/MsS')).toContain('Quokkas');
  });

  it('drops out of the notifications of those who may not see it', async () => {
    const wendy = (await outsider.get('/notifications.json').expect(200)).body;
    expect(JSON.stringify(wendy)).not.toContain('Zanzibar');
    expect(wendy.viewer.unreadNotifications).toBe(0);
  });

  it('is logged, and restoring it brings it all back', async () => {
    const log = (await moderator.get('/staff/log.json?kind=thread').expect(200)).body;
    expect(log.entries[0]).toMatchObject({ action: 'thread.hide', reason: 'Leaks an unannounced rollout' });
    const restored = await submitForm(moderator, secret.path, `/t/${secret.id}/restore`, { reason: 'Announced now' });
    expect(restored.status).toBe(303);
    expect(html(await textOf(anonymous, secret.path))('h1').text()).toBe(SECRET_TITLE);
    expect(await textOf(anonymous, '/b/general')).toContain('Zanzibar');
    expect(JSON.stringify((await anonymous.get('/search.json?q=zanzibar+quokka').expect(200)).body)).toContain('Zanzibar');
    const board = (await forum.db.models.Board.findOne({ where: { slug: 'general' } }))!;
    expect(board.hiddenThreadCount).toBe(0);
    expect(board.hiddenPostCount).toBe(0);
    expect((await forum.db.models.Thread.findByPk(board.lastThreadId!))!.id).toBe(secret.id);
  });
});

describe('retitling a thread', () => {
  it('needs staff and a reason, logs old and new title, and the old address redirects to the new one', async () => {
    const before = (await forum.db.models.Thread.findByPk(secret.id))!;
    const missingReason = await submitForm(moderator, secret.path, `/t/${secret.id}/title`, { title: 'Quokka rollout, announced', reason: '' });
    expect(missingReason.status).toBe(422);
    expect(html(missingReason.text)('input[name="title"]').val()).toBe('Quokka rollout, announced');
    await submitForm(starter, secret.path, `/t/${secret.id}/title`, { title: 'Starter renames it', reason: 'mine' }).then((res) => expect(res.status).toBe(403));

    const renamed = await submitForm(moderator, secret.path, `/t/${secret.id}/title`, { title: 'Quokka rollout, announced', reason: 'The old title named a customer' });
    expect(renamed.status).toBe(303);
    expect(renamed.headers.location).toBe(`/t/${secret.id}/quokka-rollout-announced`);
    const old = await anonymous.get(`/t/${before.id}/${before.slug}`).expect(301);
    expect(old.headers.location).toBe(`/t/${secret.id}/quokka-rollout-announced`);
    expect(JSON.stringify((await anonymous.get('/search.json?q=zanzibar').expect(200)).body)).not.toContain('Zanzibar');
    expect(JSON.stringify((await anonymous.get('/search.json?q=announced+quokka').expect(200)).body)).toContain('Quokka rollout, announced');
    const log = (await moderator.get('/staff/log.json?kind=thread').expect(200)).body;
    expect(log.entries[0]).toMatchObject({ action: 'thread.retitle', reason: 'The old title named a customer' });
    expect(log.entries[0].summary).toContain(SECRET_TITLE);
  });
});

describe('mentions', () => {
  it('notify a member once without making them follow the thread', async () => {
    const thread = (await forum.db.models.Thread.findByPk(secret.id))!;
    const path = `/t/${thread.id}/${thread.slug}`;
    const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
    await submitForm(rafeh, '/notifications', '/notifications/read-all', {});
    await submitForm(moderator, path, `/t/${thread.id}/replies`, { body: '@RafehG have a look at this.', intent: 'post' });
    await submitForm(moderator, path, `/t/${thread.id}/replies`, { body: 'A later reply that should not reach Rafeh.', intent: 'post' });
    const notifications = (await rafeh.get('/notifications.json').expect(200)).body;
    const kinds = notifications.groups.flatMap((g: { notifications: Array<{ kind: string }> }) => g.notifications.map((n) => n.kind));
    expect(kinds).toEqual(['mention']);
    expect(html(await textOf(rafeh, path))('form[action$="/follow"] button').text()).toBe('Follow');
  });
});
