/** Registering, signing in and out, settings, sessions and their security properties. */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, TestForum } from '../helpers/forum';
import { csrfTokenFrom, sessionCookieOf, signIn, signInWithCookie, submitForm } from '../helpers/session';

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum();
});
afterAll(() => forum.destroy());

describe('registering', () => {
  it('creates a contributor, signs them in and shows them in the header', async () => {
    const agent = request.agent(forum.app);
    const res = await submitForm(agent, '/register', '/register', {
      username: 'NewMember',
      email: 'new.member@example.com',
      displayName: 'New Member',
      password: 'correct horse battery staple',
      confirmPassword: 'correct horse battery staple',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const $ = html((await agent.get('/').expect(200)).text);
    expect($('.account-nav__name').text()).toBe('New Member');
    expect($('.account-nav__role').text()).toBe('Contributor');
    const member = await forum.db.models.Member.scope('withPassword').findOne({ where: { usernameKey: 'newmember' } });
    expect(member!.role).toBe('contributor');
    expect(member!.passwordHash).toMatch(/^\$2[aby]\$/);
    expect(member!.passwordHash).not.toContain('correct horse');
  });

  it('ignores a role or rank smuggled into the form (mass assignment)', async () => {
    const agent = request.agent(forum.app);
    await submitForm(agent, '/register', '/register', {
      username: 'sneaky',
      email: 'sneaky@example.com',
      displayName: 'Sneaky',
      password: 'password1234',
      confirmPassword: 'password1234',
      role: 'manager',
      rankTitle: 'Overlord',
      isSeeded: 'true',
    }).then((res) => expect(res.status).toBe(303));
    const member = await forum.db.models.Member.findOne({ where: { usernameKey: 'sneaky' } });
    expect(member!.role).toBe('contributor');
    expect(member!.rankTitle).toBeNull();
    expect(member!.isSeeded).toBe(false);
  });

  it('shows clear messages at the fields and keeps what was typed, except passwords', async () => {
    const agent = request.agent(forum.app);
    const res = await submitForm(agent, '/register', '/register', {
      username: 'x',
      displayName: 'Kept Name',
      email: 'kept@example.com',
      password: 'short',
      confirmPassword: 'other',
    });
    expect(res.status).toBe(422);
    const $ = html(res.text);
    expect($('#field-username-error').text()).toBe('Username must be at least 3 characters.');
    expect($('#field-password-error').text()).toBe('Password must be at least 8 characters.');
    expect($('#field-confirmPassword-error').text()).toBe('The two passwords do not match.');
    expect($('#field-username').attr('value')).toBe('x');
    expect($('#field-displayName').attr('value')).toBe('Kept Name');
    expect($('#field-email').attr('value')).toBe('kept@example.com');
    expect($('#field-password').attr('value')).toBeUndefined();
  });

  it('refuses a username taken in another case', async () => {
    const agent = request.agent(forum.app);
    const res = await submitForm(agent, '/register', '/register', {
      username: 'lenae',
      email: 'not.lena@example.com',
      displayName: 'Not Lena',
      password: 'password1234',
      confirmPassword: 'password1234',
    });
    expect(res.status).toBe(422);
    expect(html(res.text)('#field-username-error').text()).toBe('That username is taken.');
  });

  it('accepts a long passphrase, all of which counts', async () => {
    const long = 'a'.repeat(100);
    const agent = request.agent(forum.app);
    await submitForm(agent, '/register', '/register', {
      username: 'longpass',
      email: 'longpass@example.com',
      displayName: 'Long Pass',
      password: long,
      confirmPassword: long,
    }).then((res) => expect(res.status).toBe(303));
    // bcrypt alone would ignore everything past 72 bytes; the 100th character must matter.
    const wrong = request.agent(forum.app);
    const res = await submitForm(wrong, '/signin', '/signin', { username: 'longpass', password: `${'a'.repeat(99)}b` });
    expect(res.status).toBe(401);
    await signIn(forum.app, 'longpass', long);
  });
});

describe('signing in', () => {
  it('signs in a seeded member with the development password and shows their role', async () => {
    const agent = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const $ = html((await agent.get('/').expect(200)).text);
    expect($('.account-nav__name').text()).toBe('Avery O');
    expect($('.account-nav__role').text()).toBe('Moderator');
  });

  it('says the same thing for a wrong password and an unknown username, keeping the username', async () => {
    const wrongPassword = await submitForm(request.agent(forum.app), '/signin', '/signin', { username: 'WendyC', password: 'not-her-password' });
    const unknownUser = await submitForm(request.agent(forum.app), '/signin', '/signin', { username: 'NoSuchPerson', password: 'whatever123' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    const a = html(wrongPassword.text);
    const b = html(unknownUser.text);
    expect(a('.form-error').text()).toBe(b('.form-error').text());
    expect(a('.form-error').text()).toBe('That username and password do not match an account.');
    expect(a('#field-username').attr('value')).toBe('WendyC');
    expect(a('#field-password').attr('value')).toBeUndefined();
  });

  it('regenerates the session at sign-in (a fixated session id is worthless)', async () => {
    const agent = request.agent(forum.app);
    const page = await agent.get('/signin');
    const before = sessionCookieOf(page.headers['set-cookie']);
    expect(before).not.toBeNull();
    const token = html(page.text)('input[name=_csrf]').attr('value')!;
    const res = await agent.post('/signin').type('form').send({ username: 'WendyC', password: DEVELOPMENT_PASSWORD, _csrf: token });
    expect(res.status).toBe(303);
    const after = sessionCookieOf(res.headers['set-cookie']);
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
    // The pre-sign-in cookie does not carry the signed-in session.
    const withOldCookie = await request(forum.app).get('/settings').set('Cookie', before!);
    expect(withOldCookie.status).toBe(303);
    expect(withOldCookie.headers.location).toBe('/signin?next=%2Fsettings');
  });

  it('returns to the page the member came from, and only to a path on this site', async () => {
    const cases: Array<[string, string]> = [
      ['/t/1/some-thread?page=2', '/t/1/some-thread?page=2'],
      ['//evil.example', '/'],
      ['/\\evil.example', '/'],
      ['https://evil.example/', '/'],
      ['/ok\r\nSet-Cookie: x=1', '/'],
      ['javascript:alert(1)', '/'],
    ];
    for (const [next, expected] of cases) {
      const agent = request.agent(forum.app);
      const token = await csrfTokenFrom(agent, `/signin?next=${encodeURIComponent(next)}`);
      const res = await agent.post('/signin').type('form').send({ username: 'MsS', password: DEVELOPMENT_PASSWORD, next, _csrf: token });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(expected);
    }
  });

  const OFF_SITE_NEXT = [
    '/.//evil.example/x', '/a/..//evil.example', '/%2e%2e//evil.example', '/%2F%2Fevil.example', '/%5cevil.example',
    '/\\evil.example', '/\t/evil.example', '//evil.example', 'https://evil.example', 'javascript:alert(1)', `/${'a'.repeat(3000)}`,
  ];

  it('a signed-in member opening /signin?next=… is sent to a path on this site, never off it', async () => {
    const agent = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
    for (const next of OFF_SITE_NEXT) {
      const res = await agent.get(`/signin?next=${encodeURIComponent(next)}`);
      expect([next, res.status, res.headers.location]).toEqual([next, 303, '/']);
    }
    const home = await agent.get(`/signin?next=${encodeURIComponent('/a/../b/./c?q=1')}`);
    expect(home.headers.location).toBe('/b/c?q=1');
  });

  it('signing in with a disguised off-site next lands on the home page', async () => {
    for (const next of OFF_SITE_NEXT) {
      const agent = request.agent(forum.app);
      const token = await csrfTokenFrom(agent, '/signin');
      const res = await agent.post('/signin').type('form').send({ username: 'MsS', password: DEVELOPMENT_PASSWORD, next, _csrf: token });
      expect([next, res.status, res.headers.location]).toEqual([next, 303, '/']);
    }
  });

  it('sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const res = await request(forum.app).get('/signin');
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((value) => value.startsWith('forum.sid='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });
});

describe('signing out', () => {
  it('destroys the session on the server, so replaying the old cookie is anonymous', async () => {
    const { agent, cookie } = await signInWithCookie(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
    const goran = await forum.db.models.Member.findOne({ where: { usernameKey: 'goranv' } });
    expect(await forum.db.models.Session.count({ where: { memberId: goran!.id } })).toBe(1);
    await request(forum.app).get('/settings').set('Cookie', cookie).expect(200);

    const res = await submitForm(agent, '/settings', '/signout', {});
    expect(res.status).toBe(303);
    expect(await forum.db.models.Session.count({ where: { memberId: goran!.id } })).toBe(0);
    const replay = await request(forum.app).get('/settings').set('Cookie', cookie);
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toBe('/signin?next=%2Fsettings');
  });
});

describe('settings', () => {
  it('changes the display name and private flag, ignoring a smuggled role', async () => {
    const agent = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
    const res = await submitForm(agent, '/settings', '/settings/profile', { displayName: 'Marija J.', isPrivate: 'on', role: 'manager' });
    expect(res.status).toBe(303);
    const marija = await forum.db.models.Member.findOne({ where: { usernameKey: 'marijaj' } });
    expect(marija!.displayName).toBe('Marija J.');
    expect(marija!.isPrivate).toBe(true);
    expect(marija!.role).toBe('contributor');
    const $ = html((await request(forum.app).get('/u/MarijaJ').expect(200)).text);
    expect($('.notice--private').text()).toBe('This profile is private.');
  });

  it('keeps a rejected display name in the form', async () => {
    const agent = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
    const res = await submitForm(agent, '/settings', '/settings/profile', { displayName: 'x'.repeat(61) });
    expect(res.status).toBe(422);
    const $ = html(res.text);
    expect($('#field-displayName').attr('value')).toBe('x'.repeat(61));
    expect($('#field-displayName-error').text()).toBe('Display name must be at most 60 characters.');
  });

  it('changes the password only with the current one, and ends the member\'s other sessions', async () => {
    const laptop = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    const phone = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    const refused = await submitForm(laptop, '/settings', '/settings/password', {
      currentPassword: 'wrong-password',
      newPassword: 'a brand new passphrase',
      confirmPassword: 'a brand new passphrase',
    });
    expect(refused.status).toBe(422);
    expect(html(refused.text)('#field-currentPassword-error').text()).toBe('That is not your current password.');

    const changed = await submitForm(laptop, '/settings', '/settings/password', {
      currentPassword: DEVELOPMENT_PASSWORD,
      newPassword: 'a brand new passphrase',
      confirmPassword: 'a brand new passphrase',
    });
    expect(changed.status).toBe(303);
    await laptop.get('/settings').expect(200);
    const phoneAfter = await phone.get('/settings');
    expect(phoneAfter.status).toBe(303);
    await signIn(forum.app, 'WendyC', 'a brand new passphrase');
    await expect(signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD)).rejects.toThrow(/failed with 401/);
  });
});

describe('CSRF', () => {
  it('refuses a form without a token, and with another session\'s token', async () => {
    const agent = await signIn(forum.app, 'VladimirG', DEVELOPMENT_PASSWORD);
    const missing = await agent.post('/settings/profile').type('form').send({ displayName: 'Hacked' });
    expect(missing.status).toBe(403);
    expect(html(missing.text)('h1').text()).toBe('Not allowed');

    const attacker = request.agent(forum.app);
    const foreignToken = await csrfTokenFrom(attacker, '/signin');
    const foreign = await agent.post('/settings/profile').type('form').send({ displayName: 'Hacked', _csrf: foreignToken });
    expect(foreign.status).toBe(403);
    const vladimir = await forum.db.models.Member.findOne({ where: { usernameKey: 'vladimirg' } });
    expect(vladimir!.displayName).toBe('Vladimir G');
  });
});
