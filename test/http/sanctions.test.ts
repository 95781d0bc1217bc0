/**
 * Silence and suspend from a member's profile, lifting them early, and staff notes: who may,
 * what the member sees, and that a sanction takes effect on the member's very next request, in
 * any app process, because it is read with the member row every request loads.
 */
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../server/app';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, csrfTokenFrom, formPoster, signIn, signInWithCookie, submitForm } from '../helpers/session';

let forum: TestForum;
let otherProcess: Express;
let threadId: number;

beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 1000, signInLimits: { windowMs: 60_000, perAddress: 1000, perAccount: 1000 } } });
  otherProcess = createApp({ db: forum.db, config: forum.config });
  ({ threadId } = await rolloutThread(forum));
});
afterAll(() => forum.destroy());

const as = (username: string) => signIn(forum.app, username, DEVELOPMENT_PASSWORD);
const staffPost = async (agent: Agent, action: string, fields: Record<string, string>) => (await formPoster(agent, '/settings'))(action, fields);

describe('silence', () => {
  it('a moderator silences from the profile; the member can read but not post, and sees why and until when', async () => {
    const avery = await as('AveryO');
    const marija = await as('MarijaJ');
    const rejected = await staffPost(avery, '/u/MarijaJ/silence', { reason: '', duration: '1d' });
    expect(rejected.status).toBe(422);
    expect(html(rejected.text)('#silence-form .field__error').text()).toContain('Say why');
    expect((await staffPost(avery, '/u/MarijaJ/silence', { reason: 'Cooling off <em>now</em>', duration: 'indefinite' })).status).toBe(303);

    const page = html((await marija.get('/').expect(200)).text);
    expect(page('.sanction-notice').text()).toContain('You are silenced until a moderator lifts it: Cooling off <em>now</em>.');
    const post = await formPoster(marija, '/settings');
    const reply = await post(`/t/${threadId}/replies`, { body: 'Typed while silenced', intent: 'post' });
    expect(reply.status).toBe(403);
    expect(html(reply.text)('#field-body').text()).toBe('Typed while silenced');
    const thread = await post('/b/general/threads', { title: 'A title kept', body: 'A body kept', intent: 'post' });
    expect(thread.status).toBe(403);
    expect(html(thread.text)('#field-body').text()).toBe('A body kept');
    // Her own post stays hers to read, not to edit.
    const own = (await forum.db.models.Post.findOne({ where: { threadId, number: 7 } }))!;
    const edit = await post(`/posts/${own.id}/edit`, { body: 'Edited while silenced', baseVersion: String(own.version), intent: 'post' });
    expect(edit.status).toBe(403);
    expect(html(edit.text)('#field-body').text()).toBe('Edited while silenced');
    expect(html(edit.text)('.form-error').first().text()).toContain('You are silenced until a moderator lifts it');
    // Someone else's post: refused as before, with nothing of it shown.
    const others = (await forum.db.models.Post.findOne({ where: { threadId, number: 9 } }))!;
    expect((await post(`/posts/${others.id}/edit`, { body: 'x', baseVersion: '1', intent: 'post' })).status).toBe(403);
  });

  it('staff see it on the profile and lift it early; the member is let back in at once, in every process', async () => {
    const goran = await as('GoranV');
    const profile = html((await goran.get('/u/MarijaJ').expect(200)).text);
    expect(profile('.sanction--active').text()).toContain('Silenced');
    expect(profile('.sanction--active').text()).toContain('until indefinitely');
    const action = profile('.sanction--active form').attr('action')!;
    expect((await staffPost(goran, action, {})).status).toBe(303);
    const { cookie } = await signInWithCookie(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
    const page = html((await request(otherProcess).get('/').set('Cookie', cookie).expect(200)).text);
    expect(page('.sanction-notice')).toHaveLength(0);
    const log = (await goran.get('/staff/log.json?kind=member').expect(200)).body.entries.map((e: { action: string }) => e.action);
    expect(log).toEqual(['member.lift', 'member.silence']);
  });

  it('moderators cannot sanction staff or themselves, nor suspend; nobody else sees the staff file', async () => {
    const avery = await as('AveryO');
    expect((await staffPost(avery, '/u/GoranV/silence', { reason: 'x', duration: '1d' })).status).toBe(403);
    expect((await staffPost(avery, '/u/AveryO/silence', { reason: 'x', duration: '1d' })).status).toBe(403);
    expect((await staffPost(avery, '/u/MsS/suspend', { reason: 'x', duration: '1d' })).status).toBe(403);
    const lena = await as('LenaE');
    expect((await staffPost(lena, '/u/LenaE/suspend', { reason: 'x', duration: '1d' })).status).toBe(403);
    for (const username of ['MarijaJ', 'MsS']) {
      const agent = await as(username);
      const json = (await agent.get('/u/MarijaJ.json').expect(200)).body;
      expect(json.staffFile).toBeNull();
      expect((await agent.get('/u/MarijaJ').expect(200)).text).not.toContain('Cooling off');
    }
  });
});

describe('suspend', () => {
  it('ends the member\'s sessions in every process and refuses sign-in with the reason and end', async () => {
    const { agent: msS, cookie } = await signInWithCookie(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
    await msS.get('/settings').expect(200);
    const lena = await as('LenaE');
    expect((await staffPost(lena, '/u/MsS/suspend', { reason: 'Spam wave', duration: '7d' })).status).toBe(303);
    // The very next request, on either process, is anonymous.
    await request(otherProcess).get('/settings').set('Cookie', cookie).expect(303);
    await msS.get('/settings').expect(303);
    const refused = await submitForm(request.agent(forum.app), '/signin', '/signin', { username: 'MsS', password: DEVELOPMENT_PASSWORD });
    expect(refused.status).toBe(403);
    expect(html(refused.text)('.form-error').text()).toMatch(/Your account is suspended until .* UTC: Spam wave\./);
    // A wrong password still says only that it does not match.
    const wrong = await submitForm(request.agent(forum.app), '/signin', '/signin', { username: 'MsS', password: 'not-it' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('Spam wave');

    const profile = html((await lena.get('/u/MsS').expect(200)).text);
    expect((await staffPost(lena, profile('.sanction--active form').attr('action')!, {})).status).toBe(303);
    await as('MsS');
  });

  it('a session that outlives the suspension in the database is still turned away on its next request', async () => {
    const { cookie } = await signInWithCookie(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    await forum.db.models.Member.update(
      { suspendedUntil: new Date(Date.now() + 3600_000), suspendReason: 'Set directly' },
      { where: { usernameKey: 'wendyc' } },
    );
    await request(otherProcess).get('/settings').set('Cookie', cookie).expect(303);
    await forum.db.models.Member.update({ suspendedUntil: null, suspendReason: null }, { where: { usernameKey: 'wendyc' } });
    await request(otherProcess).get('/settings').set('Cookie', cookie).expect(200);
  });
});

describe('staff notes', () => {
  it('are dated, staff-only, on the profile and on the member\'s review items', async () => {
    const avery = await as('AveryO');
    expect((await staffPost(avery, '/u/RafehG/notes', { text: ' ' })).status).toBe(422);
    expect((await staffPost(avery, '/u/RafehG/notes', { text: 'Warned by email about sharing numbers' })).status).toBe(303);
    const profile = html((await (await as('GoranV')).get('/u/RafehG').expect(200)).text);
    expect(profile('.staff-notes li').text()).toMatch(/UTC, Avery O: Warned by email about sharing numbers/);

    const rafeh = await as('RafehG');
    expect((await rafeh.get('/u/RafehG').expect(200)).text).not.toContain('Warned by email');
    expect((await rafeh.get('/u/RafehG.json').expect(200)).body.staffFile).toBeNull();

    const post = (await forum.db.models.Post.findOne({ where: { threadId, number: 5 } }))!;
    const wendy = await as('WendyC');
    const csrf = await csrfTokenFrom(wendy, `/posts/${post.id}/report`);
    expect((await wendy.post(`/posts/${post.id}/report`).type('form').send({ reason: 'spam', _csrf: csrf })).status).toBe(303);
    const queue = html((await avery.get('/staff/review').expect(200)).text);
    expect(queue(`#review-${post.id} .review-item__notes`).text()).toContain('Warned by email about sharing numbers');
  });
});
