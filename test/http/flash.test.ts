/** A short confirmation after registering, posting and editing, shown once; none for anonymous readers. */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { signIn, submitForm } from '../helpers/session';

let forum: TestForum;
let threadId: number;
let threadPath: string;

beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 100 } });
  ({ threadId, threadPath } = await rolloutThread(forum));
}, 60_000);
afterAll(() => forum.destroy());

it('welcomes a new member by name, once, escaped', async () => {
  const agent = request.agent(forum.app);
  const res = await submitForm(agent, '/register', '/register', {
    username: 'FlashNew', displayName: 'Flash <b>New</b>', email: 'flash.new@example.com', password: 'correct horse battery staple', confirmPassword: 'correct horse battery staple',
  });
  expect(res.status).toBe(303);
  const first = await agent.get(res.headers.location).expect(200);
  expect(first.text).not.toContain('<b>New</b>');
  expect(html(first.text)('.flash').text()).toBe('Welcome, Flash <b>New</b>! You are signed in; follow a board or start a thread.');
  expect(html((await agent.get('/').expect(200)).text)('.flash')).toHaveLength(0);
}, 60_000);

it('says which post a reply became, and that an edit is saved', async () => {
  const agent = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
  const posted = await submitForm(agent, threadPath, `/t/${threadId}/replies`, { body: 'Flash reply', intent: 'post' });
  const number = Number(/\/(\d+)#/.exec(posted.headers.location)![1]);
  const page = html((await agent.get(posted.headers.location.split('#')[0]).expect(200)).text);
  expect(page('.flash').text()).toBe(`Your reply is post ${number}.`);
  expect(page('.flash').attr('role')).toBe('status');

  const post = (await forum.db.models.Post.findOne({ where: { threadId, number } }))!;
  const edited = await submitForm(agent, `/posts/${post.id}/edit`, `/posts/${post.id}/edit`, { body: 'Flash reply, edited', baseVersion: String(post.version), intent: 'post' });
  expect(edited.status).toBe(303);
  expect(html((await agent.get(edited.headers.location.split('#')[0])).text)('.flash').text()).toBe('Your changes are saved.');
}, 60_000);

it('gives an anonymous reader no flash and no session', async () => {
  const res = await request(forum.app).get(threadPath).expect(200);
  expect(html(res.text)('.flash')).toHaveLength(0);
  expect(res.headers['set-cookie']).toBeUndefined();
});
