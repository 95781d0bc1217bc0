/**
 * The review queue's bound: with more reported posts than a page holds, the page lists the
 * QUEUE_PAGE_SIZE posts whose first open report is oldest, in that order (ties by post), and the
 * staff header counts them all; the rest wait their turn and appear as the first ones are handled.
 * Later reports, closed reports and the reason filter do not move a post from its first report's
 * place. The page has no "more" link: the header's count is what says there are more.
 */
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { replyToThread } from '../../server/services/posting';
import { reportPost } from '../../server/services/reports';
import { QUEUE_PAGE_SIZE } from '../../server/services/reviewQueue';
import { createTestForum, html, makeMember, rolloutThread, TestForum } from '../helpers/forum';
import { formPoster, signIn } from '../helpers/session';

let forum: TestForum;
const base = Date.UTC(2026, 10, 2, 9, 0, 0);
const minute = (n: number) => new Date(base + n * 60_000);
/** Reported posts, in the order the queue must list them. */
let expected: number[] = [];

beforeAll(async () => {
  forum = await createTestForum();
  const { threadId } = await rolloutThread(forum);
  const author = await makeMember(forum.db);
  const reporters = [await makeMember(forum.db), await makeMember(forum.db), await makeMember(forum.db)];
  const posts: number[] = [];
  for (let i = 0; i < QUEUE_PAGE_SIZE + 5; i += 1) {
    posts.push((await replyToThread(forum.db, { threadId, authorId: author.id, source: `Reported reply ${i}`, at: minute(-1000 + i) })).id);
  }
  const report = (postId: number, reporter: number, reason: 'spam' | 'offtopic', at: number) =>
    reportPost(forum.db, { postId, reporterId: reporters[reporter].id, reason, note: null, reportsPerHour: 1000, now: minute(at) });
  // First reports newest post first, so the queue's order is not the posts' order; the last two
  // posts are first reported at the same minute (their order: by post).
  for (let i = 0; i < posts.length; i += 1) await report(posts[i], 0, 'offtopic', i >= posts.length - 2 ? 0 : posts.length - i);
  // Later reports of the oldest-reported posts, some as spam, after every first report: they
  // change the posts' counts, not their places.
  for (let i = 0; i < 4; i += 1) await report(posts[i], 1, 'spam', 100 + i);
  expected = [posts[posts.length - 2], posts[posts.length - 1], ...posts.slice(0, posts.length - 2).reverse()];
});
afterAll(() => forum.destroy());

const idsOf = (text: string) => {
  const page = html(text);
  return page('li.review-item[id^=review-]').map((_, el) => Number(page(el).attr('id')!.replace('review-', ''))).get();
};

it('lists the first QUEUE_PAGE_SIZE posts by their first open report, and the header counts all of them', async () => {
  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const response = await avery.get('/staff/review').expect(200);
  expect(idsOf(response.text)).toEqual(expected.slice(0, QUEUE_PAGE_SIZE));
  expect(html(response.text)('.account-nav__review .unread-count').text()).toBe(String(expected.length));
  const json = (await avery.get('/staff/review.json').expect(200)).body as { items: Array<{ postId: number; reportCount: number }> };
  expect(json.items.map((item) => item.postId)).toEqual(expected.slice(0, QUEUE_PAGE_SIZE));
  // The spam reports came last, on the posts now at the end of the page: found by reason, in
  // their first reports' order.
  const bySpam = idsOf((await avery.get('/staff/review?reason=spam').expect(200)).text);
  expect(bySpam).toEqual(expected.filter((id) => bySpam.includes(id)));
  expect(bySpam).toHaveLength(4);
});

it('shows the next post in line once the first is handled; a closed report no longer places a post', async () => {
  const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const first = html((await avery.get('/staff/review').expect(200)).text)(`#review-${expected[0]}`);
  const seenUpTo = first.find('input[name=seenUpTo]').attr('value')!;
  expect((await (await formPoster(avery, '/staff/review'))(`/staff/review/${expected[0]}`, { action: 'dismiss', seenUpTo })).status).toBe(303);
  // Reported again later: back in the queue, placed by the new open report (the last of all).
  const reporter = await makeMember(forum.db);
  await reportPost(forum.db, { postId: expected[0], reporterId: reporter.id, reason: 'offtopic', note: null, reportsPerHour: 1000, now: minute(500) });
  const page = (await avery.get('/staff/review').expect(200)).text;
  expect(idsOf(page)).toEqual(expected.slice(1, QUEUE_PAGE_SIZE + 1));
  expect(html(page)('.account-nav__review .unread-count').text()).toBe(String(expected.length));
});
