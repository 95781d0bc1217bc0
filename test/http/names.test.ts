/**
 * Impersonation through names (issue 13, item 7): lookalike, invisible and role-claiming names are
 * refused at registration and in settings with the form kept; titles refuse bidi controls; staff
 * names carry their role where names are shown; renames are logged.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { csrfTokenFrom, formPoster, signIn, submitForm } from '../helpers/session';

let forum: TestForum;
beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 1000, registrationLimit: { windowMs: 3_600_000, perAddress: 1000 } } });
});
afterAll(() => forum.destroy());

let counter = 0;
function register(fields: { username?: string; displayName?: string }) {
  counter += 1;
  return submitForm(request.agent(forum.app), '/register', '/register', {
    username: fields.username ?? `fresh${counter}x`,
    displayName: fields.displayName ?? `Fresh Person ${String.fromCharCode(96 + counter)}`,
    email: `fresh${counter}@example.com`,
    password: 'a long enough password',
    confirmPassword: 'a long enough password',
  });
}

describe('registering with a name like a seeded member\'s (Lena E is the manager, Avery O a moderator)', () => {
  it.each([
    ['Lena_E', 'underscore'], ['lena.e', 'dot'], ['Lena-E', 'dash'], ['Avery0', 'zero for O'], ['AveryO', 'taken (case)'],
    ['Iena_E', 'capital I for l'], ['ＬｅｎａＸ'.replace('Ｘ', 'Ｅ'), 'fullwidth'],
  ])('refuses the username %s (%s) and keeps the form', async (username) => {
    const res = await register({ username, displayName: 'Someone Else' });
    expect(res.status).toBe(422);
    const $ = html(res.text);
    expect($('#field-username-error').text()).toMatch(/too similar to an existing member's name|That username is taken/);
    expect($('#field-username').attr('value')).toBe(username);
    expect($('#field-displayName').attr('value')).toBe('Someone Else');
  });

  it.each([
    ['Lena E', 'the same'], ['L\u0435na E', 'Cyrillic е'], ['Lеnа Е', 'three Cyrillic letters'], ['ＬｅｎａＥ', 'fullwidth'],
    ['lena e', 'lower case'], ['LenaE', 'the username as display name'], ['Avery 0', 'zero for O'], ['\u0410very O', 'Cyrillic A'],
  ])('refuses the display name %s (%s)', async (displayName) => {
    const res = await register({ displayName });
    expect(res.status).toBe(422);
    const $ = html(res.text);
    expect($('#field-displayName-error').text()).toBe('That display name is too similar to an existing member\'s name.');
    expect($('#field-displayName').attr('value')).toBe(displayName);
  });

  it.each(['\u2060', '\uFEFF', '\u3164', '\u00AD', '\u034F', '\u061C', '\u180E', '\u202E', '\u200B', '\u2066'])(
    'refuses a display name holding U+%s',
    async (character) => {
      const res = await register({ displayName: `Lena${character} E` });
      expect(res.status).toBe(422);
      expect(html(res.text)('#field-displayName-error').text()).toMatch(/invisible or formatting characters/);
    },
  );

  it.each(['Avery O ✔ Moderator', 'Quinn ✔', 'Quinn Official', 'Staff Quinn', 'M0DERATOR', 'Quinn 🛡', 'Support Team'])(
    'refuses the role claim %s',
    async (displayName) => {
      const res = await register({ displayName });
      expect(res.status).toBe(422);
      expect(html(res.text)('#field-displayName-error').text()).toMatch(/cannot claim a role/);
    },
  );

  it('refuses a username that claims a role', async () => {
    const res = await register({ username: 'Quinn_Admin', displayName: 'Quinn Q' });
    expect(res.status).toBe(422);
    expect(html(res.text)('#field-username-error').text()).toMatch(/cannot claim a role/);
  });

  it('accepts a fresh name and keeps its skeletons', async () => {
    const res = await register({ username: 'Zoe_Quinn', displayName: 'Zoë Quinn' });
    expect(res.status).toBe(303);
    const member = await forum.db.models.Member.findOne({ where: { usernameKey: 'zoe_quinn' } });
    // Case folded, separators gone, i written as l (a capital I looks like l).
    expect(member!.usernameSkeleton).toBe('zoequlnn');
    expect(member!.displayNameSkeleton).not.toBe(member!.usernameSkeleton);
    // ...and later newcomers cannot take a lookalike of it.
    expect((await register({ username: 'ZoeQuinn' })).status).toBe(422);
  });
});

describe('two registrations at once', () => {
  async function registerTogether(pairs: Array<{ username: string; displayName: string }>) {
    const agents = pairs.map(() => request.agent(forum.app));
    const tokens = await Promise.all(agents.map((agent) => csrfTokenFrom(agent, '/register')));
    return Promise.all(
      agents.map((agent, index) =>
        agent.post('/register').type('form').send({
          ...pairs[index],
          email: `racer${index}@example.com`,
          password: 'a long enough password',
          confirmPassword: 'a long enough password',
          _csrf: tokens[index],
        }),
      ),
    );
  }

  it('lets only one of two lookalike usernames in', async () => {
    const answers = await registerTogether([
      { username: 'Race_One', displayName: 'Racer Alpha' },
      { username: 'RaceOne', displayName: 'Racer Beta' },
      { username: 'race.one', displayName: 'Racer Gamma' },
    ]);
    expect(answers.map((res) => res.status).sort()).toEqual([303, 422, 422]);
    expect(await forum.db.models.Member.count({ where: { usernameSkeleton: 'raceone' } })).toBe(1);
  });

  it('lets only one of two lookalike display names in', async () => {
    const answers = await registerTogether([
      { username: 'racer_two', displayName: 'Twin Racer' },
      { username: 'racer_three', displayName: 'Twin-Racer' },
      { username: 'racer_four', displayName: 'TWIN RACER' },
    ]);
    expect(answers.map((res) => res.status).sort()).toEqual([303, 422, 422]);
    expect(await forum.db.models.Member.count({ where: { displayNameSkeleton: 'twlnracer' } })).toBe(1);
  });
});

describe('renaming in settings', () => {
  it('refuses lookalikes and role claims, keeps the form, and allows a case change of one\'s own name', async () => {
    const marija = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
    const post = await formPoster(marija, '/settings');
    for (const [displayName, message] of [
      ['Lena E', /too similar/], ['Rafeh_G', /too similar/], ['Marija J ✔', /cannot claim a role/], ['Marija Moderator', /cannot claim a role/],
      ['Marija\u200BJ', /invisible/], ['Marija  J', /two spaces/],
    ] as const) {
      const res = await post('/settings/profile', { displayName });
      expect([displayName, res.status]).toEqual([displayName, 422]);
      const $ = html(res.text);
      expect($('#field-displayName-error').text()).toMatch(message);
      expect($('#field-displayName').attr('value')).toBe(displayName);
    }
    expect((await post('/settings/profile', { displayName: 'MARIJA J' })).status).toBe(303);
    expect((await post('/settings/profile', { displayName: 'Marija Jovanović' })).status).toBe(303);
  });

  it('lets staff carry their role in their name', async () => {
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const post = await formPoster(avery, '/settings');
    expect((await post('/settings/profile', { displayName: 'Avery O Moderator' })).status).toBe(303);
    expect((await post('/settings/profile', { displayName: 'Avery O' })).status).toBe(303);
  });

  it('logs each display-name change with the old and the new name', async () => {
    const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
    const res = await lena.get('/staff/log');
    expect(res.status).toBe(200);
    const text = html(res.text)('main').text().replace(/\s+/g, ' ');
    expect(text).toContain('changed their display name from "MARIJA J" to "Marija Jovanović"');
    expect(text).toContain('changed their display name from "Marija J" to "MARIJA J"');
    expect(text).toContain('changed their display name from "Avery O" to "Avery O Moderator"');
    // The log's own filter finds them.
    const renames = html((await lena.get('/staff/log?kind=member')).text)('main').text().replace(/\s+/g, ' ');
    expect(renames).toContain('changed their display name from "MARIJA J" to "Marija Jovanović"');
    expect(renames).not.toContain('changed the role');
  });
});

describe('thread titles', () => {
  it.each(['\u202E', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069', '\u200B', '\uFEFF'])('refuses U+%s in a new thread\'s title, keeping title and text', async (character) => {
    const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
    const post = await formPoster(rafeh, '/b/general/threads/new');
    const title = `Badge ${character}status question`;
    const res = await post('/b/general/threads', { title, body: 'My body text stays.', intent: 'post' });
    expect(res.status).toBe(422);
    const $ = html(res.text);
    expect($('main').text()).toMatch(/invisible or formatting characters/);
    expect($('input[name=title]').attr('value')).toBe(title);
    expect($('textarea[name=body]').text()).toBe('My body text stays.');
  });

  it('takes titles in any script, with emoji', async () => {
    const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
    const post = await formPoster(rafeh, '/b/general/threads/new');
    for (const title of ['Статус значка 🚀', 'حالة الشارة الجديدة', 'Family 👨‍👩‍👧 badge ❤️']) {
      const res = await post('/b/general/threads', { title, body: 'Hello.', intent: 'post' });
      expect([title, res.status]).toEqual([title, 303]);
      expect(html((await rafeh.get(res.headers.location.split('#')[0])).text)('h1').text()).toContain(title);
    }
  });
});

describe('staff names carry their role', () => {
  it('in notifications, the moderation log and feeds', async () => {
    const { threadId } = await rolloutThread(forum);
    const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
    const post = await formPoster(lena, `/t/${threadId}/replies/new`);
    expect((await post(`/t/${threadId}/replies`, { body: 'Thanks @WendyC for the summary.', intent: 'post' })).status).toBe(303);

    const wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    const notifications = html((await wendy.get('/notifications')).text)('main').text();
    expect(notifications).toContain('Lena E (Community Manager) mentioned you');

    const feed = await request(forum.app).get(`/t/${threadId}/feed.atom`);
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('<name>Lena E (Community Manager)</name>');

    const log = html((await lena.get('/staff/log')).text);
    expect(log('.role-badge').first().text()).toMatch(/Moderator|Community Manager/);
  });
});
