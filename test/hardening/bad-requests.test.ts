/**
 * Requests built to confuse the server: oversized and malformed bodies, bytes that are not UTF-8,
 * arrays and objects where text belongs, prototype keys, template-option injection on every page,
 * NUL runs, huge path segments and unusual methods. Each gets a clear 4xx (or the normal page),
 * the server keeps answering, and nothing is saved or written.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { isReadableUrl } from '../../server/middleware/requestShape';
import { holdPost } from '../../server/services/approvals';
import { startConversation } from '../../server/services/messages/conversations';
import { createSavedReply } from '../../server/services/questions/savedReplies';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { findUnsafeHtml } from '../helpers/htmlSafety';
import { mountedRoutes } from '../helpers/routes';
import { Agent, csrfTokenFrom, signIn, signInWithCookie } from '../helpers/session';

let forum: TestForum;
let member: Agent;
/** The member's session cookie, for requests sent outside the supertest agent. */
let cookie: string;
let csrf: string;
let threadId: number;
let threadPath: string;
let replyAction: string;

beforeAll(async () => {
  forum = await createTestForum();
  ({ threadId, threadPath } = await rolloutThread(forum));
  replyAction = `/t/${threadId}/replies`;
  ({ agent: member, cookie } = await signInWithCookie(forum.app, 'MsS', DEVELOPMENT_PASSWORD));
  csrf = await csrfTokenFrom(member, threadPath);
});
afterAll(() => forum.destroy());

/** What must stay the same after a refused request. */
async function snapshot() {
  const { Post, Thread, Member } = forum.db.models;
  const msS = await Member.findOne({ where: { username: 'MsS' } });
  return { posts: await Post.count(), threads: await Thread.count(), displayName: msS!.displayName };
}

async function expectServerStillAnswers(): Promise<void> {
  await request(forum.app).get('/').expect(200);
}

