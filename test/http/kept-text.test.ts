/**
 * "Nothing a member wrote is lost": a refused submission (expired form, signed out, throttled,
 * locked thread) comes back with the text in a form; one-time submission keys make a repeated
 * submission (double click, Back and Post) show the first post instead of making another.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, csrfTokenFrom, signIn } from '../helpers/session';

let forum: TestForum;
let threadId: number;

beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 1000 } });
  ({ threadId } = await rolloutThread(forum));
}, 60_000);
afterAll(() => forum.destroy());

const LONG_REPLY = 'A long reply I spent twenty minutes on. <script>alert(1)</script> & "quotes"\n\nSecond paragraph.';

/** The reply form's hidden fields (token and one-time key) as a browser would send them. */
async function replyFormOf(agent: Agent): Promise<{ _csrf: string; submissionKey: string }> {
  const page = html((await agent.get(`/t/${threadId}/replies/new`)).text);
  return { _csrf: page('input[name=_csrf]').attr('value')!, submissionKey: page('input[name=submissionKey]').attr('value')! };
}

async function postCount(): Promise<number> {
  return forum.db.models.Post.count({ where: { threadId } });
}

describe('a refused submission keeps the text', () => {
  it('signed out in another tab: the page holds the text (escaped) and a sign-in form; signing in reopens the composer prefilled, nothing posted', async () => {
    const agent = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
    const form = await replyFormOf(agent);
    await agent.post('/signout').type('form').send({ _csrf: form._csrf }).expect(303);
    const before = await postCount();

    const refused = await agent.post(`/t/${threadId}/replies`).type('form').send({ ...form, intent: 'post', body: LONG_REPLY });
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('<script>alert(1)</script>');
    const page = html(refused.text);
    expect(page('h1').text()).toBe('Your text is safe');
    expect(page('.form-error').text()).toBe('You are not signed in (your session ended, or you signed out in another tab), so nothing was posted.');
    expect(page('#draft-copy').text()).toBe(LONG_REPLY);
    const signInForm = page('form[action="/signin"]');
    expect(signInForm.find('input[name=draft_body]').attr('value')).toBe(LONG_REPLY);
    expect(await postCount()).toBe(before);

    // A wrong password first: the draft stays with the refused sign-in form.
    const fields = Object.fromEntries(signInForm.find('input[type=hidden]').toArray().map((input) => [input.attribs.name, input.attribs.value ?? '']));
    const wrong = await agent.post('/signin').type('form').send({ ...fields, username: 'RafehG', password: 'wrong password' });
    expect(wrong.status).toBe(401);
    const again = html(wrong.text);
    expect(again('input[name=draft_body]').attr('value')).toBe(LONG_REPLY);
    const retried = Object.fromEntries(again('form[action="/signin"] input[type=hidden]').toArray().map((input) => [input.attribs.name, input.attribs.value ?? '']));

    const signedIn = await agent.post('/signin').type('form').send({ ...retried, username: 'RafehG', password: DEVELOPMENT_PASSWORD });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe(`/t/${threadId}/replies/new`);
    const composer = html((await agent.get(signedIn.headers.location)).text);
    expect(composer('textarea[name=body]').text()).toBe(LONG_REPLY);
    expect(await postCount()).toBe(before);
    // The draft is shown once: the next visit to the composer is empty again.
    expect(html((await agent.get(`/t/${threadId}/replies/new`)).text)('textarea[name=body]').text()).toBe('');

    // Posting it from there works and makes one post.
    const posted = await agent.post(`/t/${threadId}/replies`).type('form').send({
      _csrf: composer('input[name=_csrf]').attr('value'), submissionKey: composer('input[name=submissionKey]').attr('value'), intent: 'post', body: composer('textarea[name=body]').text(),
    });
    expect(posted.status).toBe(303);
    expect(await postCount()).toBe(before + 1);
  }, 60_000);

  it('an expired form token while signed in: the same composer comes back filled, with a fresh token, not posted', async () => {
    const agent = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
    const before = await postCount();
    const refused = await agent.post(`/t/${threadId}/replies`).type('form').send({ _csrf: 'stale-token', intent: 'post', body: LONG_REPLY, replyTo: '2' });
    expect(refused.status).toBe(403);
    const page = html(refused.text);
    const form = page(`form[action="/t/${threadId}/replies"]`);
    expect(form.find('textarea[name=body]').text()).toBe(LONG_REPLY);
    expect(form.find('input[name=replyTo]').attr('value')).toBe('2');
    expect(await postCount()).toBe(before);
    const resent = await agent.post(`/t/${threadId}/replies`).type('form').send({ _csrf: form.find('input[name=_csrf]').attr('value'), intent: 'post', body: LONG_REPLY, replyTo: '2' });
    expect(resent.status).toBe(303);
    expect(await postCount()).toBe(before + 1);
  }, 60_000);

  it('a new thread refused for a missing session keeps its title and text', async () => {
    const visitor = request.agent(forum.app);
    const token = await csrfTokenFrom(visitor, '/signin');
    const refused = await visitor.post('/b/general/threads').type('form').send({ _csrf: token, intent: 'post', title: 'My <b>long</b> question', body: LONG_REPLY });
    expect(refused.status).toBe(403);
    const page = html(refused.text);
    expect(page('input[name=draft_title]').attr('value')).toBe('My <b>long</b> question');
    expect(page('.draft-rescue__text').text()).toBe('My <b>long</b> question');
    expect(page('input[name=next]').attr('value')).toBe('/b/general/threads/new');
  }, 60_000);

  it('a JSON client gets the plain error, and a form that is no composer the ordinary error page', async () => {
    const visitor = request.agent(forum.app);
    const json = await visitor.post(`/t/${threadId}/replies.json`).type('form').send({ body: LONG_REPLY });
    expect(json.status).toBe(403);
    const other = await visitor.post(`/t/${threadId}/follow`).type('form').send({ body: LONG_REPLY });
    expect(html(other.text)('h1').text()).toBe('Not allowed');
  }, 60_000);

  it('a locked thread gives a member the reply form back with their text', async () => {
    const agent = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
    const form = await replyFormOf(agent);
    const thread = (await forum.db.models.Thread.findByPk(threadId))!;
    await thread.update({ isLocked: true });
    try {
      const refused = await agent.post(`/t/${threadId}/replies`).type('form').send({ ...form, intent: 'post', body: LONG_REPLY });
      expect(refused.status).toBe(403);
      expect(html(refused.text)('textarea[name=body]').text()).toBe(LONG_REPLY);
    } finally {
      await thread.update({ isLocked: false });
    }
  }, 60_000);
});

