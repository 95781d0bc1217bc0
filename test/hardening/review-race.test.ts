/**
 * Two moderators act on one review item at the same moment, through two app processes on one
 * database: the conditional UPDATE ... WHERE status = 'open' lets exactly one act. The other is
 * told it was already handled (409, never a 500), and nothing happens twice.
 */
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../server/app';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, rolloutThread, TestForum } from '../helpers/forum';
import { csrfTokenFrom, signInWithCookie } from '../helpers/session';

let forum: TestForum;
let otherProcess: Express;
let threadId: number;

beforeAll(async () => {
  forum = await createTestForum();
  otherProcess = createApp({ db: forum.db, config: forum.config });
  ({ threadId } = await rolloutThread(forum));
});
afterAll(() => forum.destroy());

async function moderator(username: string, app: Express) {
  const { agent, cookie } = await signInWithCookie(forum.app, username, DEVELOPMENT_PASSWORD);
  const csrf = await csrfTokenFrom(agent, '/settings');
  return (postId: number, form: Record<string, string>) =>
    request(app).post(`/staff/review/${postId}`).set('Cookie', cookie).type('form').send({ ...form, _csrf: csrf });
}

async function reportedPost(number: number, reporters: string[]) {
  const post = (await forum.db.models.Post.findOne({ where: { threadId, number } }))!;
  for (const username of reporters) {
    const { agent } = await signInWithCookie(forum.app, username, DEVELOPMENT_PASSWORD);
    const csrf = await csrfTokenFrom(agent, `/posts/${post.id}/report`);
    expect((await agent.post(`/posts/${post.id}/report`).type('form').send({ reason: 'abusive', _csrf: csrf })).status).toBe(303);
  }
  const last = (await forum.db.models.Report.max('id', { where: { postId: post.id } })) as number;
  return { post, seenUpTo: String(last) };
}

it('lets one of two simultaneous moderators hide the post; the other sees it was handled', async () => {
  const { post, seenUpTo } = await reportedPost(5, ['MarijaJ', 'WendyC']);
  const hiddenBefore = (await forum.db.models.Member.findByPk(post.authorId))!.hiddenPostCount;
  const avery = await moderator('AveryO', forum.app);
  const goran = await moderator('GoranV', otherProcess);
  const answers = await Promise.all([
    avery(post.id, { action: 'hide', hideReason: 'Abusive', seenUpTo }),
    goran(post.id, { action: 'dismiss', seenUpTo }),
  ]);
  expect(answers.map((res) => res.status).sort()).toEqual([303, 409]);
  const loser = answers.find((res) => res.status === 409)!;
  expect(loser.text).toContain('already handled');

  const reports = await forum.db.models.Report.findAll({ where: { postId: post.id } });
  const outcomes = new Set(reports.map((report) => report.status));
  expect(outcomes.size).toBe(1);
  const [outcome] = [...outcomes];
  const log = await forum.db.models.ModerationLogEntry.findAll({ where: { postId: post.id } });
  expect(log.map((entry) => entry.action)).toEqual([outcome === 'hidden' ? 'report.hide' : 'report.dismiss']);
  // Each reporter is told once.
  expect(await forum.db.models.Notification.count({ where: { kind: 'report' } })).toBe(2);
  const hiddenAfter = (await forum.db.models.Member.findByPk(post.authorId))!.hiddenPostCount;
  expect(hiddenAfter - hiddenBefore).toBe(outcome === 'hidden' ? 1 : 0);
});

it('a report filed after the moderator opened the queue stays open as a new item', async () => {
  const { post, seenUpTo } = await reportedPost(3, ['MarijaJ']);
  await reportedPost(3, ['WendyC']);
  const avery = await moderator('AveryO', forum.app);
  expect((await avery(post.id, { action: 'dismiss', seenUpTo })).status).toBe(303);
  const open = await forum.db.models.Report.findAll({ where: { postId: post.id, status: 'open' } });
  expect(open).toHaveLength(1);
});

it('hides once when reports cross the auto-hide threshold at once on both processes', async () => {
  const post = (await forum.db.models.Post.findOne({ where: { threadId, number: 4 } }))!; // Wendy C's
  const hiddenBefore = (await forum.db.models.Member.findByPk(post.authorId))!.hiddenPostCount;
  const reporters = await Promise.all(['MsS', 'MarijaJ', 'RafehG', 'AveryO'].map(async (username) => {
    const { agent, cookie } = await signInWithCookie(forum.app, username, DEVELOPMENT_PASSWORD);
    return { cookie, csrf: await csrfTokenFrom(agent, '/settings') };
  }));
  const answers = await Promise.all(reporters.map(({ cookie, csrf }, i) =>
    request(i % 2 ? otherProcess : forum.app).post(`/posts/${post.id}/report`).set('Cookie', cookie).type('form').send({ reason: 'spam', _csrf: csrf })));
  // Every report is filed or (once the post is hidden) refused as already hidden; none fails.
  for (const res of answers) expect([303, 403]).toContain(res.status);
  expect((await forum.db.models.Post.findByPk(post.id))!.hiddenAt).not.toBeNull();
  expect(await forum.db.models.ModerationLogEntry.count({ where: { postId: post.id, action: 'report.autohide' } })).toBe(1);
  expect((await forum.db.models.Member.findByPk(post.authorId))!.hiddenPostCount).toBe(hiddenBefore + 1);
});
