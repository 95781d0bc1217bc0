/**
 * Issue 13, item 10 (edits): the markdown of an edit is rendered, and its diff computed, before
 * the write transaction begins, so a slow render never holds SQLite's one writer (or PostgreSQL's
 * row locks) while other members wait to post. Checked structurally: every render an edit makes
 * happens while no write transaction of this app is open.
 */
import * as markdown from '../../server/markdown';
import * as revisionDiff from '../../server/services/revisionDiff';
import type { Database } from '../../server/db';
import { replyToThread } from '../../server/services/posting';
import { EDIT_GRACE_PERIOD_MS, editPost } from '../../server/services/revisions';
import { createTestForum, makeMember, rolloutThread, TestForum } from '../helpers/forum';

let forum: TestForum;
let openTransactions = 0;

beforeAll(async () => {
  forum = await createTestForum();
  const original = forum.db.writeTransaction;
  forum.db.writeTransaction = ((fn, outer) =>
    original(async (transaction) => {
      openTransactions += 1;
      try {
        return await fn(transaction);
      } finally {
        openTransactions -= 1;
      }
    }, outer)) as Database['writeTransaction'];
});
afterAll(() => forum.destroy());
afterEach(() => jest.restoreAllMocks());

/** Records, for every call of module[name], whether a write transaction was open at the time. */
function watch<M extends object>(module: M, name: keyof M & string): boolean[] {
  const calls: boolean[] = [];
  const real = module[name] as unknown as (...args: unknown[]) => unknown;
  jest.spyOn(module as never, name as never).mockImplementation(((...args: unknown[]) => {
    calls.push(openTransactions > 0);
    return real(...args);
  }) as never);
  return calls;
}

it('renders and diffs an edit before its write transaction, for quick fixes and recorded revisions', async () => {
  const { threadId } = await rolloutThread(forum);
  const author = await makeMember(forum.db);
  const post = await replyToThread(forum.db, { threadId, authorId: author.id, source: 'First **draft**' });

  const renders = watch(markdown, 'renderMarkdown');
  const diffs = watch(revisionDiff, 'storedDiff');
  const transactionsBefore = openTransactions;
  await editPost(forum.db, { postId: post.id, editorId: author.id, source: 'First **fix**', reason: null, reasonRequired: false, baseVersion: 1 });
  await editPost(forum.db, {
    postId: post.id,
    editorId: author.id,
    source: 'Second **fix**',
    reason: 'wording',
    reasonRequired: false,
    baseVersion: 2,
    now: new Date(Date.now() + EDIT_GRACE_PERIOD_MS + 1000),
  });

  expect(transactionsBefore).toBe(0);
  expect(renders).toEqual([false, false]);
  expect(diffs).toEqual([false, false]);
  const saved = (await forum.db.models.Post.findByPk(post.id))!;
  expect(saved.html).toContain('<strong>fix</strong>');
  expect(saved.version).toBe(3);
  expect(await forum.db.models.PostRevision.count({ where: { postId: post.id } })).toBe(1);
});

it('refuses a member over the edit limits before rendering anything', async () => {
  const { threadId } = await rolloutThread(forum);
  const author = await makeMember(forum.db);
  const post = await replyToThread(forum.db, { threadId, authorId: author.id, source: 'One' });
  const renders = watch(markdown, 'renderMarkdown');
  const limits = { perMinute: 1, revisionsPerPost: 50 };
  await editPost(forum.db, { postId: post.id, editorId: author.id, source: 'Two', reason: null, reasonRequired: false, baseVersion: 1, limits });
  await expect(
    editPost(forum.db, { postId: post.id, editorId: author.id, source: 'Three', reason: null, reasonRequired: false, baseVersion: 2, limits }),
  ).rejects.toMatchObject({ status: 429 });
  expect(renders).toHaveLength(1);

  // At the revision cap: refused with 403, again without a render.
  const capped = { perMinute: 100, revisionsPerPost: 1 };
  const later = new Date(Date.now() + EDIT_GRACE_PERIOD_MS + 120_000);
  await editPost(forum.db, { postId: post.id, editorId: author.id, source: 'Three', reason: 'more', reasonRequired: false, baseVersion: 2, limits: capped, now: later });
  expect(renders).toHaveLength(2);
  await expect(
    editPost(forum.db, { postId: post.id, editorId: author.id, source: 'Four', reason: 'more', reasonRequired: false, baseVersion: 3, limits: capped, now: later }),
  ).rejects.toMatchObject({ status: 403 });
  expect(renders).toHaveLength(2);
});
