/** The search page's inputs and outputs: query-string parsing, and snippets that are always safe HTML. */
import { highlightSnippet } from '../../server/presenters/search';
import { searchUrl } from '../../server/presenters/urls';
import { HIGHLIGHT_END as END, HIGHLIGHT_START as START } from '../../server/services/search';
import { canSearchHiddenPosts, ANONYMOUS } from '../../server/policies';
import type { Actor } from '../../server/policies';
import { parseDay, parseSearchParams } from '../../server/validation/search';

describe('parseSearchParams', () => {
  it('reads a full search', () => {
    const { params, notices } = parseSearchParams({
      q: 'badge', board: 'announcements', author: '@RafehG', staff: '1', official: '1',
      from: '2026-03-01', to: '2026-03-31', sort: 'newest', page: '3', exact: '1',
    });
    expect(params).toEqual({
      q: 'badge', board: 'announcements', author: 'RafehG', staff: true, official: true,
      from: '2026-03-01', to: '2026-03-31', sort: 'newest', page: 3, exact: true,
    });
    expect(notices).toEqual([]);
  });

  it('takes the first of repeated parameters and ignores values that are not text', () => {
    const { params } = parseSearchParams({ q: ['badge', 'webcam'], page: ['2', '9'], sort: { evil: 1 }, staff: ['1'] });
    expect(params).toMatchObject({ q: 'badge', page: 2, sort: 'relevance', staff: true });
  });

  it('falls back to the defaults for garbage', () => {
    const { params } = parseSearchParams({ page: '-1', sort: 'oldest', staff: 'yes', exact: 'true' });
    expect(params).toEqual({
      q: '', board: null, author: null, staff: false, official: false, from: null, to: null, sort: 'relevance', page: 1, exact: false,
    });
    // The last page the counted results fill: 500 results, 20 a page.
    expect(parseSearchParams({ page: '9999' }).params.page).toBe(25);
  });

  it('leaves out dates that are not dates, and names that cannot be names, saying so', () => {
    const { params, notices } = parseSearchParams({ from: '2026-02-30', to: 'yesterday', board: '<b>', author: 'x y' });
    expect(params).toMatchObject({ from: null, to: null, board: null, author: null });
    expect(notices).toEqual([
      'There is no board “<b>”, so every board was searched.',
      'No member is called “x y”, so posts by everyone were searched.',
      '“2026-02-30” is not a date like 2026-11-24, so the “from” date was left out.',
      '“yesterday” is not a date like 2026-11-24, so the “to” date was left out.',
    ]);
  });

  it('swaps a range given backwards', () => {
    expect(parseSearchParams({ from: '2026-03-31', to: '2026-03-01' }).params).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
  });

  it.each([['2026-11-24', '2026-11-24'], ['2024-02-29', '2024-02-29'], ['2023-02-29', null], ['2026-13-01', null], ['26-1-1', null]])(
    'parseDay(%s) is %s',
    (text, day) => expect(parseDay(text)).toBe(day),
  );
});

describe('highlightSnippet', () => {
  it('escapes everything and marks only the matched words', () => {
    const html = highlightSnippet(`Try <script>alert("${START}badge${END}")</script> & <b>more</b>`);
    expect(html).toBe('Try &lt;script&gt;alert(&quot;<mark>badge</mark>&quot;)&lt;/script&gt; &amp; &lt;b&gt;more&lt;/b&gt;');
  });

  it('keeps marks balanced whatever markers the text itself contains', () => {
    expect(highlightSnippet(`${END}a ${START}b ${START}c${END} d${END} ${START}e`)).toBe('a <mark>b c</mark> d <mark>e</mark>');
  });

  it('drops markdown punctuation a reader does not need', () => {
    expect(highlightSnippet(`> **[Lena E wrote:](/t/1/x/1#p1)**\n>\n> Hi ${START}everyone${END}, \`code\``)).toBe(
      'Lena E wrote: Hi <mark>everyone</mark>, code',
    );
  });
});

describe('searchUrl', () => {
  it('writes only what is set, so links stay short and stable', () => {
    expect(searchUrl({ q: 'webcamm', exact: true })).toBe('/search?q=webcamm&exact=1');
    expect(searchUrl({ q: 'a b', board: 'general', staff: true, sort: 'newest', page: 2 })).toBe('/search?q=a+b&board=general&staff=1&sort=newest&page=2');
    expect(searchUrl({ q: 'x', sort: 'relevance', page: 1, staff: false })).toBe('/search?q=x');
  });
});

describe('canSearchHiddenPosts', () => {
  const actor = (role: Actor['role']): Actor => ({ memberId: 1, role, displayName: 'A', username: 'a' });
  it('lets staff only find hidden posts', () => {
    expect(canSearchHiddenPosts(ANONYMOUS).allowed).toBe(false);
    expect(canSearchHiddenPosts(actor('contributor')).allowed).toBe(false);
    expect(canSearchHiddenPosts(actor('guru')).allowed).toBe(false);
    expect(canSearchHiddenPosts(actor('moderator')).allowed).toBe(true);
    expect(canSearchHiddenPosts(actor('manager')).allowed).toBe(true);
  });
});
