/**
 * The notifications page's bound: a member with more notifications than a page sees the newest
 * NOTIFICATIONS_PAGE_SIZE they may read, newest first; notifications about hidden posts are left
 * out before the limit, so they take no place on the page. The page's statement reads the
 * member's range of notifications_by_member (migration 028) in order, without a sort.
 * (That a hidden post's or thread's notification never shows is test/http/notifications.test.ts
 * and visibility.test.ts; here it is about the page's limit.)
 */
import { QueryTypes } from 'sequelize';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { notificationsQuery, NOTIFICATIONS_PAGE_SIZE } from '../../server/read/notifications';
import { createTestForum, rolloutThread, TestForum } from '../helpers/forum';
import { usingPostgres } from '../helpers/db';
import { signIn } from '../helpers/session';

let forum: TestForum;
let threadId: number;

beforeAll(async () => {
  forum = await createTestForum();
  ({ threadId } = await rolloutThread(forum));
}, 60_000);
afterAll(() => forum.destroy());

const EXTRA = 20;

interface PageJson {
  groups: Array<{ thread: { title: string }; notifications: Array<{ id: number; kind: string; text: string }> }>;
}

it('lists the newest NOTIFICATIONS_PAGE_SIZE readable notifications, newest first; hidden posts take no place', async () => {
  const { Member, Notification, Post } = forum.db.models;
  const wendy = (await Member.findOne({ where: { usernameKey: 'wendyc' } }))!;
  const avery = (await Member.findOne({ where: { usernameKey: 'averyo' } }))!;
  const hiddenPost = (await Post.findOne({ where: { threadId, authorId: avery.id }, order: [['number', 'DESC']] }))!;
  await Notification.destroy({ where: { memberId: wendy.id } });

  // ETA news is one row each (not a grouped kind), so the page lists every notification it reads.
  const at = new Date('2026-01-01T00:00:00Z');
  const eta = (i: number, postId: number | null) => ({
    memberId: wendy.id, kind: 'eta' as const, threadId, postId, actorId: avery.id,
    details: JSON.stringify({ window: `${i + 1} hours` }), readAt: null, createdAt: new Date(at.getTime() + i * 1000),
  });
  const visible = await Notification.bulkCreate(Array.from({ length: NOTIFICATIONS_PAGE_SIZE + EXTRA }, (_, i) => eta(i, null)));
  // The newest of all point at a post that is then hidden: Wendy may not read it.
  await Notification.bulkCreate(Array.from({ length: 5 }, (_, i) => eta(NOTIFICATIONS_PAGE_SIZE + EXTRA + i, hiddenPost.id)));
  await hiddenPost.update({ hiddenAt: new Date() });

  const agent = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
  const page = (await agent.get('/notifications.json').expect(200)).body as PageJson;
  expect(page.groups).toHaveLength(1);
  const listed = page.groups[0].notifications;
  const newest = visible.map((n) => n.id).sort((a, b) => b - a).slice(0, NOTIFICATIONS_PAGE_SIZE);
  expect(listed.map((n) => n.id)).toEqual(newest);
  expect(listed[0].text).toBe(`ETA added by Avery O (Moderator): within ${NOTIFICATIONS_PAGE_SIZE + EXTRA} hours`);
  expect(listed[listed.length - 1].text).toBe(`ETA added by Avery O (Moderator): within ${EXTRA + 1} hours`);

  // Staff read hidden posts: their notifications about it are listed, newest first.
  const staff = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  await Notification.update({ memberId: avery.id }, { where: { memberId: wendy.id } });
  const staffPage = (await staff.get('/notifications.json').expect(200)).body as PageJson;
  expect(staffPage.groups[0].notifications.slice(0, 5).map((n) => n.text)).toEqual(
    [5, 4, 3, 2, 1].map((i) => `ETA added by Avery O (Moderator): within ${NOTIFICATIONS_PAGE_SIZE + EXTRA + i} hours`),
  );
});

(usingPostgres ? it.skip : it)('reads the member\'s range of notifications_by_member in order, without a sort (SQLite)', async () => {
  for (const isStaff of [false, true]) {
    const query = notificationsQuery({ memberId: 1, isStaff });
    const plan = await forum.db.sequelize.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${query.sql}`, {
      replacements: query.replacements,
      type: QueryTypes.SELECT,
    });
    const details = plan.map((step) => step.detail);
    expect(details).toContainEqual(expect.stringMatching(/^SEARCH n USING INDEX notifications_by_member \(member_id=\?\)$/));
    expect(details.join('\n')).not.toMatch(/TEMP B-TREE/);
  }
});
