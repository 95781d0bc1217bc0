/**
 * A board deep in its pages (issue 14): past the numbered pages, "Next" continues by keyset
 * (?after=<time>-<id>), so a deep page costs what the first does. Walked through its links, the
 * board lists every thread once, newest activity first (threads active in the same instant by id);
 * walking back lists them again; old deep ?page=N links land where that page was; a hidden thread
 * stays hidden on keyset pages; "N new" comes from the viewer's read positions. On both databases.
 */
import { load } from 'cheerio';
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { MAX_NUMBERED_PAGES } from '../../server/read/boardPages';
import { THREADS_PER_PAGE } from '../../server/services/boards';
import { hideThread, setThreadPinned } from '../../server/services/moderation';
import { replyToThread, startThread } from '../../server/services/posting';
import { createTestForum, makeBoard, makeMember, TestForum } from '../helpers/forum';
import { Agent, signIn } from '../helpers/session';

jest.setTimeout(180_000);

// Two pages and a half past the numbered ones.
const THREADS = THREADS_PER_PAGE * (MAX_NUMBERED_PAGES + 2) + 10;
const BASE = Date.UTC(2026, 3, 1, 8, 0, 0);
const SLUG = 'deep-board';

let forum: TestForum;
let staff: Agent;
let reader: Agent;
/** Titles of the listed (not pinned, not hidden) threads, newest activity first. */
let expected: string[];
let pinnedTitle: string;
let hiddenTitle: string;
let readThreadTitle: string;

interface BoardJson {
  threads: Array<{ title: string; url: string }>;
  unreadMarks: Array<{ count: number } | null>;
  pagination: { page: number | null; pageCount: number; previousUrl: string | null; nextUrl: string | null; lastUrl: string | null };
}

async function jsonOf(agent: Agent | null, url: string): Promise<BoardJson> {
  const res = await (agent ?? request(forum.app)).get(url).set('Accept', 'application/json').expect(200);
  return res.body as BoardJson;
}

beforeAll(async () => {
  forum = await createTestForum({ config: { firstPostApproval: false } });
  staff = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  const moderator = (await forum.db.models.Member.findOne({ where: { usernameKey: 'averyo' } }))!;
  const board = await makeBoard(forum.db, SLUG);
  const author = await makeMember(forum.db);
  const created: Array<{ id: number; title: string; at: number }> = [];
  for (let i = 0; i < THREADS; i += 1) {
    // Groups of four active in the same millisecond: the thread id decides between them.
    const at = BASE + 60_000 * Math.floor(i / 4);
    const title = `Rollout question ${i}`;
    const { thread } = await startThread(forum.db, { boardId: board.id, authorId: author.id, title, source: `Body ${i}`, at: new Date(at) });
    created.push({ id: thread.id, title, at });
  }
  const pinned = created[5];
  const hidden = created[THREADS - 3 * THREADS_PER_PAGE]; // on a keyset page
  await setThreadPinned(forum.db, { actorId: moderator.id, threadId: pinned.id, pinned: true });
  await hideThread(forum.db, { actorId: moderator.id, threadId: hidden.id, reason: 'Duplicate' });
  pinnedTitle = pinned.title;
  hiddenTitle = hidden.title;
  expected = created
    .filter((thread) => thread !== pinned && thread !== hidden)
    .sort((a, b) => b.at - a.at || b.id - a.id)
    .map((thread) => thread.title);

  // A reader opens a thread deep in the board; a reply comes after: "1 new" beside it on its page.
  reader = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
  const deep = created[40];
  readThreadTitle = deep.title;
  const page = await reader.get(`/t/${deep.id}`).redirects(1).expect(200);
  expect(page.text).toContain(deep.title);
  // The reply keeps the thread where it was in the list: it is dated in its own minute.
  await replyToThread(forum.db, { threadId: deep.id, authorId: author.id, source: 'One more', at: new Date(deep.at) });
});
afterAll(() => forum.destroy());

/** Follows "Next" from the board's first page to its end; returns the titles and the URLs visited. */
async function walkOlder(agent: Agent | null): Promise<{ titles: string[]; urls: string[]; pages: BoardJson[] }> {
  const titles: string[] = [];
  const urls: string[] = [];
  const pages: BoardJson[] = [];
  let url: string | null = `/b/${SLUG}`;
  while (url) {
    urls.push(url);
    const page = await jsonOf(agent, url);
    pages.push(page);
    titles.push(...page.threads.map((thread) => thread.title));
    url = page.pagination.nextUrl;
    expect(urls.length).toBeLessThan(50);
  }
  return { titles, urls, pages };
}

