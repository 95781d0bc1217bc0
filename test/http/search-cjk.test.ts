/**
 * Searching Chinese, Japanese and Korean text (migration 025, server/services/search/cjkEngine.ts):
 * words of three or more characters through the trigram index, shorter ones in the newest posts,
 * mixed with Latin words, with the visibility rule, escaping and every write followed.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { hidePost } from '../../server/services/moderation';
import { replyToThread, startThread } from '../../server/services/posting';
import { editPost } from '../../server/services/revisions';
import { createTestForum, html, TestForum } from '../helpers/forum';
import { Agent, signIn } from '../helpers/session';

let forum: TestForum;
let boards: Record<string, number>;
let members: Record<string, number>;
const paths: Record<string, string> = {};

beforeAll(async () => {
  forum = await createTestForum();
  boards = Object.fromEntries((await forum.db.models.Board.findAll()).map((board) => [board.slug, board.id]));
  members = Object.fromEntries((await forum.db.models.Member.findAll()).map((member) => [member.username, member.id]));
  const { thread } = await startThread(forum.db, { boardId: boards.general, authorId: members.MarijaJ, title: '本人確認について', source: 'バッジの審査はどのくらいかかりますか？' });
  paths.japaneseTitle = encodeURI(`/t/${thread.id}/${thread.slug}/1#p1`);
  const reply = async (key: string, source: string) => {
    const post = await replyToThread(forum.db, { threadId: thread.id, authorId: members.RafehG, source });
    paths[key] = encodeURI(`/t/${thread.id}/${thread.slug}/${post.number}#p${post.number}`);
    return post;
  };
  await reply('japanese', '昨日、東京タワーの近くでWebcamの設定を変えました。');
  await reply('chinese', '我的身份验证还没有通过。');
  await reply('korean', '배지 검색이 안 됩니다.');
  await reply('mixedOther', '東京タワー is tall, but no camera word here.');
});
afterAll(() => forum.destroy());

async function search(q: string, agent: Agent | null = null) {
  const res = await (agent ?? request(forum.app)).get('/search').query({ q });
  expect(res.status).toBe(200);
  const $ = html(res.text);
  return { $, text: res.text, links: $('.search-result__title a').map((_, e) => $(e).attr('href')).get().sort() };
}

it('finds a Japanese post by a word of three or more characters, inside a run of text', async () => {
  const { $, links } = await search('東京タワー');
  expect(links).toEqual([paths.japanese, paths.mixedOther].sort());
  const snippet = $(`a[href="${paths.japanese}"]`).closest('.search-result').find('.search-result__snippet');
  expect(snippet.find('mark').text()).toBe('東京タワー');
  expect($('.search-summary__count').text()).toBe('2 results');
});

it('finds Japanese by a two-character word, and a thread by its title', async () => {
  expect((await search('設定')).links).toEqual([paths.japanese]);
  expect((await search('確認')).links).toEqual([paths.japaneseTitle]);
  expect((await search('審査')).links).toEqual([paths.japaneseTitle]);
});

it('finds Chinese and Korean', async () => {
  expect((await search('身份验证')).links).toEqual([paths.chinese]);
  expect((await search('验证')).links).toEqual([paths.chinese]);
  expect((await search('검색')).links).toEqual([paths.korean]);
  expect((await search('검색이 안')).links).toEqual([paths.korean]);
  expect((await search('검색 中文不存在')).links).toEqual([]);
});

it('requires every word of a mixed query, CJK and Latin', async () => {
  expect((await search('東京タワー webcam')).links).toEqual([paths.japanese]);
  expect((await search('東京タワー camera')).links).toEqual([paths.mixedOther]);
  expect((await search('東京タワー zebra')).links).toEqual([]);
  // Typed together, the Latin and the CJK part are two words.
  expect((await search('webcamの設定')).links).toEqual([paths.japanese]);
  // The Latin word through the full-text index: stemmed.
  expect((await search('設定 cameras')).links).toEqual([]);
  expect((await search('東京 cameras')).links).toEqual([paths.mixedOther]);
});

it('does not take LIKE wildcards or FTS5 syntax in a query as patterns', async () => {
  for (const q of ['%', '_', '%%', '\\', '*']) expect({ q, links: (await search(q)).links }).toEqual({ q, links: [] });
  // Only the posts that say の (the title post says について, the Japanese reply の近く).
  expect((await search('%の%')).links).toEqual([paths.japaneseTitle, paths.japanese].sort());
  for (const q of ['東京タワー*', '"東京タワー', '(東京タワー)']) expect({ q, links: (await search(q)).links }).toEqual({ q, links: [paths.japanese, paths.mixedOther].sort() });
});

it('escapes markup in the query and in the post', async () => {
  const { thread } = await startThread(forum.db, { boardId: boards.general, authorId: members.MarijaJ, title: 'Markup', source: '<script>alert(1)</script>検索テスト<b>太字</b>' });
  const { $, text, links } = await search('<script>検索テスト</script>');
  expect(links).toEqual([encodeURI(`/t/${thread.id}/${thread.slug}/1#p1`)]);
  expect(text).not.toContain('<script>alert');
  expect(text).not.toContain('<b>太字');
  expect($('.search-result__snippet mark').map((_, e) => $(e).text()).get()).toContain('検索テスト');
  expect($('.search-result__snippet *').map((_, e) => e.tagName).get().every((tag) => tag === 'mark')).toBe(true);
});

it('does not correct the spelling of CJK words', async () => {
  const { $ } = await search('東京タワア');
  expect($('.spelling')).toHaveLength(0);
});

it('follows edits and hiding (a member deleting a post hides it); hidden posts are found by staff only', async () => {
  const { thread } = await startThread(forum.db, { boardId: boards.general, authorId: members.MarijaJ, title: 'Edits', source: 'Opening.' });
  const post = await replyToThread(forum.db, { threadId: thread.id, authorId: members.RafehG, source: '富士山に登りました。' });
  const path = encodeURI(`/t/${thread.id}/${thread.slug}/2#p2`);
  expect((await search('富士山')).links).toEqual([path]);
  expect((await search('富士')).links).toEqual([path]);

  await editPost(forum.db, { postId: post.id, editorId: members.RafehG, source: '北海道に行きました。', reason: 'place', reasonRequired: false, baseVersion: 1 });
  expect((await search('富士山')).links).toEqual([]);
  expect((await search('富士')).links).toEqual([]);
  expect((await search('北海道')).links).toEqual([path]);

  await hidePost(forum.db, { actorId: members.AveryO, postId: post.id, reason: 'off topic' });
  expect((await search('北海道')).links).toEqual([]);
  expect((await search('北海')).links).toEqual([]);
  const member = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
  expect((await search('北海道', member)).links).toEqual([]);
  const staff = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  expect((await search('北海道', staff)).links).toEqual([path]);
  expect((await search('北海', staff)).links).toEqual([path]);
});

it('renames: a thread found by its new CJK title only', async () => {
  const { thread } = await startThread(forum.db, { boardId: boards.general, authorId: members.MarijaJ, title: '大阪の質問', source: 'Which one?' });
  const path = encodeURI(`/t/${thread.id}/${thread.slug}/1#p1`);
  expect((await search('大阪')).links).toEqual([path]);
  await thread.update({ title: '京都の質問' });
  expect((await search('大阪')).links).toEqual([]);
  expect((await search('京都の質問')).links).toEqual([path]);
});

it('counts and pages CJK results, newest first', async () => {
  const { thread } = await startThread(forum.db, { boardId: boards.general, authorId: members.MarijaJ, title: 'Pages', source: '柿 0' });
  for (let i = 1; i <= 24; i += 1) {
    await replyToThread(forum.db, { threadId: thread.id, authorId: members.WendyC, source: `柿の木 ${i}`, at: new Date(Date.now() + i * 1000) });
  }
  const first = await request(forum.app).get('/search').query({ q: '柿' }).expect(200);
  const $ = html(first.text);
  expect($('.search-summary__count').text()).toBe('25 results');
  const links = $('.search-result__title a').map((_, e) => $(e).attr('href')).get();
  expect(links).toHaveLength(20);
  expect(links[0]).toBe(encodeURI(`/t/${thread.id}/${thread.slug}/25#p25`));
  const next = $('.pagination a[rel=next]').attr('href')!;
  const second = html((await request(forum.app).get(next).expect(200)).text);
  expect(second('.search-result__title a').map((_, e) => second(e).attr('href')).get())
    .toEqual([5, 4, 3, 2, 1].map((n) => encodeURI(`/t/${thread.id}/${thread.slug}/${n}#p${n}`)));
  expect((await search('柿の木')).$('.search-summary__count').text()).toBe('24 results');
});
