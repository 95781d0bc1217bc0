/** Searching the seeded rollout thread: words, stemming, phrases, spelling, filters, sorting and hostile input. */
import request from 'supertest';
import rollout from '../../seeds/data/rollout.json';
import { replyToThread, startThread } from '../../server/services/posting';
import { createTestForum, html, TestForum } from '../helpers/forum';

// The seed's posts are dated from this instant back: post 1 on Mar 6, posts 3 to 6 on Mar 8, 9 and 10 on Mar 10.
const SEEDED_AT = new Date('2026-03-10T12:00:00Z');

let forum: TestForum;
let threadPath: string;

beforeAll(async () => {
  forum = await createTestForum({ now: SEEDED_AT });
  const thread = await forum.db.models.Thread.findOne({ where: { title: rollout.thread.title } });
  threadPath = `/t/${thread!.id}/${thread!.slug}`;
});
afterAll(() => forum.destroy());

async function search(query: Record<string, string | string[]> | string) {
  const res = await request(forum.app).get('/search').query(query);
  expect(res.status).toBe(200);
  const $ = html(res.text);
  const links = $('.search-result__title a').map((_, e) => $(e).attr('href')).get();
  return {
    $,
    links,
    /** Numbers of the seeded thread's posts among the results, in the order shown. */
    numbers: links.filter((href) => href.startsWith(`${threadPath}/`)).map((href) => Number(/\/(\d+)#p\d+$/.exec(href)![1])),
  };
}

const sorted = (numbers: number[]) => [...numbers].sort((a, b) => a - b);

describe('finding posts', () => {
  it('finds the posts that mention both words, with everything a result shows', async () => {
    const { $, numbers, links } = await search({ q: 'badge webcam' });
    expect(numbers).toEqual([1]);
    expect(links[0]).toBe(`${threadPath}/1#p1`);
    const result = $('.search-result').first();
    expect(result.find('.search-result__title a').text()).toBe(rollout.thread.title);
    expect(result.find('.search-result__number').text()).toBe('post 1');
    expect(result.find('.author-name').text()).toBe('Lena E');
    expect(result.find('.rank').text()).toBe('Community Manager');
    expect(result.find('time').attr('datetime')).toBe('2026-03-06T12:00:00.000Z');
    expect(result.find('.tag--answered').text()).toBe('Official answer');
    expect(result.find('mark').map((_, e) => $(e).text().toLowerCase()).get()).toEqual(expect.arrayContaining(['badge', 'webcam']));
    expect($('.search-summary__count').text()).toBe('1 result');
    expect($('.spelling')).toHaveLength(0);
    // Either word alone finds more.
    expect((await search({ q: 'badge' })).numbers.length).toBeGreaterThan(1);
  });

  it('stems English words: "verified" finds posts that only say "verification"', async () => {
    const { numbers, $ } = await search({ q: 'verified' });
    expect(sorted(numbers)).toEqual([1, 4, 5, 6, 7, 8, 9]);
    // Posts 4 and 6 say "verification" and never "verified".
    expect($(`a[href="${threadPath}/4#p4"]`).closest('.search-result').find('mark').first().text()).toBe('verification');
  });

  it('matches a "quoted phrase" only where its words stand together', async () => {
    expect(sorted((await search({ q: 'identity verification' })).numbers)).toEqual([1, 6, 8, 9]);
    expect(sorted((await search({ q: '"identity verification"' })).numbers)).toEqual([1, 6]);
  });
});

describe('spelling', () => {
  it('shows the results of a correction when what was typed finds nothing', async () => {
    const { $, numbers } = await search({ q: 'webcamm' });
    expect($('.spelling__showing').text()).toBe('Showing results for webcam');
    expect($('.spelling__instead').text()).toBe('Search instead for webcamm');
    const instead = $('.spelling__instead a').attr('href')!;
    expect(instead).toBe('/search?q=webcamm&exact=1');
    expect(numbers).toEqual([1]);

    const exactly = await search(instead.split('?')[1]);
    expect(exactly.numbers).toEqual([]);
    expect(exactly.$('.spelling')).toHaveLength(0);
    expect(exactly.$('.empty').text()).toBe('No posts match this search.');
  });

  it('offers a much more common near spelling when what was typed finds something', async () => {
    const { $, numbers } = await search({ q: 'verfication' });
    expect(numbers).toEqual([3]);
    expect($('.spelling__suggestion').text()).toBe('Did you mean: verification');
    const suggestion = $('.spelling__suggestion a').attr('href')!;
    expect(suggestion).toBe('/search?q=verification');
    expect((await search(suggestion.split('?')[1])).numbers).toEqual(expect.arrayContaining([1, 4, 6, 7]));
  });

  it('keeps the filters when correcting', async () => {
    const { $, numbers } = await search({ q: 'webcamm', author: 'LenaE' });
    expect($('.spelling__instead a').attr('href')).toBe('/search?q=webcamm&author=LenaE&exact=1');
    expect(numbers).toEqual([1]);
    expect((await search({ q: 'webcamm', author: 'WendyC' })).$('.spelling')).toHaveLength(0);
  });
});

describe('filters', () => {
  beforeAll(async () => {
    // A second thread, in another board, that also talks about the badge.
    const board = await forum.db.models.Board.findOne({ where: { slug: 'identity-verification' } });
    const marija = await forum.db.models.Member.findOne({ where: { usernameKey: 'marijaj' } });
    const { thread } = await startThread(forum.db, {
      boardId: board!.id, authorId: marija!.id, title: 'Where is my badge?', source: 'Still no badge after the video call.', at: new Date('2026-03-11T10:00:00Z'),
    });
    await replyToThread(forum.db, { threadId: thread.id, authorId: marija!.id, source: 'The badge arrived today.', at: new Date('2026-03-12T10:00:00Z') });
  });

  it('narrows by board', async () => {
    const inBoard = await search({ q: 'badge', board: 'identity-verification' });
    expect(inBoard.numbers).toEqual([]);
    expect(inBoard.links).toHaveLength(2);
    expect(inBoard.$('.search-chip__label').text()).toBe('Board: Identity Verification Q&A');
    expect(sorted((await search({ q: 'badge', board: 'announcements' })).numbers)).toEqual([1, 2, 3, 5, 6, 7, 9, 10]);
  });

  it('narrows by author, staff posts and official answers', async () => {
    expect(sorted((await search({ q: 'badge', author: 'WendyC' })).numbers)).toEqual([2]);
    expect(sorted((await search({ q: 'badge', staff: '1' })).numbers)).toEqual([1, 6, 10]);
    expect((await search({ q: 'badge', official: '1' })).numbers).toEqual([1]);
  });

  it('narrows by date range, both days included', async () => {
    expect(sorted((await search({ q: 'badge', from: '2026-03-09', board: 'announcements' })).numbers)).toEqual([7, 9, 10]);
    expect(sorted((await search({ q: 'badge', to: '2026-03-08' })).numbers)).toEqual([1, 2, 3, 5, 6]);
    expect(sorted((await search({ q: 'badge', from: '2026-03-08', to: '2026-03-08' })).numbers)).toEqual([3, 5, 6]);
  });

  it('combines filters, shows each as a chip, and each chip removes only its own filter', async () => {
    const { $, numbers } = await search({ q: 'badge', staff: '1', from: '2026-03-08' });
    expect(sorted(numbers)).toEqual([6, 10]);
    const chips = $('.search-chip').map((_, e) => ({ label: $(e).find('.search-chip__label').text(), href: $(e).attr('href') })).get();
    expect(chips).toEqual([
      { label: 'Staff posts only', href: '/search?q=badge&from=2026-03-08' },
      { label: 'From Mar 8, 2026', href: '/search?q=badge&staff=1' },
    ]);
    const withoutStaff = await search(chips[0].href!.split('?')[1]);
    expect(sorted(withoutStaff.numbers)).toEqual([3, 5, 6, 7, 9, 10]);
    expect(withoutStaff.links).toHaveLength(8);
  });

  it('leaves out a filter that names nothing, and says so', async () => {
    const { $, numbers } = await search({ q: 'badge', board: 'no-such-board', from: '2026-02-30', author: 'nobody' });
    expect(numbers).toHaveLength(8);
    expect($('.search-notices li').map((_, e) => $(e).text()).get()).toEqual([
      '“2026-02-30” is not a date like 2026-11-24, so the “from” date was left out.',
      'There is no board “no-such-board”, so every board was searched.',
      'No member is called “nobody”, so posts by everyone were searched.',
    ]);
    expect($('.search-chip')).toHaveLength(0);
  });
});

describe('sorting', () => {
  it('sorts by newest first', async () => {
    const { numbers, $ } = await search({ q: 'badge', sort: 'newest', board: 'announcements' });
    expect(numbers).toEqual([10, 9, 7, 6, 5, 3, 2, 1]);
    expect($('.search-sort [aria-current]').text()).toBe('Newest');
    expect($('.search-sort a').attr('href')).toBe('/search?q=badge&board=announcements');
  });
});

describe('the search box', () => {
  it('is in the header of every page, and keeps the query on the results page', async () => {
    for (const path of ['/', '/b/announcements', threadPath, '/u/LenaE', '/signin', '/no-such-page']) {
      const $ = html((await request(forum.app).get(path)).text);
      const form = $('header .site-search');
      expect({ path, action: form.attr('action'), method: form.attr('method') }).toEqual({ path, action: '/search', method: 'get' });
      expect(form.find('input[name=q]').attr('id')).toBe('site-search-q');
      expect(form.find('label[for=site-search-q]').text()).toBe('Search the forum');
      expect(form.find('button[type=submit]').text()).toBe('Search');
    }
    const { $ } = await search({ q: 'badge "video chat"' });
    expect($('#site-search-q').attr('value')).toBe('badge "video chat"');
    expect($('title').text()).toBe('Search: badge "video chat" · Rollout Forum');
  });

  it('asks for words when nothing was typed', async () => {
    const { $ } = await search({ q: '' });
    expect($('.empty').text()).toMatch(/^Type words to search/);
    expect($('.search-result')).toHaveLength(0);
  });
});

describe('whatever is typed gets a page', () => {
  it.each([
    ['empty', ''],
    ['2,000 characters', 'badge '.repeat(333) + 'xy'],
    ['a quote', '"'],
    ['many quotes', '""""'],
    ['an asterisk', '*'],
    ['NEAR', 'NEAR(a b)'],
    ['operators', 'a AND OR NOT'],
    ['parentheses', '((('],
    ['SQL', "'; DROP TABLE posts; --"],
    ['emoji', '😀 badge 🔥'],
    ['a dash', '-'],
    ['a caret', '^'],
    ['a colon', ':'],
    ['a column filter', 'title: badge'],
    ['a prefix', 'badg*'],
    ['a backslash', '\\" OR 1=1 --'],
  ])('%s', async (_, q) => {
    const res = await request(forum.app).get('/search').query({ q });
    expect(res.status).toBe(200);
    const $ = html(res.text);
    expect($('h1.page-title').text()).toBe('Search');
    expect($('header .site-search')).toHaveLength(1);
    expect($('footer.site-footer')).toHaveLength(1);
  });

  it('answers a NUL character or bytes that are not UTF-8 with a readable 400 page', async () => {
    for (const path of ['/search?q=%00', '/search?q=%ff', '/search?q=webcam&board=%00']) {
      const res = await request(forum.app).get(path);
      expect(res.status).toBe(400);
      const $ = html(res.text);
      expect($('.site-header')).toHaveLength(1);
      expect($('footer.site-footer')).toHaveLength(1);
    }
  });

  it('says when a long search was shortened', async () => {
    const { $ } = await search({ q: 'badge '.repeat(333) });
    expect($('.search-notices').text()).toContain('Only the first 200 characters and 10 words or phrases of a search are used.');
  });

  it('reads a repeated or malformed parameter as its first value or not at all', async () => {
    const res = await request(forum.app).get('/search?q=webcam&q=nothing&page=x&page=2&sort[]=newest&board[x]=general&from=yesterday');
    expect(res.status).toBe(200);
    const $ = html(res.text);
    expect($('#search-q').attr('value')).toBe('webcam');
    expect($('.search-result')).toHaveLength(1);
  });

  it('has no page past the last one, but still answers', async () => {
    const { $ } = await search({ q: 'badge', page: '7' });
    expect($('.search-result')).toHaveLength(0);
    expect($('.empty').text()).toBe('There are no more results.');
  });
});