describe('a board past its numbered pages', () => {
  it('lists every thread once by latest activity, walking Next to the end, and numbers only the first pages', async () => {
    const { titles, urls, pages } = await walkOlder(null);
    expect(titles[0]).toBe(pinnedTitle);
    expect(titles.slice(1)).toEqual(expected);
    // Numbered pages, then keyset places.
    expect(urls.slice(1, MAX_NUMBERED_PAGES)).toEqual(Array.from({ length: MAX_NUMBERED_PAGES - 1 }, (_, i) => `/b/${SLUG}?page=${i + 2}`));
    for (const url of urls.slice(MAX_NUMBERED_PAGES)) expect(url).toMatch(new RegExp(`^/b/${SLUG}\\?after=\\d+-\\d+$`));
    expect(pages[MAX_NUMBERED_PAGES].pagination.page).toBeNull();
    expect(pages[0].pagination.pageCount).toBe(Math.ceil((THREADS - 1) / THREADS_PER_PAGE));
    expect(pages[0].pagination.lastUrl).toBe(`/b/${SLUG}?oldest`);
    expect(pages[pages.length - 1].pagination.nextUrl).toBeNull();
  });

  it('walks back with Previous from the last page, listing the same threads in the same order', async () => {
    const last = await jsonOf(null, `/b/${SLUG}?oldest`);
    expect(last.pagination.nextUrl).toBeNull();
    expect(last.pagination.lastUrl).toBeNull();
    const titles = last.threads.map((thread) => thread.title);
    let url = last.pagination.previousUrl;
    let steps = 0;
    while (url && /before=/.test(url)) {
      const page = await jsonOf(null, url);
      titles.unshift(...page.threads.map((thread) => thread.title));
      url = page.pagination.previousUrl;
      steps += 1;
      expect(steps).toBeLessThan(50);
    }
    // The walk ends at the top of the list, whose Previous is the first page (with its pins).
    expect(url).toBe(`/b/${SLUG}`);
    expect(titles).toEqual(expected);
  });

  it('sends an old link to a deep numbered page to where that page now is, and 404s past the end', async () => {
    const deepPage = MAX_NUMBERED_PAGES + 2;
    const res = await request(forum.app).get(`/b/${SLUG}?page=${deepPage}`).expect(302);
    expect(res.headers.location).toMatch(new RegExp(`^/b/${SLUG}\\?after=\\d+-\\d+$`));
    const page = await jsonOf(null, res.headers.location);
    // Page 1 holds the pin and 19 others; page N starts after (N - 1) pages of 20.
    const firstIndex = (deepPage - 1) * THREADS_PER_PAGE - 1;
    expect(page.threads.map((thread) => thread.title)).toEqual(expected.slice(firstIndex, firstIndex + THREADS_PER_PAGE));
    await request(forum.app).get(`/b/${SLUG}?page=999`).expect(404);
  });

  it('shows on a keyset page where the reader is among the page links, with the first and tenth pages', async () => {
    const deep = await request(forum.app).get(`/b/${SLUG}?page=${MAX_NUMBERED_PAGES + 1}`).expect(302);
    for (const [url, here] of [[deep.headers.location as string, `Past page ${MAX_NUMBERED_PAGES}`], [`/b/${SLUG}?oldest`, 'Last page']]) {
      const $ = load((await request(forum.app).get(url).expect(200)).text);
      // The links above the list (the same ones follow it).
      const nav = $('.pagination').first();
      const links = nav.find('.pagination__pages li').map((_, li) => $(li).text().trim()).get();
      expect(links).toEqual(['1', '…', String(MAX_NUMBERED_PAGES), '…', here]);
      expect(nav.find('[aria-current=page]').text()).toBe(here);
      expect(nav.find(`a[aria-label="Page ${MAX_NUMBERED_PAGES}"]`).attr('href')).toBe(`/b/${SLUG}?page=${MAX_NUMBERED_PAGES}`);
    }
  });

  it('refuses malformed or conflicting places with a clear 400', async () => {
    for (const query of ['after=yesterday', 'before=12', 'after=1-0', 'after=99999999999999999999-1', 'after=1-2&before=1-2', 'page=2&oldest']) {
      const res = await request(forum.app).get(`/b/${SLUG}?${query}`).set('Accept', 'application/json').expect(400);
      expect(res.body.error.message).toMatch(/cursor|one of/);
    }
  });

  it('keeps a hidden thread off keyset pages for members and shows it to staff', async () => {
    const member = await walkOlder(reader);
    expect(member.titles).not.toContain(hiddenTitle);
    const moderator = await walkOlder(staff);
    expect(moderator.titles.filter((title) => title === hiddenTitle)).toHaveLength(1);
    expect(moderator.titles).toHaveLength(THREADS);
  });

  it('marks what is new since the reader last opened a thread, on its keyset page', async () => {
    const { pages } = await walkOlder(reader);
    const marked = pages.flatMap((page) => page.threads.map((thread, index) => ({ title: thread.title, mark: page.unreadMarks[index] })))
      .filter((each) => each.mark !== null);
    expect(marked).toEqual([{ title: readThreadTitle, mark: expect.objectContaining({ count: 1 }) }]);
    const where = pages.findIndex((page) => page.threads.some((thread) => thread.title === readThreadTitle));
    expect(where).toBeGreaterThanOrEqual(MAX_NUMBERED_PAGES);
    // The HTML page shows the same mark beside the title.
    const html = (await reader.get(walkUrlOf(pages, where)).expect(200)).text;
    expect(html).toMatch(/1 new/);
  });
});

function walkUrlOf(pages: BoardJson[], index: number): string {
  return index === 0 ? `/b/${SLUG}` : pages[index - 1].pagination.nextUrl!;
}
