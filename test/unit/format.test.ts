/** Dates, slugs and pagination as members read them. */
import { formatDateTime, formatDay } from '../../server/presenters/format';
import { paginate } from '../../server/presenters/forum';
import { slugify } from '../../server/services/slug';

it('formats member-since dates like "Apr 7, 2015"', () => {
  expect(formatDay('2015-04-07')).toBe('Apr 7, 2015');
  expect(formatDay(new Date('2014-10-31T00:00:00Z'))).toBe('Oct 31, 2014');
  expect(formatDateTime(new Date('2026-11-26T09:05:00Z'))).toBe('Nov 26, 2026, 09:05 UTC');
});

it('makes URL slugs from titles', () => {
  expect(slugify('New Identity Verification Badge available soon for Top Rated Freelancers')).toBe(
    'new-identity-verification-badge-available-soon-for-top-rated-freelancers',
  );
  expect(slugify('Café & crème — déjà vu?')).toBe('cafe-creme-deja-vu');
  expect(slugify('!!!')).toBe('thread');
  // Other scripts keep readable slugs instead of all becoming "thread".
  expect(slugify('バッジはいつ届きますか？')).toBe('バッジはいつ届きますか');
  expect(slugify('Привет, мир')).toBe('привет-мир');
  expect(Array.from(slugify('日本語 '.repeat(40))).length).toBeLessThanOrEqual(80);
});

it('paginates with the first and last page and gaps', () => {
  const pages = paginate(10, 67, (n) => `/x?page=${n}`);
  expect(pages.links.map((link) => (link ? link.number : '…'))).toEqual([1, '…', 8, 9, 10, 11, 12, '…', 67]);
  expect(pages.previousUrl).toBe('/x?page=9');
  expect(pages.nextUrl).toBe('/x?page=11');
  expect(paginate(1, 1, String).links).toHaveLength(1);
});
