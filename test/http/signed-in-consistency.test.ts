/**
 * Signed-in pages are read by a different path from anonymous ones (plain-row readers, the
 * session read with its member): after every kind of change staff make through one app process,
 * an anonymous reader and a signed-in member reading through a second process on the same
 * database see the same posts, and the change itself.
 */
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../server/app';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, signIn } from '../helpers/session';

let forum: TestForum;
let second: Express;
let threadId: number;
let threadPath: string;
let staff: Agent;
let reader: Agent;

/** Submits the form matching selector on pagePath with its own fields, as a browser would, plus overrides. */
async function submitPageForm(agent: Agent, pagePath: string, selector: string, overrides: Record<string, string> = {}) {
  const $ = html((await agent.get(pagePath).expect(200)).text);
  const form = $(selector).first();
  if (!form.length) throw new Error(`no form ${selector} on ${pagePath}`);
  const fields: Record<string, string> = {};
  form.find('input[name], textarea[name], select[name]').each((_, element) => {
    const field = $(element);
    const type = field.attr('type');
    if ((type === 'radio' || type === 'checkbox') && field.attr('checked') === undefined) return;
    const value = element.tagName === 'select' ? field.find('option').first().attr('value') : element.tagName === 'textarea' ? field.text() : field.attr('value');
    fields[field.attr('name')!] = value ?? '';
  });
  return agent.post(form.attr('action')!).type('form').send({ ...fields, ...overrides });
}

/** What a reader sees of each post, without the controls that depend on who they are. */
function postsAsSeen(text: string): Array<Record<string, string>> {
  const $ = html(text);
  return $('article.post')
    .toArray()
    .map((element) => {
      const post = $(element);
      return {
        id: post.attr('id') ?? '',
        classes: post.attr('class') ?? '',
        header: post.find('.post__header').text().replace(/\s+/g, ' ').trim(),
        body: post.find('.post__body').html() ?? '',
        hidden: post.find('.post__hidden-placeholder').text(),
        edited: post.find('.post__edited').text().replace(/\s+/g, ' ').trim(),
        eta: post.find('.eta-note').clone().find('details').remove().end().text().replace(/\s+/g, ' ').trim(),
        citations: post.find('.badge-citation').text().replace(/\s+/g, ' ').trim(),
        author: post.find('.post__author-text .author-name').text(),
      };
    });
}

async function bothSee(path = threadPath): Promise<Array<Record<string, string>>> {
  const anonymous = await request(second).get(path).expect(200);
  const signedIn = await reader.get(path).expect(200);
  const seen = postsAsSeen(anonymous.text);
  expect(seen.length).toBeGreaterThan(0);
  expect(postsAsSeen(signedIn.text)).toEqual(seen);
  return seen;
}

beforeAll(async () => {
  forum = await createTestForum();
  ({ threadId, threadPath } = await rolloutThread(forum));
  second = createApp({ db: forum.db, config: forum.config });
  staff = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
  // MsS is a contributor who wrote none of the posts changed below.
  reader = await signIn(second, 'MsS', DEVELOPMENT_PASSWORD);
  await bothSee();
});
afterAll(() => forum.destroy());

async function postOf(number: number) {
  const post = await forum.db.models.Post.findOne({ where: { threadId, number } });
  if (!post) throw new Error(`no post ${number}`);
  return post;
}

it('shows an edit to both', async () => {
  const post = await postOf(2);
  const res = await submitPageForm(staff, `/posts/${post.id}/edit`, `form[action="/posts/${post.id}/edit"]`, {
    body: 'Edited by staff: the rollout resumes on Monday.',
    reason: 'Corrected the date',
    intent: 'post',
  });
  expect(res.status).toBe(303);
  const seen = await bothSee();
  expect(seen.find((p) => p.id === 'p2')!.body).toContain('the rollout resumes on Monday');
  expect(seen.find((p) => p.id === 'p2')!.edited).toContain('Corrected the date');
});

