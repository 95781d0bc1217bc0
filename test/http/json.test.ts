/** Every page answers in JSON too, from the same view models and with the same permission checks. */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import rollout from '../../seeds/data/rollout.json';
import { createTestForum, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, signIn, submitForm } from '../helpers/session';

let forum: TestForum;
let threadPath: string;
let threadId: number;

beforeAll(async () => {
  forum = await createTestForum();
  ({ threadId, threadPath } = await rolloutThread(forum));
  const goran = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
  const post = await forum.db.models.Post.findOne({ where: { threadId, number: 4 } });
  await submitForm(goran, threadPath, `/posts/${post!.id}/hide`, { reason: 'Personal details' });
});
afterAll(() => forum.destroy());

/** Things that must never appear in any JSON answer. */
const NEVER = [/password/i, /"sid"/, /session/i, /csrf/i, /"data"\s*:/];

function expectNothingPrivate(body: string) {
  for (const pattern of NEVER) expect(body).not.toMatch(pattern);
}

describe.each([
  ['anonymous', null],
  ['contributor', 'MsS'],
  ['moderator', 'AveryO'],
])('the thread\'s JSON as %s', (role, username) => {
  let agent: Agent;
  beforeAll(async () => {
    agent = username ? await signIn(forum.app, username, DEVELOPMENT_PASSWORD) : request.agent(forum.app);
  });

  it('holds the posts with numbers and authors, by suffix and by Accept header alike', async () => {
    const bySuffix = await agent.get(`${threadPath}.json`).expect(200);
    expect(bySuffix.headers['content-type']).toMatch(/application\/json/);
    const byAccept = await agent.get(threadPath).set('Accept', 'application/json').expect(200);
    expect(byAccept.body.posts.map((post: { number: number }) => post.number)).toEqual(bySuffix.body.posts.map((post: { number: number }) => post.number));
    const { body } = bySuffix;
    expect(body.page).toBe('forum/thread');
    expect(body.thread.title).toBe(rollout.thread.title);
    expect(body.posts.map((post: { number: number }) => post.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(body.posts[0].author).toMatchObject({ displayName: 'Lena E', rankTitle: 'Community Manager', memberSince: 'Apr 7, 2015' });
    expect(body.officialAnswer.postNumber).toBe(1);
    expect(body.posts[5].eta.current.promisedWindow).toBe('24-48 hours');
    expectNothingPrivate(bySuffix.text);
  });

  it('shows the hidden post only as staff may', async () => {
    const { body, text } = await agent.get(`${threadPath}.json`).expect(200);
    const hidden = body.posts[3];
    if (role === 'moderator') {
      expect(hidden.html).toContain('your profile is marked private');
      expect(hidden.hidden.reason).toBe('Personal details');
    } else {
      expect(hidden.html).toBe('');
      expect(hidden.hidden.reason).toBeNull();
      expect(text).not.toContain('your profile is marked private');
      expect(text).not.toContain('Personal details');
    }
  });
});

it('answers for the home, board, profile and post pages', async () => {
  const home = await request(forum.app).get('/.json').expect(200);
  expect(home.body.boards.map((board: { name: string }) => board.name)).toEqual(['Announcements', 'Identity Verification Q&A', 'General Discussion']);
  const board = await request(forum.app).get('/b/announcements.json').expect(200);
  expect(board.body.threads[0]).toMatchObject({ title: rollout.thread.title, replyCount: 9, hasOfficialAnswer: true });
  const post = await request(forum.app).get(`${threadPath}/6.json`).expect(200);
  expect(post.body.targetPostNumber).toBe(6);
  const profile = await request(forum.app).get('/u/WendyC.json').expect(200);
  // Wendy wrote 2 posts; post 4 is hidden (above), so others count 1 and see only the other.
  expect(profile.body.details.postCount).toBe(1);
  expect(profile.body.details.recentPosts.map((post: { postNumber: number }) => post.postNumber)).not.toContain(4);
  expectNothingPrivate(profile.text);
});

it('keeps private profile details out of JSON for others', async () => {
  const anonymous = await request(forum.app).get('/u/RafehG.json').expect(200);
  expect(anonymous.body.member.displayName).toBe('Rafeh G');
  expect(anonymous.body.details).toBeNull();
  expect(anonymous.text).not.toContain('verfication');
  const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
  const own = await rafeh.get('/u/RafehG.json').expect(200);
  expect(own.body.details.postCount).toBe(2);
});

it('keeps staff pages closed in JSON too, and answers errors in JSON', async () => {
  const member = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
  const forbidden = await member.get('/staff/log.json').expect(403);
  expect(forbidden.body).toEqual({ error: { status: 403, message: 'The moderation log is for staff.' } });
  const missing = await request(forum.app).get('/t/9999/nothing.json').expect(404);
  expect(missing.body.error.status).toBe(404);
  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const log = await avery.get('/staff/log.json').expect(200);
  expect(log.body.entries[0].action).toBe('post.hide');
});

it('keeps the .json suffix through redirects', async () => {
  const res = await request(forum.app).get(`/t/${threadId}/wrong-slug.json`).expect(301);
  expect(res.headers.location).toBe(`${threadPath}.json`);
});

it('tells a signed-in member who they are and how many notifications and messages wait', async () => {
  const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
  const { body } = await rafeh.get('/notifications.json').expect(200);
  expect(body.viewer).toEqual({ username: 'RafehG', displayName: 'Rafeh G', role: 'contributor', unreadNotifications: 0, unreadMessages: 0 });
  expect(body.groups).toEqual([]);
});

it('answers 401 in JSON for sign-in-only pages asked for anonymously, by suffix or Accept', async () => {
  for (const res of [
    await request(forum.app).get('/notifications.json'),
    await request(forum.app).get('/settings').set('Accept', 'application/json'),
    await request(forum.app).get('/staff/log.json'),
  ]) {
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { status: 401, message: 'Sign in first.' } });
  }
  // Browsers still go to the sign-in page and come back.
  const page = await request(forum.app).get('/notifications').expect(303);
  expect(page.headers.location).toBe('/signin?next=%2Fnotifications');
});

it('gives the role form only to the manager who may use it', async () => {
  const anonymous = await request(forum.app).get('/u/MsS.json').expect(200);
  expect(anonymous.body.roleForm).toBeNull();
  expect(anonymous.body.roleChoices).toBeNull();
  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  expect((await avery.get('/u/MsS.json').expect(200)).body.roleForm).toBeNull();
  const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
  const managed = (await lena.get('/u/MsS.json').expect(200)).body;
  expect(managed.roleForm.values.role).toBe('contributor');
  expect(managed.roleChoices.map((c: { value: string }) => c.value)).toContain('moderator');
  // Not on her own profile: nobody changes their own role.
  expect((await lena.get('/u/LenaE.json').expect(200)).body.roleForm).toBeNull();
});