describe('one-time submission keys', () => {
  it('Back and Post again: the same form shows the first post instead of making a second', async () => {
    const agent = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    const form = await replyFormOf(agent);
    expect(form.submissionKey).toMatch(/^[0-9a-f]{32}$/);
    const before = await postCount();
    const first = await agent.post(`/t/${threadId}/replies`).type('form').send({ ...form, intent: 'post', body: 'Posted once' });
    const second = await agent.post(`/t/${threadId}/replies`).type('form').send({ ...form, intent: 'post', body: 'Posted once' });
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await postCount()).toBe(before + 1);
    // A fresh form has a fresh key and posts again.
    const next = await replyFormOf(agent);
    expect(next.submissionKey).not.toBe(form.submissionKey);
  }, 60_000);

  it('five identical concurrent submissions (a double click on a slow network) make one post', async () => {
    const agent = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
    const form = await replyFormOf(agent);
    const before = await postCount();
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => agent.post(`/t/${threadId}/replies`).type('form').send({ ...form, intent: 'post', body: 'Double clicked' })),
    );
    expect(responses.map((res) => res.status)).toEqual(Array(5).fill(303));
    expect(new Set(responses.map((res) => res.headers.location)).size).toBe(1);
    expect(await postCount()).toBe(before + 1);
  }, 60_000);

  it('a new thread submitted twice at once makes one thread', async () => {
    const agent = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const page = html((await agent.get('/b/general/threads/new')).text);
    const fields = { _csrf: page('input[name=_csrf]').attr('value')!, submissionKey: page('input[name=submissionKey]').attr('value')!, intent: 'post', title: 'Only one of me please', body: 'Double clicked thread' };
    const responses = await Promise.all([1, 2, 3].map(() => agent.post('/b/general/threads').type('form').send(fields)));
    expect(responses.map((res) => res.status)).toEqual([303, 303, 303]);
    expect(new Set(responses.map((res) => res.headers.location)).size).toBe(1);
    expect(await forum.db.models.Thread.count({ where: { title: 'Only one of me please' } })).toBe(1);
  }, 60_000);

  it("a key is the member's own: another member's identical key still posts", async () => {
    const lena = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
    const form = await replyFormOf(lena);
    const before = await postCount();
    await lena.post(`/t/${threadId}/replies`).type('form').send({ ...form, intent: 'post', body: 'Goran posts' }).expect(303);
    const other = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
    const otherForm = await replyFormOf(other);
    await other.post(`/t/${threadId}/replies`).type('form').send({ ...otherForm, submissionKey: form.submissionKey, intent: 'post', body: 'MsS posts' }).expect(303);
    expect(await postCount()).toBe(before + 2);
  }, 60_000);

  it('a preview keeps the key, and a refused post keeps it too', async () => {
    const agent = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
    const form = await replyFormOf(agent);
    const preview = html((await agent.post(`/t/${threadId}/replies`).type('form').send({ ...form, intent: 'preview', body: 'Preview me' })).text);
    expect(preview('input[name=submissionKey]').attr('value')).toBe(form.submissionKey);
    const empty = html((await agent.post(`/t/${threadId}/replies`).type('form').send({ ...form, intent: 'post', body: '  ' })).text);
    expect(empty('input[name=submissionKey]').attr('value')).toBe(form.submissionKey);
  }, 60_000);

  it('the same edit sent twice goes to the post instead of reporting a conflict with itself', async () => {
    const agent = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    const post = (await forum.db.models.Post.findOne({ where: { threadId, source: 'Posted once' } }))!;
    const page = html((await agent.get(`/posts/${post.id}/edit`).expect(200)).text);
    const fields = { _csrf: page('input[name=_csrf]').attr('value')!, baseVersion: page('input[name=baseVersion]').attr('value')!, intent: 'post', body: 'Posted once, edited', reason: '' };
    const first = await agent.post(`/posts/${post.id}/edit`).type('form').send(fields);
    const second = await agent.post(`/posts/${post.id}/edit`).type('form').send(fields);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
  }, 60_000);
});

describe('non-Latin titles', () => {
  it('get a readable slug, and the thread opens at it without a redirect', async () => {
    const agent = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    const page = html((await agent.get('/b/general/threads/new')).text);
    const started = await agent.post('/b/general/threads').type('form').send({
      _csrf: page('input[name=_csrf]').attr('value'), submissionKey: page('input[name=submissionKey]').attr('value'), intent: 'post', title: 'バッジはいつ届きますか', body: '本人確認が終わりました。',
    });
    expect(started.status).toBe(303);
    expect(decodeURIComponent(started.headers.location)).toMatch(/^\/t\/\d+\/バッジはいつ届きますか\/1#p1$/);
    await agent.get(started.headers.location.split('#')[0]).expect(200);
  }, 60_000);
});
