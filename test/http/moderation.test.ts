/** Hiding and restoring posts, locking, pinning and moving threads, and the moderation log. */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { signIn, submitForm } from '../helpers/session';

let forum: TestForum;
let threadPath: string;
let threadId: number;

beforeAll(async () => {
  forum = await createTestForum();
  ({ threadId, threadPath } = await rolloutThread(forum));
});
afterAll(() => forum.destroy());

const postId = async (number: number) => (await forum.db.models.Post.findOne({ where: { threadId, number } }))!.id;

describe('hiding a post', () => {
  it('needs a reason; members then see a placeholder with the numbering unchanged; author and staff see it with the reason', async () => {
    const goran = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
    const id = await postId(4);
    expect((await submitForm(goran, threadPath, `/posts/${id}/hide`, { reason: ' ' })).status).toBe(422);
    expect((await submitForm(goran, threadPath, `/posts/${id}/hide`, { reason: 'Shares private profile details' })).status).toBe(303);

    const anonymous = html((await request(forum.app).get(threadPath).expect(200)).text);
    expect(anonymous('article.post')).toHaveLength(10);
    expect(anonymous('#p4 .post__hidden-placeholder').text()).toBe('Hidden by a moderator.');
    expect(anonymous('#p4 .post__body')).toHaveLength(0);
    expect(anonymous('#p4 .post__position').text()).toBe('4 of 10');
    expect(anonymous.text()).not.toContain('your profile is marked private');
    expect(anonymous.text()).not.toContain('Shares private profile details');

    const member = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
    expect(html((await member.get(threadPath).expect(200)).text)('#p4 .post__body')).toHaveLength(0);
    await member.get(`/t/${threadId}/replies/new?quote=4`).expect(403);
    // What the viewer may not read answers as if it did not exist.
    await request(forum.app).get(`/posts/${id}/history`).expect(404);

    for (const username of ['WendyC', 'AveryO']) {
      const agent = await signIn(forum.app, username, DEVELOPMENT_PASSWORD);
      const $ = html((await agent.get(threadPath).expect(200)).text);
      expect($('#p4 .post__body').text()).toContain('your profile is marked private');
      expect($('#p4 .notice--hidden').text()).toContain('Shares private profile details');
    }
  });

  it('restores it for everyone; both steps are on the log with the reason', async () => {
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    expect((await submitForm(avery, threadPath, `/posts/${await postId(4)}/restore`, {})).status).toBe(303);
    const $ = html((await request(forum.app).get(threadPath).expect(200)).text);
    expect($('#p4 .post__body').text()).toContain('your profile is marked private');
    const log = html((await avery.get('/staff/log?kind=post').expect(200)).text);
    const entries = log('.log__entry');
    expect(entries.map((_, e) => log(e).attr('data-action')).get()).toEqual(['post.restore', 'post.hide']);
    expect(entries.eq(1).find('.log__reason').text()).toBe('Reason: Shares private profile details');
    expect(entries.eq(1).text()).toContain('Goran V');
  });

  it('is refused to gurus and contributors', async () => {
    const wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    expect((await submitForm(wendy, threadPath, `/posts/${await postId(2)}/hide`, { reason: 'no' })).status).toBe(403);
    expect(html((await wendy.get(threadPath).expect(200)).text)('.staff-tools')).toHaveLength(0);
  });
});

