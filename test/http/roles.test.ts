/** A Community Manager changes roles from a member's profile; the change applies at once and is recorded. */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, TestForum } from '../helpers/forum';
import { signIn, submitForm } from '../helpers/session';

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum();
});
afterAll(() => forum.destroy());

it('shows the role form only to a manager, on someone else\'s profile', async () => {
  const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
  expect(html((await lena.get('/u/MsS').expect(200)).text)('form[action="/u/MsS/role"]')).toHaveLength(1);
  expect(html((await lena.get('/u/LenaE').expect(200)).text)('form[action="/u/LenaE/role"]')).toHaveLength(0);
  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  expect(html((await avery.get('/u/MsS').expect(200)).text)('form[action="/u/MsS/role"]')).toHaveLength(0);
  expect(html((await request(forum.app).get('/u/MsS').expect(200)).text)('form:not(.site-search)')).toHaveLength(0);
});

it('applies a role change on the member\'s next request, in a session opened before it, and records it', async () => {
  const msS = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
  expect(html((await msS.get('/').expect(200)).text)('.account-nav__role').text()).toBe('Contributor');

  const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
  const res = await submitForm(lena, '/u/MsS', '/u/MsS/role', { role: 'moderator', rankTitle: '' });
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe('/u/MsS?saved=role');

  expect(html((await msS.get('/').expect(200)).text)('.account-nav__role').text()).toBe('Moderator');
  const profile = html((await lena.get('/u/MsS').expect(200)).text);
  expect(profile('.profile .rank').text()).toBe('Moderator');
  const history = profile('.role-history li');
  expect(history).toHaveLength(1);
  expect(history.text()).toContain('Contributor (Ace Contributor) → Moderator');
  expect(history.find('a').text()).toBe('Lena E');

  const entry = await forum.db.models.ModerationLogEntry.findOne({ where: { action: 'role.change' }, order: [['id', 'DESC']] });
  expect(JSON.parse(entry!.details)).toEqual({ fromRole: 'contributor', toRole: 'moderator', fromRankTitle: 'Ace Contributor', toRankTitle: null });
  expect(entry!.subjectMemberId).toBe((await forum.db.models.Member.findOne({ where: { usernameKey: 'mss' } }))!.id);
});

it('sets a contributor\'s rank title', async () => {
  const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
  await submitForm(lena, '/u/WendyC', '/u/WendyC/role', { role: 'contributor', rankTitle: 'Ace Contributor' }).then((res) =>
    expect(res.status).toBe(303),
  );
  const $ = html((await request(forum.app).get('/u/WendyC').expect(200)).text);
  expect($('.profile .rank').text()).toBe('Ace Contributor');
});

it('refuses a moderator, a contributor and a manager changing their own role, changing nothing', async () => {
  for (const [username, target] of [['AveryO', 'RafehG'], ['RafehG', 'RafehG'], ['VladimirG', 'VladimirG']]) {
    const agent = await signIn(forum.app, username, DEVELOPMENT_PASSWORD);
    const res = await submitForm(agent, `/u/${target}`, `/u/${target}/role`, { role: 'manager', rankTitle: '' });
    expect(res.status).toBe(403);
  }
  const rafeh = await forum.db.models.Member.findOne({ where: { usernameKey: 'rafehg' } });
  expect(rafeh!.role).toBe('contributor');
});

it('rejects an unknown role with a message, keeping the form', async () => {
  const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
  const res = await submitForm(lena, '/u/RafehG', '/u/RafehG/role', { role: 'emperor', rankTitle: 'Ruler' });
  expect(res.status).toBe(422);
  const $ = html(res.text);
  expect($('#field-role-error').text()).toBe('Choose one of the roles.');
  expect($('#field-rankTitle').attr('value')).toBe('Ruler');
});
