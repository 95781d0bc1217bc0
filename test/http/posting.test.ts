/** Writing in a browser without JavaScript: threads, replies, quotes, mentions, previews and rejections. */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, signIn, submitForm } from '../helpers/session';

let forum: TestForum;
let threadId: number;
let threadPath: string;

beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 3 } });
  ({ threadId, threadPath } = await rolloutThread(forum));
});
afterAll(() => forum.destroy());

const reply = (agent: Agent, fields: Record<string, string>, page = threadPath) =>
  submitForm(agent, page, `/t/${threadId}/replies`, { intent: 'post', ...fields });

describe('starting a thread', () => {
  it('lets a member start a thread in an open board and lands on its first post', async () => {
    const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
    const board = html((await rafeh.get('/b/identity-verification').expect(200)).text);
    expect(board('a.button[href="/b/identity-verification/threads/new"]').text()).toBe('Start a thread');
    const res = await submitForm(rafeh, '/b/identity-verification/threads/new', '/b/identity-verification/threads', {
      title: '  Badge still missing after   48 hours ',
      body: 'Both steps passed on **Monday**.',
      intent: 'post',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/t\/\d+\/badge-still-missing-after-48-hours\/1#p1$/);
    const $ = html((await rafeh.get(res.headers.location.split('#')[0]).expect(200)).text);
    expect($('h1').text()).toBe('Badge still missing after 48 hours');
    expect($('#p1 .post__body strong').text()).toBe('Monday');
    expect($('#p1 .post__position').text()).toBe('1 of 1');
  });

  it('keeps Announcements to staff: no button, and a refused post keeps its text', async () => {
    const marija = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
    const board = html((await marija.get('/b/announcements').expect(200)).text);
    expect(board('a[href="/b/announcements/threads/new"]')).toHaveLength(0);
    await marija.get('/b/announcements/threads/new').expect(403);
    const res = await submitForm(marija, '/b/general', '/b/announcements/threads', { title: 'Forged announcement', body: 'My words', intent: 'post' });
    expect(res.status).toBe(403);
    const $ = html(res.text);
    expect($('.form-error').text()).toBe('Only staff start threads in this board.');
    expect($('#field-body').text()).toBe('My words');
    expect($('#field-title').attr('value')).toBe('Forged announcement');
  });

  it('rejects a too-short title with the text intact', async () => {
    const wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    const res = await submitForm(wendy, '/b/general', '/b/general/threads', { title: 'Hi', body: 'A long body I wrote', intent: 'post' });
    expect(res.status).toBe(422);
    const $ = html(res.text);
    expect($('#field-title-error').text()).toBe('Titles need at least 5 characters.');
    expect($('#field-body').text()).toBe('A long body I wrote');
  });
});

describe('replying', () => {
  it('shows a reply box at the bottom to members, and a sign-in prompt to visitors', async () => {
    const anonymous = html((await request(forum.app).get(threadPath).expect(200)).text);
    expect(anonymous('.reply-box')).toHaveLength(0);
    expect(anonymous('.reply-signin a').first().attr('href')).toBe(`/signin?next=${encodeURIComponent(threadPath)}`);
    const goran = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
    const $ = html((await goran.get(threadPath).expect(200)).text);
    expect($('.reply-box form').attr('action')).toBe(`/t/${threadId}/replies`);
  });

  it('posts a reply and lands on it (post/redirect/get)', async () => {
    const msS = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
    const res = await reply(msS, { body: 'Thanks Goran, that helps.' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${threadPath}/11#p11`);
    const $ = html((await msS.get(`${threadPath}/11`).expect(200)).text);
    expect($('#p11 .post__body').text().trim()).toBe('Thanks Goran, that helps.');
    expect($('#p11 .post__position').text()).toBe('11 of 11');
  });

  it('replies to a particular post, and says so on the reply', async () => {
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const form = html((await avery.get(`/t/${threadId}/replies/new?to=3`).expect(200)).text);
    expect(form('.reply-context').text()).toContain('In reply to post 3 by Rafeh G');
    expect(form('input[name=replyTo]').attr('value')).toBe('3');
    const res = await submitForm(avery, `/t/${threadId}/replies/new?to=3`, `/t/${threadId}/replies`, { body: 'Checking now.', replyTo: '3', intent: 'post' });
    const number = Number(/\/(\d+)#/.exec(res.headers.location)![1]);
    const $ = html((await avery.get(`${threadPath}/${number}`).expect(200)).text);
    expect($(`#p${number} .post__reply-to a`).attr('href')).toBe(`${threadPath}/3#p3`);
  });

  it('prefills a quote that names its author and links to the post', async () => {
    const wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    const $ = html((await wendy.get(`/t/${threadId}/replies/new?quote=1`).expect(200)).text);
    const body = $('#field-body').text();
    expect(body.startsWith(`> **[Lena E wrote:](${threadPath}/1#p1)**\n>\n> Hi everyone,`)).toBe(true);
    const res = await submitForm(wendy, `/t/${threadId}/replies/new?quote=1`, `/t/${threadId}/replies`, { body: `${body}Agreed.`, replyTo: '1', intent: 'post' });
    const number = Number(/\/(\d+)#/.exec(res.headers.location)![1]);
    const page = html((await wendy.get(`${threadPath}/${number}`).expect(200)).text);
    const quote = page(`#p${number} .post__body blockquote`).first();
    expect(quote.find('a').first().text()).toBe('Lena E wrote:');
    expect(quote.find('a').first().attr('href')).toBe(`${threadPath}/1#p1`);
  });

  it('links @mentions of existing members only', async () => {
    const vladimir = await signIn(forum.app, 'VladimirG', DEVELOPMENT_PASSWORD);
    const res = await reply(vladimir, { body: 'Thanks @lenae and @AveryO. @nobodyhere, write to help@example.com.' });
    const number = Number(/\/(\d+)#/.exec(res.headers.location)![1]);
    const $ = html((await vladimir.get(`${threadPath}/${number}`).expect(200)).text);
    const mentions = $(`#p${number} a.mention`);
    expect(mentions.map((_, e) => $(e).attr('href')).get()).toEqual(['/u/LenaE', '/u/AveryO']);
    expect(mentions.first().text()).toBe('@LenaE');
    expect($(`#p${number} .post__body`).text()).toContain('@nobodyhere');
  });

  it('links and notifies a mention after a long preview that ended in one (no regex position carried over)', async () => {
    const rafeh = await forum.db.models.Member.findOne({ where: { username: 'RafehG' } });
    const mentionsOfRafeh = () => forum.db.models.Notification.count({ where: { memberId: rafeh!.id, kind: 'mention' } });
    const before = await mentionsOfRafeh();
    const wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    const long = `${'A long draft with *emphasis* and `code`. '.repeat(400)}Thanks @LenaE`;
    expect((await reply(wendy, { body: long, intent: 'preview' })).status).toBe(200);
    const res = await reply(wendy, { body: '@RafehG the badge shows now.' });
    const number = Number(/\/(\d+)#/.exec(res.headers.location)![1]);
    const $ = html((await wendy.get(`${threadPath}/${number}`).expect(200)).text);
    expect($(`#p${number} a.mention`).map((_, e) => $(e).attr('href')).get()).toEqual(['/u/RafehG']);
    expect(await mentionsOfRafeh()).toBe(before + 1);
  });

  it('keeps a member from styling a link to another site as a mention', async () => {
    const wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    const body = 'Ask <a class="mention" href="https://evil.example/login">@LenaE</a> or [@AveryO](https://evil.example), or @LenaE.';
    const res = await reply(wendy, { body });
    const number = Number(/\/(\d+)#/.exec(res.headers.location)![1]);
    const $ = html((await wendy.get(`${threadPath}/${number}`).expect(200)).text);
    const links = $(`#p${number} .post__body a`);
    expect(links.map((_, e) => [[$(e).attr('href'), $(e).attr('class') ?? null]]).get()).toEqual([
      ['https://evil.example/login', null],
      ['https://evil.example', null],
      ['/u/LenaE', 'mention'],
    ]);
  });

  it('previews without saving, rendered by the server, with the text kept', async () => {
    const marija = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
    const before = await forum.db.models.Post.count();
    const res = await reply(marija, { body: 'Does **Elance** count?', intent: 'preview' });
    expect(res.status).toBe(200);
    const $ = html(res.text);
    expect($('.preview strong').text()).toBe('Elance');
    expect($('#field-body').text()).toBe('Does **Elance** count?');
    expect(await forum.db.models.Post.count()).toBe(before);
  });

  it('refuses empty and over-long posts with a clear message and the text intact', async () => {
    const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
    const empty = await reply(rafeh, { body: '   \n  ' });
    expect(empty.status).toBe(422);
    expect(html(empty.text)('#field-body-error').text()).toBe('Write something first.');
    const long = 'x'.repeat(20_001);
    const tooLong = await reply(rafeh, { body: long });
    expect(tooLong.status).toBe(422);
    const $ = html(tooLong.text);
    expect($('#field-body-error').text()).toBe('Posts can be at most 20,000 characters; this one has 20,001.');
    expect($('#field-body').text()).toBe(long);
  });

  it('strips scripts and unsafe links from posts', async () => {
    const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
    const res = await reply(rafeh, { body: 'Try <script>alert(1)</script> [click](javascript:alert) <img src=x onerror=alert(3)> [ok](https://example.com)' });
    const number = Number(/\/(\d+)#/.exec(res.headers.location)![1]);
    const $ = html((await rafeh.get(`${threadPath}/${number}`).expect(200)).text);
    const body = $(`#p${number} .post__body`);
    expect(body.find('script, img, [onerror]')).toHaveLength(0);
    expect(body.text()).toContain('<script>alert(1)</script>');
    expect(body.find('a').map((_, e) => $(e).attr('href')).get()).toEqual(['https://example.com']);
    expect(body.find('a').attr('rel')).toBe('nofollow ugc noopener');
  });

  it('holds a member to the flood limit with Retry-After, keeping the text', async () => {
    const goran = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
    for (let i = 1; i <= 3; i += 1) expect((await reply(goran, { body: `Update ${i}` })).status).toBe(303);
    const res = await reply(goran, { body: 'One too many' });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    const $ = html(res.text);
    expect($('.form-error').text()).toMatch(/at most 3 posts a minute/);
    expect($('#field-body').text()).toBe('One too many');
  });
});

describe('locked threads', () => {
  it('take replies only from staff; a refused reply keeps its text', async () => {
    const board = await forum.db.models.Board.findOne({ where: { slug: 'general' } });
    const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
    const started = await submitForm(lena, '/b/general', '/b/general/threads', { title: 'Closed for now', body: 'Locked soon.', intent: 'post' });
    const lockedPath = started.headers.location.split('/1#')[0];
    const locked = await forum.db.models.Thread.findOne({ where: { boardId: board!.id, title: 'Closed for now' } });
    await locked!.update({ isLocked: true });

    const marija = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
    const page = html((await marija.get(lockedPath).expect(200)).text);
    expect(page('.reply-box')).toHaveLength(0);
    expect(page('.notice').text()).toContain('This thread is locked.');
    const refused = await submitForm(marija, lockedPath, `/t/${locked!.id}/replies`, { body: 'Let me in', intent: 'post' });
    expect(refused.status).toBe(403);
    expect(html(refused.text)('.form-error').text()).toBe('This thread is locked.');
    expect(html(refused.text)('#field-body').text()).toBe('Let me in');

    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const staff = await submitForm(avery, lockedPath, `/t/${locked!.id}/replies`, { body: 'Staff note', intent: 'post' });
    expect(staff.status).toBe(303);
  });
});
