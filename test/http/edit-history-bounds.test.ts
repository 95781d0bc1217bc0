/**
 * Issue 13, item 2: what one member can pile up through edits never makes a page expensive. The
 * history shows diffs stored at save time, a page of 10 revisions at a time; edits have a flood
 * limit and members a cap of revisions per post; a refused edit comes back with its text.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { setPassword } from '../../server/services/accounts';
import { createPasswordHasher } from '../../server/services/passwords';
import { replyToThread } from '../../server/services/posting';
import { EDIT_GRACE_PERIOD_MS, editPost } from '../../server/services/revisions';
import { REVISIONS_PER_PAGE } from '../../server/services/revisionHistory';
import { storedDiff } from '../../server/services/revisionDiff';
import { createTestForum, html, makeMember, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, signIn } from '../helpers/session';

let forum: TestForum;
let threadId: number;

beforeAll(async () => {
  forum = await createTestForum();
  ({ threadId } = await rolloutThread(forum));
});
afterAll(() => forum.destroy());

/** About 20,000 characters of words, different for every seed: two of them share little. */
function bigText(seed: number): string {
  let state = seed;
  const words: string[] = [];
  while (words.join(' ').length < 19_900) {
    state = (state * 1103515245 + 12345) % 2147483648;
    words.push(`word${state % 9973}`);
  }
  return words.join(' ').slice(0, 19_990);
}

async function memberPost(source: string) {
  const author = await makeMember(forum.db);
  const post = await replyToThread(forum.db, { threadId, authorId: author.id, source });
  return { author, post };
}

/** Opens the edit form and saves it with the given fields, as a browser would. */
async function edit(agent: Agent, postId: number, fields: Record<string, string>) {
  const form = html((await agent.get(`/posts/${postId}/edit`).expect(200)).text);
  return agent.post(`/posts/${postId}/edit`).type('form').send({
    _csrf: form('input[name=_csrf]').attr('value'),
    baseVersion: form('input[name=baseVersion]').attr('value'),
    intent: 'post',
    ...fields,
  });
}

describe('the diff of a revision', () => {
  it('is bounded: two unrelated 20 KB texts give up quickly and show both versions; a typo fix is a word diff', () => {
    const started = Date.now();
    expect(storedDiff(bigText(1), bigText(2))).toBeNull();
    expect(Date.now() - started).toBeLessThan(2_000);
    const text = bigText(3);
    const fixed = JSON.parse(storedDiff(text, text.replace('word', 'WORD'))!);
    expect(fixed.filter((part: { kind: string }) => part.kind !== 'same').map((part: { text: string }) => part.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^WORD/)]));
  });
});

describe('40 edits of a 20 KB post', () => {
  let postId: number;
  const history = () => `/posts/${postId}/history`;

  beforeAll(async () => {
    const { author, post } = await memberPost(bigText(100));
    postId = post.id;
    // The worst case for a diff: every edit replaces the whole text with an unrelated one (with
    // a reason, so each is a recorded revision).
    for (let n = 1; n <= 40; n++) {
      const started = Date.now();
      await editPost(forum.db, { postId, editorId: author.id, source: bigText(100 + n), reason: `rewrite ${n}`, reasonRequired: false, baseVersion: n });
      expect(Date.now() - started).toBeLessThan(5_000);
    }
  }, 240_000);

  it('answers the history page fast, ten revisions newest first, with a bounded size', async () => {
    const started = Date.now();
    const res = await request(forum.app).get(history()).expect(200);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(3_000);
    // Ten revisions of two 20,000-character texts each, escaped, and the page around them.
    expect(res.text.length).toBeLessThan(REVISIONS_PER_PAGE * 2 * 20_000 * 1.2 + 20_000);
    const $ = html(res.text);
    expect($('.revision header strong').map((_, e) => $(e).text()).get()).toEqual(
      Array.from({ length: 10 }, (_, i) => `Version ${41 - i}`),
    );
    expect($('.revision__too-different').first().text()).toBe('The texts differ too much to show a word diff; both versions are shown.');
    expect($('a[rel=next]').attr('href')).toBe(`${history()}?before=32`);
  });

  it('walks to the oldest revision page by page; the JSON is bounded the same way', async () => {
    const seen: number[] = [];
    let next: string | null = `${history()}.json`;
    while (next) {
      const started = Date.now();
      const res: request.Response = await request(forum.app).get(next).expect(200);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(res.text.length).toBeLessThan(REVISIONS_PER_PAGE * 2 * 20_000 * 1.2 + 20_000);
      seen.push(...res.body.revisions.map((revision: { version: number }) => revision.version));
      next = res.body.olderUrl ? res.body.olderUrl.replace('?', '.json?') : null;
    }
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => 41 - i));
  });

  it('answers 400 for a cursor that is not a version number', async () => {
    for (const before of ['abc', '-1', '0', '1e9', '99999999999']) {
      await request(forum.app).get(history()).query({ before }).expect(400);
    }
    const past = await request(forum.app).get(`${history()}?before=2`).expect(200);
    expect(html(past.text)('.empty').text()).toBe('There are no older versions.');
  });
});

describe('edit limits', () => {
  it(`refuses a member's 11th save within a minute with 429 and Retry-After, quick fixes counted too, text kept`, async () => {
    const { author, post } = await memberPost('A fresh post');
    const agent = await signInAs(author);
    for (let n = 1; n <= 10; n++) {
      const saved = await edit(agent, post.id, { body: `A fresh post, fix ${n}` });
      expect(saved.status).toBe(303);
    }
    const refused = await edit(agent, post.id, { body: 'The eleventh fix, kept' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const $ = html(refused.text);
    expect($('.form-error, [role=alert]').text()).toContain('You are editing too quickly: at most 10 saves a minute');
    expect($('#field-body').text()).toBe('The eleventh fix, kept');
    expect((await forum.db.models.Post.findByPk(post.id))!.source).toBe('A fresh post, fix 10');
  }, 60_000);

  it('caps the revisions a member records on one post at 50; staff may still edit it', async () => {
    const { author, post } = await memberPost('Version one');
    // Saved after the grace period, so each one is a recorded revision.
    const later = new Date(Date.now() + EDIT_GRACE_PERIOD_MS + 60_000);
    for (let n = 1; n <= 50; n++) {
      await editPost(forum.db, { postId: post.id, editorId: author.id, source: `Version ${n + 1}`, reason: null, reasonRequired: false, baseVersion: n, now: later });
    }
    expect(await forum.db.models.PostRevision.count({ where: { postId: post.id } })).toBe(50);
    const agent = await signInAs(author);
    const refused = await edit(agent, post.id, { body: 'One edit too many, kept' });
    expect(refused.status).toBe(403);
    const $ = html(refused.text);
    expect($('.form-error, [role=alert]').text()).toContain('This post has been edited 50 times, the most a member may.');
    expect($('#field-body').text()).toBe('One edit too many, kept');
    expect(await forum.db.models.PostRevision.count({ where: { postId: post.id } })).toBe(50);

    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const staffEdit = await edit(avery, post.id, { body: 'Tidied by a moderator', reason: 'tidy' });
    expect(staffEdit.status).toBe(303);
    expect(await forum.db.models.PostRevision.count({ where: { postId: post.id } })).toBe(51);
  }, 60_000);
});

const passwords = createPasswordHasher(4);

async function signInAs(member: { id: number; username: string }): Promise<Agent> {
  await setPassword({ db: forum.db, passwords }, member.id, 'edit-limits-pass');
  return signIn(forum.app, member.username, 'edit-limits-pass');
}
