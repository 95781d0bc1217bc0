/**
 * Member text in the markdown the server prefills (issue 13, item 12): a display name made of
 * markdown or HTML stays literal text in the quote ("> **[Name wrote:](…)**") and in the badge
 * citation's "Hi Name," once the staff member saves the reply — no link, emphasis, code, HTML or
 * @mention comes out of it, and the quote still notifies the quoted member.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { formPoster, signIn, submitForm } from '../helpers/session';

let forum: TestForum;
let threadId: number;
beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 1000, registrationLimit: { windowMs: 3_600_000, perAddress: 1000 } } });
  ({ threadId } = await rolloutThread(forum));
});
afterAll(() => forum.destroy());

const HOSTILE_NAMES = [
  '[Fix: sign in here](https://evil.example/login)',
  '**Bold** _slanted_ ~~gone~~',
  '`code` <b>html</b> <img src=x>',
  'Hey @LenaE look',
  '![pic](https://evil.example/a.png) www.evil.example',
];

/** Registers a member with this display name, who then replies; returns their username and post number. */
async function memberWhoPosts(displayName: string, index: number): Promise<{ username: string; postNumber: number }> {
  const username = `hostile${index}x`;
  const agent = request.agent(forum.app);
  const registered = await submitForm(agent, '/register', '/register', {
    username, displayName, email: `${username}@example.com`, password: 'a long enough password', confirmPassword: 'a long enough password',
  });
  expect([displayName, registered.status]).toEqual([displayName, 303]);
  const post = await formPoster(agent, `/t/${threadId}/replies/new`);
  const replied = await post(`/t/${threadId}/replies`, { body: 'My question about the badge.', intent: 'post' });
  expect(replied.status).toBe(303);
  return { username, postNumber: Number(/\/(\d+)#p\d+$/.exec(replied.headers.location)![1]) };
}

/** Avery (a moderator) opens the reply form at this address and saves it as it was prefilled. */
async function saveAsPrefilled(formPath: string): Promise<{ html: string; text: string; prefilled: string }> {
  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const form = await avery.get(formPath);
  expect(form.status).toBe(200);
  const $form = html(form.text);
  const prefilled = $form('textarea[name=body]').text();
  const post = await formPoster(avery, formPath);
  const saved = await post(`/t/${threadId}/replies`, {
    body: prefilled, replyTo: $form('input[name=replyTo]').attr('value') ?? '', cite: $form('input[name=cite]').attr('value') ?? '', intent: 'post',
  });
  expect(saved.status).toBe(303);
  const page = html((await request(forum.app).get(saved.headers.location.split('#')[0])).text);
  const article = page(`#${saved.headers.location.split('#')[1]}`);
  const body = article.find('.post__body');
  expect(body).toHaveLength(1);
  return { html: body.html() ?? '', text: body.text().replace(/\s+/g, ' '), prefilled };
}

function expectLiteral(saved: { html: string; text: string }, displayName: string): void {
  expect(saved.text).toContain(displayName);
  expect(saved.html).not.toContain('evil.example/login"');
  expect(saved.html).not.toMatch(/<img|<b>|<code|<del|<em>|<strong>(?!<a href="\/t\/)|class="mention"/);
  expect(saved.html).not.toMatch(/href="https?:\/\/(www\.)?evil\.example/);
}

describe.each(HOSTILE_NAMES.map((name, index) => [name, index] as const))('a member named %s', (displayName, index) => {
  let author: { username: string; postNumber: number };
  beforeAll(async () => {
    author = await memberWhoPosts(displayName, index);
  });

  it('is quoted as literal text, and the quote still links to the post and notifies them', async () => {
    const saved = await saveAsPrefilled(`/t/${threadId}/replies/new?quote=${author.postNumber}`);
    expectLiteral(saved, `${displayName} wrote:`);
    // The quote's own link is still there: "Name wrote:" points at the quoted post.
    expect(saved.html).toMatch(new RegExp(`<a href="/t/${threadId}/[^"]*/${author.postNumber}#p${author.postNumber}"`));
    const member = await forum.db.models.Member.findOne({ where: { usernameKey: author.username } });
    const quoteNotices = await forum.db.models.Notification.count({ where: { memberId: member!.id, kind: 'quote' } });
    expect(quoteNotices).toBe(1);
  });

  it('is greeted as literal text in a badge citation', async () => {
    const saved = await saveAsPrefilled(`/t/${threadId}/replies/new?cite=${author.username}`);
    expect(saved.prefilled).toMatch(/^Hi /);
    expectLiteral(saved, `Hi ${displayName}, I checked your badge status`);
  });
});