it('shows a hidden post as a placeholder to both, and its restored text after', async () => {
  const post = await postOf(3);
  const hide = await submitPageForm(staff, threadPath, `form[action="/posts/${post.id}/hide"]`, { reason: 'Off topic' });
  expect(hide.status).toBe(303);
  let seen = await bothSee();
  expect(seen.find((p) => p.id === 'p3')!.hidden).toBe('Hidden by a moderator.');
  expect(seen.find((p) => p.id === 'p3')!.body).toBe('');

  const restore = await submitPageForm(staff, threadPath, `form[action="/posts/${post.id}/restore"]`);
  expect(restore.status).toBe(303);
  seen = await bothSee();
  expect(seen.find((p) => p.id === 'p3')!.hidden).toBe('');
  expect(seen.find((p) => p.id === 'p3')!.body).not.toBe('');
});

it('shows an ETA note added, then closed, to both', async () => {
  // ETA notes go on staff posts.
  const staffPosts = await forum.db.models.Post.findAll({
    where: { threadId },
    include: [{ model: forum.db.models.Member, as: 'author', where: { role: ['moderator', 'manager'] } }],
    order: [['number', 'ASC']],
  });
  const post = staffPosts.find((candidate) => candidate.number <= 10 && candidate.number !== 2)!;
  const anchor = `p${post.number}`;
  const add = await submitPageForm(staff, threadPath, `form[action="/posts/${post.id}/eta"]`, { text: 'Fix ships within the week.', window: '5-7 days' });
  expect(add.status).toBe(303);
  let seen = await bothSee();
  expect(seen.find((p) => p.id === anchor)!.eta).toContain('Fix ships within the week.');

  const note = await forum.db.models.EtaNote.findOne({ where: { postId: post.id, status: 'open' } });
  const close = await submitPageForm(staff, threadPath, `form[action="/eta/${note!.id}/close"]`, { outcome: 'withdrawn', reason: 'Plans changed' });
  expect(close.status).toBe(303);
  seen = await bothSee();
  expect(seen.find((p) => p.id === anchor)!.eta).toContain('Withdrawn: Plans changed');
});

it('shows a cited badge status in a new reply to both', async () => {
  const redirect = await staff.get(`/staff/badges/RafehG/cite?thread=${threadId}`).expect(303);
  const res = await submitPageForm(staff, redirect.headers.location, `form[action="/t/${threadId}/replies"]`, { body: 'Checked his status.', intent: 'post' });
  expect(res.status).toBe(303);
  const thread = await forum.db.models.Thread.findByPk(threadId);
  const lastPage = Math.ceil(thread!.lastPostNumber / 10);
  const seen = await bothSee(`${threadPath}?page=${lastPage}`);
  expect(seen.find((p) => p.id === `p${thread!.lastPostNumber}`)!.citations).toContain('Badge status for');
});

it('shows a new official answer to both', async () => {
  const res = await submitPageForm(staff, threadPath, `form[action="/t/${threadId}/official"]:has(input[name=postNumber][value="5"])`);
  expect(res.status).toBe(303);
  const seen = await bothSee();
  expect(seen.find((p) => p.id === 'p5')!.header).toContain('Official answer');
});

it('shows the thread locked, and moved, to both', async () => {
  const lock = await submitPageForm(staff, threadPath, `form[action="/t/${threadId}/lock"]`);
  expect(lock.status).toBe(303);
  await bothSee();
  expect(html((await reader.get(threadPath).expect(200)).text)('.thread-meta').text()).toContain('Locked');
  expect(html((await request(second).get(threadPath).expect(200)).text)('.thread-meta').text()).toContain('Locked');

  const before = (await forum.db.models.Thread.findByPk(threadId))!.boardId;
  const move = await submitPageForm(staff, threadPath, `form[action="/t/${threadId}/move"]`);
  expect(move.status).toBe(303);
  const after = await forum.db.models.Thread.findByPk(threadId, { include: ['board'] });
  expect(after!.boardId).not.toBe(before);
  await bothSee();
  const breadcrumbs = html((await reader.get(threadPath).expect(200)).text)('.breadcrumbs').text();
  expect(breadcrumbs).toContain(after!.board!.name);
});
