/**
 * Several app processes on one PostgreSQL database: sessions, CSRF, numbering, fresh reads and
 * rate limits all hold when consecutive requests hit different processes. On SQLite the cluster
 * refuses to start, with a message saying why.
 */
import request from 'supertest';
import { load } from 'cheerio';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestDatabase, TestDatabase, usingPostgres } from '../helpers/db';
import { AppProcess, runScript, startAppProcess } from '../helpers/processes';
import { sessionCookieOf } from '../helpers/session';

const THREAD = '/t/1/new-identity-verification-badge-available-soon-for-top-rated-freelancers';

/** A visitor that can send each request to either process, carrying one cookie. */
class Visitor {
  cookie = '';

  async get(base: string, path: string) {
    const res = await request(base).get(path).set('Cookie', this.cookie);
    this.remember(res.headers['set-cookie']);
    return res;
  }

  async token(base: string, path: string): Promise<string> {
    const res = await this.get(base, path);
    return load(res.text)('input[name=_csrf]').first().attr('value') ?? '';
  }

  async post(base: string, path: string, fields: Record<string, string>, tokenBase = base, tokenPath = '/signin') {
    const _csrf = await this.token(tokenBase, tokenPath);
    const res = await request(base).post(path).set('Cookie', this.cookie).type('form').send({ ...fields, _csrf });
    this.remember(res.headers['set-cookie']);
    return res;
  }

  private remember(setCookie: string[] | string | undefined) {
    const cookie = sessionCookieOf(setCookie);
    if (cookie) this.cookie = cookie;
  }
}

if (!usingPostgres) {
  it('refuses to run a cluster on SQLite, saying why', async () => {
    const { code, output } = await runScript('dist/server/cluster.js', { SQLITE_PATH: '/tmp/forum-cluster-refused.sqlite' });
    expect(code).toBe(2);
    expect(output).toContain('start:cluster needs PostgreSQL');
  });
} else {
  describe('two app processes on one PostgreSQL database', () => {
    let database: TestDatabase;
    let a: AppProcess;
    let b: AppProcess;

    beforeAll(async () => {
      // Empty: both processes start at once and must migrate and seed exactly once between them.
      database = await createTestDatabase({ migrate: false });
      const env = {
        DATABASE_URL: database.databaseUrl!,
        SESSION_SECRET: 'a shared secret of at least thirty-two characters',
        POSTS_PER_MINUTE: '1000',
        SIGNIN_LIMIT_PER_ACCOUNT: '3',
        SIGNIN_LIMIT_PER_ADDRESS: '1000',
      };
      [a, b] = await Promise.all([startAppProcess(env), startAppProcess(env)]);
    }, 60_000);

    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      await database?.destroy();
    });

    it('migrated and seeded once between them', async () => {
      expect(await database.db.models.Thread.count()).toBe(1);
      expect(await database.db.models.Member.count()).toBe(8);
      expect(await database.db.models.Post.count()).toBe(10);
    });

    it('accepts on one process a session made on the other, with its CSRF token', async () => {
      const lena = new Visitor();
      expect((await lena.post(a.url, '/signin', { username: 'LenaE', password: DEVELOPMENT_PASSWORD })).status).toBe(303);
      const settings = await lena.get(b.url, '/settings');
      expect(settings.status).toBe(200);
      expect(load(settings.text)('.account-nav__name').text()).toBe('Lena E');
      // A token issued by A is accepted by B.
      const saved = await lena.post(b.url, '/settings/profile', { displayName: 'Lena E' }, a.url, '/settings');
      expect(saved.status).toBe(303);
    });

    it('numbers 200 concurrent replies split across both 11..210, and each process sees the other\'s posts at once', async () => {
      const members = ['LenaE', 'VladimirG', 'AveryO', 'GoranV', 'WendyC', 'RafehG', 'MarijaJ', 'MsS'];
      const visitors = await Promise.all(
        members.map(async (username) => {
          const visitor = new Visitor();
          await visitor.post(a.url, '/signin', { username, password: DEVELOPMENT_PASSWORD });
          return { visitor, token: await visitor.token(b.url, THREAD) };
        }),
      );
      const responses = await Promise.all(
        Array.from({ length: 200 }, (_, i) => {
          const { visitor, token } = visitors[i % visitors.length];
          const base = i % 2 === 0 ? a.url : b.url;
          return request(base).post('/t/1/replies').set('Cookie', visitor.cookie).type('form')
            .send({ _csrf: token, body: `Reply ${i} from process ${i % 2 === 0 ? 'A' : 'B'}`, intent: 'post' });
        }),
      );
      expect(responses.map((res) => res.status)).toEqual(Array(200).fill(303));
      const numbers = responses.map((res) => Number(/\/(\d+)#/.exec(res.headers.location)![1])).sort((x, y) => x - y);
      expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 11));

      // The last post, written through either process, is on the last page as read from both.
      const last = await database.db.models.Post.findOne({ where: { number: 210 } });
      for (const base of [a.url, b.url]) {
        const page = await request(base).get(`${THREAD}/210`).expect(200);
        expect(load(page.text)('#p210 .post__body').text().trim()).toBe(last!.source);
      }
    });

    it('counts failed sign-ins across both processes', async () => {
      const attempt = (base: string) => new Visitor().post(base, '/signin', { username: 'MsS', password: 'wrong password' });
      expect((await attempt(a.url)).status).toBe(401);
      expect((await attempt(b.url)).status).toBe(401);
      expect((await attempt(a.url)).status).toBe(401);
      const limited = await attempt(b.url);
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    });
  });
}
