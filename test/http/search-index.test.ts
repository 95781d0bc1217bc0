/** The search index follows every write: new posts, edits, hidden posts, moved and retitled threads; snippets stay safe. */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { replyToThread, startThread } from '../../server/services/posting';
import { editPost } from '../../server/services/revisions';
import type { Agent } from '../helpers/session';
import { signIn } from '../helpers/session';
import { createTestForum, html, TestForum } from '../helpers/forum';

let forum: TestForum;
let boards: Record<string, number>;
let members: Record<string, number>;

beforeAll(async () => {
  forum = await createTestForum();
  boards = Object.fromEntries((await forum.db.models.Board.findAll()).map((board) => [board.slug, board.id]));
  members = Object.fromEntries((await forum.db.models.Member.findAll()).map((member) => [member.username, member.id]));
});
afterAll(() => forum.destroy());

async function search(query: Record<string, string>, agent: Agent | null = null) {
  const res = await (agent ?? request(forum.app)).get('/search').query(query);
  expect(res.status).toBe(200);
  const $ = html(res.text);
  return { $, links: $('.search-result__title a').map((_, e) => $(e).attr('href')).get() };
}

async function newThread(board: string, title: string, source: string) {
  return startThread(forum.db, { boardId: boards[board], authorId: members.MarijaJ, title, source });
}

it('escapes what a post says and highlights only the matched words', async () => {
  await newThread('general', 'Odd characters', `Beware <script>alert("zebracorn")</script> & <b>bold</b> zebracorn tricks`);
  const { $, links } = await search({ q: 'zebracorn' });
  expect(links).toHaveLength(1);
  const snippet = $('.search-result__snippet');
  expect(snippet.find('mark').first().text()).toBe('zebracorn');
  expect(snippet.find('*').map((_, e) => e.tagName).get().every((tag) => tag === 'mark')).toBe(true);
  // Only the layout's own scripts (public/js), none from the post.
  expect($('script').map((_, e) => $(e).attr('src')).get()).toEqual(['/public/js/forum.js', '/public/js/menu.js', '/public/js/times.js']);
  expect(snippet.text()).toContain('zebracorn tricks');
});

it('finds a new thread by its title, and by its new title once renamed', async () => {
  const { thread } = await newThread('general', 'Marmalade question', 'Which jar should I open first?');
  const before = await search({ q: 'marmalade' });
  expect(before.links).toEqual([`/t/${thread.id}/${thread.slug}/1#p1`]);
  await thread.update({ title: 'Apricot question' });
  expect((await search({ q: 'marmalade' })).links).toEqual([]);
  expect((await search({ q: 'apricot' })).links).toEqual([`/t/${thread.id}/${thread.slug}/1#p1`]);
});

it('finds an edited post by its new words and not its old ones', async () => {
  const { thread } = await newThread('general', 'Animals', 'Opening post.');
  const post = await replyToThread(forum.db, { threadId: thread.id, authorId: members.RafehG, source: 'The platypus arrived.' });
  expect((await search({ q: 'platypus' })).links).toHaveLength(1);
  // A misspelling is corrected to a word while some post uses it...
  expect((await search({ q: 'platypuss' })).$('.spelling__showing').text()).toBe('Showing results for platypus');

  await editPost(forum.db, { postId: post.id, editorId: members.RafehG, source: 'The wombat arrived.', reason: 'wrong animal', reasonRequired: false, baseVersion: 1 });
  const old = await search({ q: 'platypus' });
  expect(old.links).toEqual([]);
  const now = await search({ q: 'wombat' });
  expect(now.links).toEqual([`/t/${thread.id}/${thread.slug}/2#p2`]);
  // ...and no longer once no post does.
  expect((await search({ q: 'platypuss' })).$('.spelling')).toHaveLength(0);
});

it('finds hidden posts for staff only', async () => {
  const { thread } = await newThread('general', 'Wildlife', 'Opening post.');
  const post = await replyToThread(forum.db, { threadId: thread.id, authorId: members.MsS, source: 'Quokkas are wonderful.' });
  await post.update({ hiddenAt: new Date(), hiddenById: members.AveryO, hiddenReason: 'off topic' });

  expect((await search({ q: 'quokkas' })).links).toEqual([]);
  const author = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
  expect((await search({ q: 'quokkas' }, author)).links).toEqual([]);
  const guru = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
  expect((await search({ q: 'quokkas' }, guru)).links).toEqual([]);

  for (const username of ['AveryO', 'LenaE']) {
    const staff = await signIn(forum.app, username, DEVELOPMENT_PASSWORD);
    const { $, links } = await search({ q: 'quokkas' }, staff);
    expect(links).toEqual([`/t/${thread.id}/${thread.slug}/2#p2`]);
    expect($('.search-result--hidden .tag--hidden').text()).toBe('Hidden');
  }

  await post.update({ hiddenAt: null, hiddenById: null, hiddenReason: null });
  expect((await search({ q: 'quokkas' })).links).toHaveLength(1);
});

it('finds a moved thread under its new board only', async () => {
  const { thread } = await newThread('general', 'Sea creatures', 'Narwhal sightings this week.');
  expect((await search({ q: 'narwhal', board: 'general' })).links).toHaveLength(1);
  await thread.update({ boardId: boards['identity-verification'] });
  expect((await search({ q: 'narwhal', board: 'general' })).links).toEqual([]);
  const moved = await search({ q: 'narwhal', board: 'identity-verification' });
  expect(moved.links).toEqual([`/t/${thread.id}/${thread.slug}/1#p1`]);
  expect(moved.$('.search-result__meta a[href="/b/identity-verification"]').text()).toBe('Identity Verification Q&A');
});

it('pages through many results, keeping the search in every link', async () => {
  const { thread } = await newThread('general', 'Citrus', 'Kumquat 1');
  for (let i = 2; i <= 25; i += 1) {
    await replyToThread(forum.db, { threadId: thread.id, authorId: members.WendyC, source: `Kumquat ${i}`, at: new Date(Date.now() + i * 1000) });
  }
  const first = await search({ q: 'kumquat', sort: 'newest' });
  expect(first.$('.search-summary__count').text()).toBe('25 results');
  expect(first.links).toHaveLength(20);
  expect(first.links[0]).toBe(`/t/${thread.id}/${thread.slug}/25#p25`);
  const next = first.$('.pagination a[rel=next]').attr('href')!;
  expect(next).toBe('/search?q=kumquat&sort=newest&page=2');
  const second = await search(Object.fromEntries(new URLSearchParams(next.split('?')[1])));
  expect(second.links).toEqual([5, 4, 3, 2, 1].map((n) => `/t/${thread.id}/${thread.slug}/${n}#p${n}`));
});
