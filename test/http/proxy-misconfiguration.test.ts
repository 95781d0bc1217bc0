/**
 * Production behind an HTTPS proxy without TRUST_PROXY: the Secure session cookie is never set,
 * so every form would fail as "expired". The app warns once in the log and the refused page names
 * the real cause; with TRUST_PROXY set the same sign-in works.
 */
import request from 'supertest';
import { createApp } from '../../server/app';
import { setPassword } from '../../server/services/accounts';
import { createPasswordHasher } from '../../server/services/passwords';
import { createTestForum, html, makeMember, TestForum } from '../helpers/forum';
import { sessionCookieOf } from '../helpers/session';

let forum: TestForum;
const PASSWORD = 'a password for production';
beforeAll(async () => {
  forum = await createTestForum({ config: { env: 'production', trustProxy: false } });
  const member = await makeMember(forum.db, { username: 'ProxyTester' });
  await setPassword({ db: forum.db, passwords: createPasswordHasher(forum.config.passwordHashCost) }, member.id, PASSWORD);
});
afterAll(() => forum.destroy());

/** Opens the sign-in form and posts it, as a browser would over the given scheme. */
async function signInThrough(app: ReturnType<typeof createApp>, headers: Record<string, string>) {
  const page = await request(app).get('/signin').set(headers).expect(200);
  const cookie = sessionCookieOf(page.headers['set-cookie']);
  const _csrf = html(page.text)('input[name=_csrf]').attr('value')!;
  const post = request(app).post('/signin').set(headers).type('form');
  if (cookie) post.set('Cookie', cookie);
  return { cookie, res: await post.send({ username: 'ProxyTester', password: PASSWORD, _csrf }) };
}

it('says the server is misconfigured (TRUST_PROXY), not that the form expired, and warns once', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const app = createApp({ db: forum.db, config: forum.config });
    for (let i = 0; i < 2; i += 1) {
      const { cookie, res } = await signInThrough(app, { 'X-Forwarded-Proto': 'https' });
      expect(cookie).toBeNull();
      expect(res.status).toBe(403);
      const message = html(res.text)('main').text();
      expect(message).toContain('the server is misconfigured');
      expect(message).toContain('TRUST_PROXY');
      expect(message).not.toMatch(/expired/);
    }
    const warnings = warn.mock.calls.filter((args) => String(args[0]).includes('TRUST_PROXY'));
    expect(warnings).toHaveLength(1);
  } finally {
    warn.mockRestore();
  }
});

it('says the site needs HTTPS when it is reached over plain HTTP without a proxy', async () => {
  const { res } = await signInThrough(forum.app, {});
  expect(res.status).toBe(403);
  expect(html(res.text)('main').text()).toContain('plain HTTP');
});

it('signs in through the same proxy once TRUST_PROXY is set', async () => {
  const fixed = createApp({ db: forum.db, config: { ...forum.config, trustProxy: 1 } });
  const { cookie, res } = await signInThrough(fixed, { 'X-Forwarded-Proto': 'https' });
  expect(cookie).not.toBeNull();
  expect(res.status).toBe(303);
  expect((res.headers['set-cookie'] as unknown as string[]).find((value) => value.startsWith('forum.sid='))).toMatch(/Secure/);
});
