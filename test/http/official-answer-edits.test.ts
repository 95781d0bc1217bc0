/**
 * Issue 13, item 4: an official answer cannot be swapped after it is marked. Every edit of a post
 * someone vouched for (official answer, ETA note) is a recorded revision, even the author's quick
 * fix; a member's edit removes the official-answer mark (on the log, naming the edit); a staff
 * edit keeps it, and the box and the feed say "Edited after it was marked", with who and when.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { addEtaNote } from '../../server/services/eta';
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

async function edit(agent: Agent, postId: number, fields: Record<string, string>) {
  const form = html((await agent.get(`/posts/${postId}/edit`).expect(200)).text);
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

const feed = async () => (await request(forum.app).get('/feeds/official-answers.atom').expect(200)).text;

it('a member who edits their fresh official answer within the grace period leaves a revision and loses the mark', async () => {
  const msS = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
  const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
  const post = await reply(msS, 'Finish the ID step first, then the webcam step opens.');
  expect((await submitForm(lena, threadPath, `/t/${threadId}/official`, { postNumber: String(post.number) })).status).toBe(303);
  const marked = html((await request(forum.app).get(threadPath).expect(200)).text);
  expect(marked('.official-answer__excerpt').text()).toContain('Finish the ID step first');
  expect(await feed()).toContain('Finish the ID step first');

  // The swap: seconds later, no reason given, the kind of save that used to update in place.
  const swapped = await edit(msS, post.id, { body: 'Official fix: sign in again at https://evil.example/login' });
  expect(swapped.status).toBe(303);

  const page = html((await request(forum.app).get(`${threadPath}/${post.number}`).expect(200)).text);
  expect(page('.official-answer')).toHaveLength(0);
  expect(page(`#p${post.number} .tag--answered`)).toHaveLength(0);
  expect(page(`#p${post.number} .post__edited`).text()).toMatch(/Edited by Ms S on /);

  const history = await request(forum.app).get(`/posts/${post.id}/history.json`).expect(200);
  expect(history.body.revisions).toHaveLength(1);
  expect(history.body.revisions[0]).toMatchObject({ version: 2, editor: { displayName: 'Ms S' } });
  const words = history.body.revisions[0].diff.map((part: { kind: string; text: string }) => `${part.kind}:${part.text}`).join('|');
  expect(words).toContain('removed:Finish');
  expect(words).toContain('added:Official');

  // The feed never offers the unvouched text as an official answer.
  const xml = await feed();
  expect(xml).not.toContain('evil.example');
  expect(xml).not.toContain(`${threadPath}/${post.number}#p${post.number}`);

  const log = await lena.get('/staff/log.json?kind=answer').expect(200);
  const entry = log.body.entries.find((each: { action: string }) => each.action === 'answer.unmark-edited');
  expect(entry).toMatchObject({ actor: { displayName: 'Ms S' }, subject: { displayName: 'Lena E' } });
  expect(entry.summary).toBe(`edited the official answer (post ${post.number}, version 2), which removed its mark automatically`);
  expect(entry.link.url).toBe(`${threadPath}/${post.number}#p${post.number}`);
});

it('a staff edit keeps the mark; the box and the feed say it was edited after it was marked, by whom and when', async () => {
  const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const post8 = (await forum.db.models.Post.findOne({ where: { threadId, number: 8 } }))!;
  expect((await submitForm(lena, threadPath, `/t/${threadId}/official`, { postNumber: '8' })).status).toBe(303);
  expect(html((await request(forum.app).get(threadPath).expect(200)).text)('.official-answer__edited')).toHaveLength(0);

  const saved = await edit(avery, post8.id, { body: `${post8.source}\n\nUpdate: the webcam step now opens within a day.`, reason: 'new timing' });
  expect(saved.status).toBe(303);

  const $ = html((await request(forum.app).get(threadPath).expect(200)).text);
  expect($('.official-answer .author-name').text()).toBe('Vladimir G');
  const note = $('.official-answer__edited');
  expect(note.text()).toMatch(/^Edited after it was marked, by Avery O \(Moderator\) on .+\. See the changes$/);
  expect(note.find('a').attr('href')).toBe(`/posts/${post8.id}/history`);
  expect($('#p8 .tag--answered').text()).toBe('Official answer');

  const json = await request(forum.app).get(`${threadPath}.json`).expect(200);
  expect(json.body.officialAnswer.editedAfterMark).toMatchObject({ by: { displayName: 'Avery O' }, historyUrl: `/posts/${post8.id}/history` });

  const xml = await feed();
  expect(xml).toContain('Edited after it was marked, by Avery O (Moderator) on');
  expect(xml).toContain('the webcam step now opens within a day');
  expect(await forum.db.models.ModerationLogEntry.count({ where: { action: 'answer.unmark-edited', postId: post8.id } })).toBe(0);
});

it('records a revision for every edit of a post with an ETA note, even the author\'s quick fix', async () => {
  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const averyId = (await forum.db.models.Member.findOne({ where: { username: 'AveryO' } }))!.id;
  const post = await reply(avery, 'We are looking into the webcam step.');
  await addEtaNote(forum.db, { postId: post.id, authorId: averyId, source: 'Follow-up with the fix', promisedWindow: '24-48 hours', notify: false });

  const saved = await edit(avery, post.id, { body: 'We are looking into the webcam step today.' });
  expect(saved.status).toBe(303);
  expect(await forum.db.models.PostRevision.count({ where: { postId: post.id } })).toBe(1);
  const page = html((await request(forum.app).get(`${threadPath}/${post.number}`).expect(200)).text);
  expect(page(`#p${post.number} .post__edited`).text()).toMatch(/Edited by Avery O Moderator on /);
});

it('still lets a member fix a fresh post nobody vouched for in place', async () => {
  const marija = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
  const post = await reply(marija, 'Teh webcam step worked for me.');
  expect((await edit(marija, post.id, { body: 'The webcam step worked for me.' })).status).toBe(303);
  expect(await forum.db.models.PostRevision.count({ where: { postId: post.id } })).toBe(0);
});
