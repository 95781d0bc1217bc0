/**
 * Issue 13, item 13: a moderator removes a phone number with an edit and ticks "Redact the earlier
 * text": from then on no history page or JSON shows it, to anyone (staff included: the texts are
 * emptied in the database), each redacted revision says "[redacted by a moderator on …]", the
 * redaction is on the moderation log with its reason, and search no longer finds the text.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, signIn, submitForm } from '../helpers/session';

let forum: TestForum;
let threadPath: string;
let threadId: number;

beforeAll(async () => {
  forum = await createTestForum();
  ({ threadId, threadPath } = await rolloutThread(forum));
});
afterAll(() => forum.destroy());

const PHONE = '+1 555 0100 4242';
const NAME = 'Zebulonius';

async function editForm(agent: Agent, postId: number) {
  return html((await agent.get(`/posts/${postId}/edit`).expect(200)).text);
}

async function edit(agent: Agent, postId: number, fields: Record<string, string>) {
  const form = await editForm(agent, postId);
  return agent.post(`/posts/${postId}/edit`).type('form').send({
    _csrf: form('input[name=_csrf]').attr('value'),
    baseVersion: form('input[name=baseVersion]').attr('value'),
    intent: 'post',
    ...fields,
  });
}

async function reply(agent: Agent, body: string): Promise<{ number: number; id: number }> {
  const res = await submitForm(agent, threadPath, `/t/${threadId}/replies`, { body, intent: 'post' });
  expect(res.status).toBe(303);
  const number = Number(/\/(\d+)#/.exec(res.headers.location)![1]);
  const post = await forum.db.models.Post.findOne({ where: { threadId, number } });
  return { number, id: post!.id };
}

async function searchFinds(word: string): Promise<boolean> {
  const $ = html((await request(forum.app).get('/search').query({ q: word }).expect(200)).text);
  return $('.search-result').length > 0;
}

describe('redacting a phone number', () => {
  let post: { number: number; id: number };
  let viewers: Record<string, Agent>;

  beforeAll(async () => {
    viewers = {
      anonymous: request.agent(forum.app),
      member: await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD),
      author: await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD),
      staff: await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD),
    };
    post = await reply(viewers.author, `My badge is stuck. Call me on ${PHONE}, ask for ${NAME}.`);
    // A recorded revision whose texts both hold the number.
    expect((await edit(viewers.author, post.id, { body: `My badge is stuck since Monday. Call me on ${PHONE}, ask for ${NAME}.`, reason: 'added the day' })).status).toBe(303);
  });

  it('shows the number in the history to everyone before the redaction (what the issue found)', async () => {
    const res = await request(forum.app).get(`/posts/${post.id}/history.json`).expect(200);
    expect(JSON.stringify(res.body)).toContain('555 0100 4242');
    expect(await searchFinds(NAME)).toBe(true);
    expect(await searchFinds('"555 0100 4242"')).toBe(true);
    const $ = html((await request(forum.app).get('/search').query({ q: 'Zebulonios' }).expect(200)).text);
    expect($('.spelling').text()).toMatch(/zebulonius/i);
  });

  it('offers staff the box, not members, and needs a reason to redact (text kept)', async () => {
    expect((await editForm(viewers.staff, post.id))('input[name=redact]')).toHaveLength(1);
    expect((await editForm(viewers.author, post.id))('input[name=redact]')).toHaveLength(0);
    // Goran edits his own post without a reason and ticks the box: refused, text and tick kept.
    const goranPost = await reply(viewers.staff, 'Please do not post phone numbers here, Ms S.');
    const refused = await edit(viewers.staff, goranPost.id, { body: 'Please do not post phone numbers.', redact: 'on' });
    expect(refused.status).toBe(422);
    const $ = html(refused.text);
    expect($('#field-reason-error').text()).toBe('Say why the earlier text is redacted: the reason goes on the moderation log.');
    expect($('#field-body').text()).toBe('Please do not post phone numbers.');
    expect($('input[name=redact]').attr('checked')).toBeDefined();
  });

  it('removes the number from every history page and JSON, for anonymous, member, author and staff', async () => {
    const saved = await edit(viewers.staff, post.id, { body: 'My badge is stuck since Monday. (Contact details removed.)', reason: 'personal data', redact: 'on' });
    expect(saved.status).toBe(303);

    for (const [who, agent] of Object.entries(viewers)) {
      for (const path of [`/posts/${post.id}/history`, `/posts/${post.id}/history.json`, `${threadPath}/${post.number}`, `${threadPath}/${post.number}.json`]) {
        const res = await agent.get(path).expect(200);
        // Parts of the number with their space, so a random CSRF token cannot match by chance.
        for (const secret of ['555 0100', '0100 4242', NAME]) {
          if (res.text.includes(secret)) throw new Error(`${who} sees "${secret}" on ${path}`);
        }
      }
      const page = html((await agent.get(`/posts/${post.id}/history`).expect(200)).text);
      expect(page('.revision')).toHaveLength(2);
      expect(page('.revision__redacted').first().text()).toMatch(/^\[redacted by a moderator on .+\]$/);
      expect(page('.revision__redacted')).toHaveLength(2);
      // The newest revision still shows the current text, which is on the thread anyway.
      expect(page('#v3').text()).toContain('(Contact details removed.)');
    }
    const json = (await request(forum.app).get(`/posts/${post.id}/history.json`).expect(200)).body;
    expect(json.revisions.map((revision: { version: number; redacted: { notice: string } | null; diff: unknown; before: unknown }) => [revision.version, Boolean(revision.redacted), revision.diff, revision.before]))
      .toEqual([[3, true, null, null], [2, true, null, null]]);
    expect(json.revisions[1].after).toBeNull();
    expect(json.revisions[1].reason).toBeNull();
  });

  it('leaves nothing in the search index: neither the name nor the spelling suggestions find it', async () => {
    expect(await searchFinds(NAME)).toBe(false);
    expect(await searchFinds('"555 0100 4242"')).toBe(false);
    const $ = html((await request(forum.app).get('/search').query({ q: 'Zebulonios' }).expect(200)).text);
    expect($('.spelling').text()).not.toMatch(/zebulonius/i);
  });

  it('puts the redaction on the moderation log with its reason', async () => {
    const log = await viewers.staff.get('/staff/log.json?kind=post').expect(200);
    const redactions = log.body.entries.filter((entry: { action: string }) => entry.action === 'post.redact');
    expect(redactions).toHaveLength(1);
    expect(redactions[0]).toMatchObject({
      actor: { displayName: 'Goran V' },
      subject: { displayName: 'Ms S' },
      summary: 'redacted the earlier text of a post (2 revisions)',
      reason: 'personal data',
    });
  });
});

it('redacts without changing the text, when staff only tick the box', async () => {
  const marija = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const post = await reply(marija, 'My address is 12 Quillfeather Lane.');
  expect((await edit(marija, post.id, { body: 'My address is 12 Quillfeather Lane, flat 3.', reason: 'flat' })).status).toBe(303);
  expect((await edit(marija, post.id, { body: 'Sorted now, thanks.', reason: 'sorted' })).status).toBe(303);

  const current = (await forum.db.models.Post.findByPk(post.id))!;
  const saved = await edit(avery, post.id, { body: current.source, reason: 'address in the history', redact: 'on' });
  expect(saved.status).toBe(303);
  const history = await request(forum.app).get(`/posts/${post.id}/history.json`).expect(200);
  expect(history.text).not.toContain('Quillfeather');
  expect(history.body.revisions.every((revision: { redacted: unknown }) => revision.redacted)).toBe(true);
  expect(history.body.revisions[0].after).toBe('Sorted now, thanks.');
});

it('ignores a member who forges the redact box', async () => {
  const marija = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
  const post = await reply(marija, 'First words.');
  expect((await edit(marija, post.id, { body: 'Second words.', reason: 'reworded' })).status).toBe(303);
  expect((await edit(marija, post.id, { body: 'Third words.', reason: 'again', redact: 'on' })).status).toBe(303);
  const history = await request(forum.app).get(`/posts/${post.id}/history.json`).expect(200);
  expect(history.body.revisions.some((revision: { redacted: unknown }) => revision.redacted)).toBe(false);
  expect(history.text).toContain('First');
  expect(await forum.db.models.ModerationLogEntry.count({ where: { action: 'post.redact', postId: post.id } })).toBe(0);
});