describe('threads', () => {
  it('locks and unlocks: members lose the reply box while locked', async () => {
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    expect((await submitForm(avery, threadPath, `/t/${threadId}/lock`, {})).status).toBe(303);
    const member = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
    expect(html((await member.get(threadPath).expect(200)).text)('.reply-box')).toHaveLength(0);
    expect(html((await avery.get(threadPath).expect(200)).text)('form[action$="/unlock"]')).toHaveLength(1);
    expect((await submitForm(avery, threadPath, `/t/${threadId}/unlock`, {})).status).toBe(303);
    expect(html((await member.get(threadPath).expect(200)).text)('.reply-box')).toHaveLength(1);
  });

  it('pins a thread to the top of its board until a date, managers only', async () => {
    const board = (await forum.db.models.Board.findOne({ where: { slug: 'general' } }))!;
    const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
    const older = await submitForm(lena, '/b/general', '/b/general/threads', { title: 'House rules for the rollout', body: 'Be kind.', intent: 'post' });
    await submitForm(lena, '/b/general', '/b/general/threads', { title: 'A newer question', body: 'Hello', intent: 'post' });
    const olderId = Number(/^\/t\/(\d+)\//.exec(older.headers.location)![1]);

    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    expect((await submitForm(avery, '/b/general', `/t/${olderId}/pin`, {})).status).toBe(403);
    expect((await submitForm(lena, '/b/general', `/t/${olderId}/pin`, { until: '2020-01-01' })).status).toBe(422);
    const future = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    expect((await submitForm(lena, '/b/general', `/t/${olderId}/pin`, { until: future })).status).toBe(303);

    const titles = () => request(forum.app).get('/b/general').then((res) => {
      const $ = html(res.text);
      return $('.thread-row__title a').map((_, e) => $(e).text()).get();
    });
    expect(await titles()).toEqual(['House rules for the rollout', 'A newer question']);
    // Once the date has passed the pin no longer counts.
    await forum.db.models.Thread.update({ pinnedUntil: new Date(Date.now() - 1000) }, { where: { id: olderId } });
    expect(await titles()).toEqual(['A newer question', 'House rules for the rollout']);
    expect(board.id).toBeGreaterThan(0);
  });

  it('moves a thread to another board, with both boards\' counts and latest activity following', async () => {
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
    const started = await submitForm(rafeh, '/b/general', '/b/general/threads', { title: 'Where is my blue checkmark?', body: 'Waiting since Monday.', intent: 'post' });
    const movedId = Number(/^\/t\/(\d+)\//.exec(started.headers.location)![1]);
    expect((await submitForm(avery, '/b/general', `/t/${movedId}/move`, { board: 'identity-verification' })).status).toBe(303);

    const home = html((await request(forum.app).get('/').expect(200)).text);
    const card = (name: string) => home('.board-card').filter((_, e) => home(e).find('.board-card__name').text() === name);
    expect(card('Identity Verification Q&A').find('dd').map((_, e) => home(e).text()).get()).toEqual(['1', '1']);
    expect(card('Identity Verification Q&A').find('.board-card__latest').text()).toContain('Where is my blue checkmark?');
    expect(card('General Discussion').find('.board-card__latest').text()).not.toContain('Where is my blue checkmark?');
    const moved = html((await request(forum.app).get(`/t/${movedId}/where-is-my-blue-checkmark`).expect(200)).text);
    expect(moved('.breadcrumbs').text()).toContain('Identity Verification Q&A');
    expect((await submitForm(avery, '/b/general', `/t/${movedId}/move`, { board: 'nowhere' })).status).toBe(422);
  });
});

describe('the moderation log', () => {
  it('lists every staff action for staff, filterable by kind and member, and is closed to others', async () => {
    const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
    await submitForm(lena, '/u/MsS', '/u/MsS/role', { role: 'guru', rankTitle: '' });
    const all = html((await lena.get('/staff/log').expect(200)).text);
    const actions = all('.log__entry').map((_, e) => all(e).attr('data-action')).get();
    for (const action of ['role.change', 'post.hide', 'post.restore', 'thread.lock', 'thread.unlock', 'thread.pin', 'thread.move']) {
      expect(actions).toContain(action);
    }
    const roles = html((await lena.get('/staff/log?kind=role').expect(200)).text);
    expect(roles('.log__entry').map((_, e) => roles(e).attr('data-action')).get()).toEqual(['role.change']);
    expect(roles('.log__entry').text()).toContain('changed the role from Ace Contributor to Community Guru');

    const goranOnly = html((await lena.get('/staff/log?member=GoranV').expect(200)).text);
    expect(goranOnly('.log__entry').map((_, e) => goranOnly(e).attr('data-action')).get()).toEqual(['post.hide']);
    const unknown = html((await lena.get('/staff/log?member=ghost').expect(200)).text);
    expect(unknown('.notice').text()).toContain('There is no member named “ghost”');

    const member = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
    await member.get('/staff/log').expect(403);
    const anonymous = await request(forum.app).get('/staff/log');
    expect(anonymous.status).toBe(303);
  });

  it('records staff edits of someone else\'s post with the reason', async () => {
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const id = await postId(9);
    const form = html((await avery.get(`/posts/${id}/edit`).expect(200)).text);
    await avery.post(`/posts/${id}/edit`).type('form').send({
      _csrf: form('input[name=_csrf]').attr('value'), baseVersion: '1', intent: 'post', body: 'Is the video chat compulsory?', reason: 'shortened',
    }).expect(303);
    const log = html((await avery.get('/staff/log?kind=post').expect(200)).text);
    const edit = log('.log__entry[data-action="post.edit"]');
    expect(edit.find('.log__reason').text()).toBe('Reason: shortened');
    expect(edit.text()).toContain('Ms S');
  });
});

describe('undoing a staff action', () => {
  it('asks why on the form for unlocking, unpinning, restoring and removing the official answer, and logs the reason', async () => {
    const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
    const page = html((await lena.get(threadPath).expect(200)).text);
    // The official answer is seeded: its removal form has a reason field, as do lock and pin.
    expect(page('form[action$="/official/remove"] input[name="reason"]')).toHaveLength(1);
    expect(page('form[action$="/lock"] input[name="reason"]')).toHaveLength(1);

    const id = await postId(5);
    await submitForm(lena, threadPath, `/posts/${id}/hide`, { reason: 'Checking a report' });
    const steps: Array<[string, Record<string, string>, string]> = [
      [`/t/${threadId}/lock`, { reason: 'Cooling down' }, 'thread.lock'],
      [`/t/${threadId}/unlock`, { reason: 'Calm again' }, 'thread.unlock'],
      [`/t/${threadId}/pin`, { until: '' }, 'thread.pin'],
      [`/t/${threadId}/unpin`, { reason: 'Rollout finished' }, 'thread.unpin'],
      [`/posts/${id}/restore`, { reason: 'The report was mistaken' }, 'post.restore'],
      [`/t/${threadId}/official/remove`, { reason: 'Superseded by the new policy' }, 'answer.unmark'],
    ];
    for (const [action, form] of steps) expect((await submitForm(lena, threadPath, action, form)).status).toBe(303);
    const log = (await lena.get('/staff/log.json').expect(200)).body.entries as Array<{ action: string; reason: string | null }>;
    const reasonOf = (action: string) => log.find((entry) => entry.action === action)?.reason;
    expect(reasonOf('thread.unlock')).toBe('Calm again');
    expect(reasonOf('thread.unpin')).toBe('Rollout finished');
    expect(reasonOf('post.restore')).toBe('The report was mistaken');
    expect(reasonOf('answer.unmark')).toBe('Superseded by the new policy');
  });
});
