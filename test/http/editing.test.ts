/** Editing posts: quick fixes, recorded revisions with reasons, the history diff and edit conflicts. */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { EDIT_GRACE_PERIOD_MS } from '../../server/services/revisions';
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

async function postNumbered(number: number) {
  return (await forum.db.models.Post.findOne({ where: { threadId, number } }))!;
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

it('shows Edit only on posts the member may edit', async () => {
  const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
  const $ = html((await rafeh.get(threadPath).expect(200)).text);
  expect($('#p3 .post__action:contains("Edit")')).toHaveLength(1);
  expect($('#p5 .post__action:contains("Edit")')).toHaveLength(1);
  expect($('#p1 .post__action:contains("Edit")')).toHaveLength(0);
  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  expect(html((await avery.get(threadPath).expect(200)).text)('.post__action:contains("Edit")')).toHaveLength(10);
  await rafeh.get(`/posts/${(await postNumbered(1)).id}/edit`).expect(403);
});

it('updates in place when the author fixes a fresh post without a reason', async () => {
  const msS = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
  const res = await submitForm(msS, threadPath, `/t/${threadId}/replies`, { body: 'Is the vidoe call required?', intent: 'post' });
  const number = Number(/\/(\d+)#/.exec(res.headers.location)![1]);
  const post = await postNumbered(number);
  const saved = await edit(msS, post.id, { body: 'Is the video call required?' });
  expect(saved.status).toBe(303);
  expect(saved.headers.location).toBe(`${threadPath}/${number}#p${number}`);
  const $ = html((await msS.get(`${threadPath}/${number}`).expect(200)).text);
  expect($(`#p${number} .post__body`).text().trim()).toBe('Is the video call required?');
  expect($(`#p${number} .post__edited`)).toHaveLength(0);
  expect(await forum.db.models.PostRevision.count({ where: { postId: post.id } })).toBe(0);
});

it('records a revision after the grace period, shows "Edited by", and the history has a word diff', async () => {
  const post = await postNumbered(3);
  await post.update({ createdAt: new Date(Date.now() - EDIT_GRACE_PERIOD_MS - 1000) });
  const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
  const saved = await edit(rafeh, post.id, { body: post.source.replace(/verfication/g, 'verification'), reason: 'typo' });
  expect(saved.status).toBe(303);

  const $ = html((await request(forum.app).get(`${threadPath}/3`).expect(200)).text);
  const edited = $('#p3 .post__edited');
  expect(edited.text()).toMatch(/Edited by Rafeh G on .+ — “typo”/);
  const historyUrl = edited.find('a').attr('href')!;
  expect(historyUrl).toBe(`/posts/${post.id}/history`);

  // Everyone who can see the post can see its history.
  const history = html((await request(forum.app).get(historyUrl).expect(200)).text);
  const revision = history('.revision');
  expect(revision).toHaveLength(1);
  expect(revision.find('header').text()).toContain('Version 2');
  expect(revision.find('header a').text()).toBe('Rafeh G');
  expect(revision.find('.revision__reason').text()).toBe('Reason: typo');
  expect(revision.find('del').map((_, e) => history(e).text()).get()).toEqual(['verfication', 'verfication']);
  expect(revision.find('ins').map((_, e) => history(e).text()).get()).toEqual(['verification', 'verification']);
});

it('requires a reason when staff edit someone else\'s post, and shows it', async () => {
  const post = await postNumbered(9);
  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const refused = await edit(avery, post.id, { body: `${post.source}\n\n(Moved the question up.)` });
  expect(refused.status).toBe(422);
  const $ = html(refused.text);
  expect($('#field-reason-error').text()).toBe('Say why you are editing someone else\'s post.');
  expect($('#field-body').text()).toBe(`${post.source}\n\n(Moved the question up.)`);

  const saved = await edit(avery, post.id, { body: `${post.source}\n\n(Moved the question up.)`, reason: 'clarity' });
  expect(saved.status).toBe(303);
  const page = html((await request(forum.app).get(`${threadPath}/9`).expect(200)).text);
  expect(page('#p9 .post__edited').text()).toMatch(/Edited by Avery O Moderator on .+ — “clarity”/);
  const revision = await forum.db.models.PostRevision.findOne({ where: { postId: post.id } });
  expect(revision).toMatchObject({ version: 2, reason: 'clarity', sourceBefore: post.source });
});

it('refuses a save made on an outdated version with 409, showing both texts and keeping the editor\'s', async () => {
  const post = await postNumbered(7);
  await post.update({ createdAt: new Date(Date.now() - EDIT_GRACE_PERIOD_MS - 1000) });
  const marija = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
  const goran = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
  // Both open the editor on version 1.
  const marijaForm = html((await marija.get(`/posts/${post.id}/edit`).expect(200)).text);
  const goranForm = html((await goran.get(`/posts/${post.id}/edit`).expect(200)).text);
  expect(marijaForm('input[name=baseVersion]').attr('value')).toBe('1');

  const first = await goran.post(`/posts/${post.id}/edit`).type('form').send({
    _csrf: goranForm('input[name=_csrf]').attr('value'), baseVersion: '1', intent: 'post', body: 'Moderator version', reason: 'tidy',
  });
  expect(first.status).toBe(303);

  const second = await marija.post(`/posts/${post.id}/edit`).type('form').send({
    _csrf: marijaForm('input[name=_csrf]').attr('value'), baseVersion: '1', intent: 'post', body: 'My careful rewrite',
  });
  expect(second.status).toBe(409);
  const $ = html(second.text);
  expect($('.conflict__current').text()).toBe('Moderator version');
  // Who changed it and when, and what saving hers would change in it.
  expect($('.conflict__who').text()).toMatch(/^Changed by Goran V \(Moderator\), .+ UTC\.$/);
  expect($('.conflict__diff del').text()).toBe('Moderator version');
  expect($('.conflict__diff ins').text()).toBe('My careful rewrite');
  // The reason comes before the buttons, so its error is seen before saving.
  expect($('form input[name=reason], form button[value=post]').map((_, e) => $(e).attr('name')).get()).toEqual(['reason', 'intent']);
  expect($('#field-body').text()).toBe('My careful rewrite');
  expect($('input[name=baseVersion]').attr('value')).toBe('2');
  expect((await postNumbered(7)).source).toBe('Moderator version');

  // Saving the merged text again from the conflict page works.
  const retry = await marija.post(`/posts/${post.id}/edit`).type('form').send({
    _csrf: $('input[name=_csrf]').attr('value'), baseVersion: '2', intent: 'post', body: 'My careful rewrite',
  });
  expect(retry.status).toBe(303);
  expect((await postNumbered(7)).source).toBe('My careful rewrite');
});

it('keeps authors from editing in a locked thread, but not staff', async () => {
  const thread = await forum.db.models.Thread.findByPk(threadId);
  await thread!.update({ isLocked: true });
  try {
    const post = await postNumbered(5);
    const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
    await rafeh.get(`/posts/${post.id}/edit`).expect(403);
    const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
    await lena.get(`/posts/${post.id}/edit`).expect(200);
  } finally {
    await thread!.update({ isLocked: false });
  }
});

it('previews an edit without saving it', async () => {
  const post = await postNumbered(10);
  const goran = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
  const res = await edit(goran, post.id, { body: 'Preview **only**', intent: 'preview' });
  expect(res.status).toBe(200);
  expect(html(res.text)('.preview strong').text()).toBe('only');
  expect((await postNumbered(10)).source).toBe(post.source);
});