/** Sends an exact body (bytes the HTTP client would otherwise re-encode) to the app on a loopback port. */
async function sendRaw(method: string, urlPath: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; text: string }> {
  const server = forum.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers: { ...headers, ...(body ? { 'Content-Length': String(body.length) } : {}) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(body);
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

/** A form post with a raw body from the signed-in member (session cookie and token included). */
const postForm = (action: string, body: string) =>
  member.post(action).set('Content-Type', 'application/x-www-form-urlencoded').send(`_csrf=${encodeURIComponent(csrf)}&${body}`);

function expectErrorPage(res: { status: number; text: string }, status: number, message: RegExp): void {
  expect(res.status).toBe(status);
  const $ = html(res.text);
  expect($('.site-header .brand').length).toBe(1);
  expect($('.error-page__status').text()).toBe(String(status));
  expect($('.error-page').text()).toMatch(message);
}

describe('oversized bodies', () => {
  it('answers a form over 100 kB with 413 and a readable page, saving nothing', async () => {
    const before = await snapshot();
    const res = await postForm(replyAction, `intent=post&body=${'x'.repeat(150_000)}`);
    expectErrorPage(res, 413, /larger than the forum accepts/);
    expect(await snapshot()).toEqual(before);
    await expectServerStillAnswers();
  });

  it('answers a form with more fields than any form has with 413', async () => {
    const res = await postForm(replyAction, Array.from({ length: 150 }, (_, i) => `field${i}=1`).join('&'));
    expectErrorPage(res, 413, /more fields than any form/);
  });

  it('refuses a post over 20,000 characters (but under 100 kB) with 422 and the text kept', async () => {
    const body = 'y'.repeat(20_001);
    const res = await postForm(replyAction, `intent=post&body=${body}`);
    expect(res.status).toBe(422);
    expect(html(res.text)('#field-body').text() === body).toBe(true);
  });
});

describe('text that is not UTF-8', () => {
  it.each([
    ['an invalid two-byte sequence', 'body=%C3%28'],
    ['a lone 0xFF', 'body=%FF'],
    ['a truncated sequence', 'body=caf%C3'],
    ['an encoded surrogate', 'body=%ED%A0%80'],
    ['an overlong slash', 'body=%C0%AF'],
    ['invalid UTF-8 in a field name', '%FF=1&body=fine'],
    ['a NUL', 'body=a%00b'],
  ])('refuses %s in a form with 400, saving nothing', async (_name, fields) => {
    const before = await snapshot();
    for (const intent of ['post', 'preview']) {
      const res = await postForm(replyAction, `intent=${intent}&${fields}`);
      expectErrorPage(res, 400, /not valid text/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses raw bytes that are not UTF-8 in a form body', async () => {
    const body = Buffer.concat([Buffer.from(`_csrf=${encodeURIComponent(csrf)}&intent=post&body=caf`), Buffer.from([0xe9, 0xff])]);
    const res = await sendRaw('POST', replyAction, { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie }, body);
    expectErrorPage(res, 400, /not valid text/);
  });

  it('still reads a form sent as ISO-8859-1', async () => {
    const res = await member.post(replyAction).set('Content-Type', 'application/x-www-form-urlencoded; charset=iso-8859-1').send(`_csrf=${encodeURIComponent(csrf)}&intent=preview&body=caf%E9`);
    expect(res.status).toBe(200);
    expect(html(res.text)('.preview').text()).toContain('café');
  });

  it('refuses a character set it cannot read with 415', async () => {
    const res = await member.post(replyAction).set('Content-Type', 'application/x-www-form-urlencoded; charset=koi8-r').send(`_csrf=${encodeURIComponent(csrf)}&body=x`);
    expectErrorPage(res, 415, /character encoding/);
  });

  it.each(['/t/%C3%28', '/u/%FF', '/b/general%FF', '/?q=%C3%28', '/b/general?page=%FF', '/u/%00', '/?q=%00', `/public/css/%FF.css`])(
    'answers the address %s with 400',
    async (address) => {
      const res = await request(forum.app).get(address);
      expectErrorPage(res, 400, /not valid text/);
    },
  );

  it('reads the same addresses it refuses when they are well formed', () => {
    expect(isReadableUrl('/u/Ren%C3%A9?q=caf%C3%A9+au+lait&x=%2F')).toBe(true);
    expect(isReadableUrl('/u/%E2%82%AC')).toBe(true);
    expect(isReadableUrl('/t/1?page=2&&=&a')).toBe(true);
    expect(isReadableUrl('/u/%E2%82')).toBe(false);
    expect(isReadableUrl('/?%')).toBe(false);
  });
});

describe('arrays and objects where text belongs', () => {
  it.each([
    ['an array of bodies', 'body[]=a&body[]=b'],
    ['a repeated body', 'body=a&body=b'],
    ['an object body', 'body[text]=a'],
    ['a nested object body', 'body[a][b][c]=a'],
  ])('refuses %s with 422 and shows the form again', async (_name, fields) => {
    const before = await snapshot();
    const res = await postForm(replyAction, `intent=post&${fields}`);
    expect(res.status).toBe(422);
    const $ = html(res.text);
    expect($('#field-body').length).toBe(1);
    expect($('#field-body-error').text()).toMatch(/must be text|Write something first/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an object display name, keeping the name', async () => {
    const res = await postForm('/settings/profile', 'displayName[x]=1');
    expect(res.status).toBe(422);
    expect(html(res.text)('#field-displayName-error').text()).toBeTruthy();
    expect((await snapshot()).displayName).toBe('Ms S');
  });

  it('refuses object and array sign-in fields with the sign-in form', async () => {
    for (const fields of ['username[x]=1&password=x', 'username[]=MsS&username[]=LenaE&password=rollout-dev', 'username=MsS&password[]=rollout-dev']) {
      const agent = request.agent(forum.app);
      const token = await csrfTokenFrom(agent, '/signin');
      const res = await agent.post('/signin').set('Content-Type', 'application/x-www-form-urlencoded').send(`_csrf=${encodeURIComponent(token)}&${fields}`);
      expect(res.status).toBe(422);
      expect(html(res.text)('form[action="/signin"]').length).toBe(1);
    }
  });

  it('refuses a repeated CSRF token as if it were missing', async () => {
    const res = await member.post(replyAction).set('Content-Type', 'application/x-www-form-urlencoded').send(`_csrf=${csrf}&_csrf=${csrf}&body=x&intent=post`);
    expect(res.status).toBe(403);
  });
});

describe('prototype keys', () => {
  const keys = [
    '__proto__[polluted]=yes',
    '__proto__.polluted=yes',
    'constructor[prototype][polluted]=yes',
    '__proto__=yes',
    'constructor=yes',
    'hasOwnProperty=yes',
    'toString=yes',
  ];

  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it.each(keys)('ignores %s in a query string', async (key) => {
    for (const page of ['/', `${threadPath}?${key}`, `/b/general?${key}`, `/u/MsS?${key}`, `/.json?${key}`]) {
      const res = await request(forum.app).get(page.includes('?') ? page : `${page}?${key}`);
      expect(res.status).toBe(200);
    }
  });

  it.each(keys)('ignores %s in a form, or refuses the form, saving only what was meant', async (key) => {
    const before = await snapshot();
    const preview = await postForm(replyAction, `${key}&intent=preview&body=hello`);
    expect(preview.status).toBe(200);
    const profile = await postForm('/settings/profile', `${key}&displayName=Ms%20S`);
    expect([303, 422]).toContain(profile.status);
    expect(await snapshot()).toEqual(before);
  });
});

describe('template-option injection', () => {
  const marker = path.join(os.tmpdir(), `forum-injection-${crypto.randomBytes(4).toString('hex')}`);
  const write = `process.mainModule.require('fs').writeFileSync('${marker}','x')`;
  const injections = [
    `settings[view options][outputFunctionName]=x;${write};process.exit(1);//`,
    `settings[view options][client]=true&settings[view options][escapeFunction]=1;return ${write};`,
    `settings[view options][escape]=function(){${write}}`,
    `settings[view options][localsName]=x;${write};//`,
    `settings[view options][destructuredLocals][0]=x=${write}`,
    `settings[view engine]=js&settings[views]=/`,
    `cache=false&filename=/etc/passwd&_locals[title]=<script>alert(1)</script>`,
    `view options[outputFunctionName]=x;${write};//`,
  ].map((query) => query.replace(/[^A-Za-z0-9=&[\]_]/g, (ch) => encodeURIComponent(ch)));

  /** Every GET route the app mounts, with its parameters filled in: a new page is covered by itself. */
  async function everyGetPage(): Promise<string[]> {
    const thread = await forum.db.models.Thread.findByPk(threadId);
    const post = await forum.db.models.Post.findOne({ where: { threadId, number: 6 } });
    const msS = await forum.db.models.Member.findOne({ where: { username: 'MsS' } });
    const lena = await forum.db.models.Member.findOne({ where: { username: 'LenaE' } });
    const values: Record<string, string> = {
      boardSlug: 'announcements', threadId: String(threadId), slug: thread!.slug, postNumber: '6', username: 'RafehG', postId: String(post!.id),
      // A reply waiting in the approval queue (staff may open it).
      pendingId: String((await holdPost(forum.db, { authorId: post!.authorId, threadId, replyToNumber: null, source: 'https://example.com' })).id),
      // Member tools: a draft's place, and an avatar that does not exist (404, see below).
      place: `reply-${threadId}`, memberId: '1', file: '96-00000000000000000000.webp',
      // A member's question to the team (staff read it) and a saved reply.
      conversationId: String(await startConversation(forum.db, {
        actor: { memberId: msS!.id, role: 'contributor', displayName: msS!.displayName, username: msS!.username },
        to: { team: true }, subject: 'A question for the team', source: 'Where is my badge?', limits: forum.config.messageLimits,
      })),
      replyId: String(await createSavedReply(forum.db, { title: 'Badge window', source: 'Hi {member}, {badge_status}.', editorId: lena!.id })),
    };
    return mountedRoutes(forum.app)
      // A live stream (Server-Sent Events) never ends by design: test/http/live-updates.test.ts.
      .filter((route) => route.startsWith('GET ') && !route.startsWith('GET /live/'))
      .map((route) => route.slice(4).replace(/:([A-Za-z]+)/g, (_, name: string) => {
        if (!(name in values)) throw new Error(`no value for :${name} in ${route}`);
        return values[name];
      }))
      // A page that needs a query to mean anything gets one.
      .map((page) => (page.endsWith('/cite') ? `${page}?thread=${threadId}` : page));
  }

  const EMAILED_LINK_PAGES = new Set(['/email/verify', '/email/unsubscribe', '/password/reset']);

  it('renders every page normally, writes nothing and keeps the process alive', async () => {
    const manager = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
    const pages = await everyGetPage();
    expect(pages.length).toBeGreaterThan(15);
    // /metrics is a 404 until METRICS_TOKEN is set (test/http/metrics.test.ts); the injections must not change that either.
    const offByDefault = new Set(['/metrics']);
    for (const page of pages) {
      const plain = await manager.get(page);
      if (offByDefault.has(page) || page.startsWith('/avatars/')) expect(plain.status).toBe(404);
      // Post 6 is a moderator's: the manager may not delete it as its author (403), whatever the query.
      else if (page.endsWith('/delete')) expect(plain.status).toBe(403);
      // The pages behind an emailed link, opened without its token or signature: refused, not broken.
      else if (EMAILED_LINK_PAGES.has(page)) expect([400, 410]).toContain(plain.status);
      else expect(plain.status).toBeLessThan(400);
      for (const injection of injections) {
        for (const variant of [page, `${page}.json`]) {
          const res = await manager.get(`${variant}${variant.includes('?') ? '&' : '?'}${injection}`);
          // The same answer the page gives without the query (a .json of a feed is 404).
          if (variant === page) expect([variant, res.status]).toEqual([variant, plain.status]);
          else expect(res.status).toBeLessThan(500);
          if (res.status === 200 && /html/.test(res.headers['content-type'] ?? '')) expect(findUnsafeHtml(res.text)).toEqual([]);
        }
      }
    }
    expect(fs.existsSync(marker)).toBe(false);
    await expectServerStillAnswers();
  });

  it('keeps the flat ("simple") query parser: brackets never build objects', async () => {
    expect(forum.app.get('query parser')).toBe('simple');
    const parse = forum.app.get('query parser fn') as (query: string) => Record<string, unknown>;
    expect(parse('settings[view options][client]=true&a[]=1')).toEqual({ 'settings[view options][client]': 'true', 'a[]': '1' });
  });
});

describe('odd shapes of request', () => {
  it('answers 10 kB of NUL escapes in a query string with 400', async () => {
    const res = await request(forum.app).get(`/?q=${'%00'.repeat(3_400)}`);
    expectErrorPage(res, 400, /not valid text/);
    await expectServerStillAnswers();
  });

  it('answers a 10 kB path segment with a 4xx or a redirect', async () => {
    const long = 'a'.repeat(10_000);
    for (const page of [`/u/${long}`, `/b/${long}`, `/t/${long}`, `/t/${threadId}/${long}`, `/posts/${long}/history`, `/${long}`]) {
      const res = await request(forum.app).get(page);
      expect([page.slice(0, 20), res.status < 500]).toEqual([page.slice(0, 20), true]);
    }
    await expectServerStillAnswers();
  });

  it('answers HEAD like GET without a body', async () => {
    const res = await request(forum.app).head(threadPath);
    expect(res.status).toBe(200);
    expect(res.text).toBeFalsy();
  });

  it('answers OPTIONS with the methods a path takes', async () => {
    const res = await request(forum.app).options('/signin');
    expect(res.status).toBeLessThan(300);
    expect(res.headers.allow).toMatch(/POST/);
  });

  it.each(['PUT', 'DELETE', 'PATCH', 'PROPFIND', 'TRACE', 'PURGE'])('answers %s with 405 and Allow, changing nothing', async (method) => {
    const before = await snapshot();
    const res = await sendRaw(method, replyAction, { Cookie: cookie });
    expect(res.status).toBe(405);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a JSON body (forms only) without saving', async () => {
    const before = await snapshot();
    const res = await member.post(replyAction).set('Content-Type', 'application/json').send(JSON.stringify({ _csrf: csrf, body: 'json', intent: 'post' }));
    expect(res.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});
