/** After sign-in, members only ever return to a path on this site, however the path is disguised. */
import { safeReturnPath } from '../../server/auth/redirects';

it('keeps paths on this site, with their query and fragment', () => {
  expect(safeReturnPath('/')).toBe('/');
  expect(safeReturnPath('/t/1/slug/6?x=1#p6')).toBe('/t/1/slug/6?x=1#p6');
  expect(safeReturnPath('/search?q=a%2Fb')).toBe('/search?q=a%2Fb');
  // A backslash or "//" in the query cannot change the host.
  expect(safeReturnPath('/search?q=%5C%5Cevil.example')).toBe('/search?q=%5C%5Cevil.example');
  expect(safeReturnPath('/search?q=//evil.example')).toBe('/search?q=//evil.example');
});

it('resolves dot segments that stay on the site', () => {
  expect(safeReturnPath('/a/../b')).toBe('/b');
  expect(safeReturnPath('/./t/1')).toBe('/t/1');
  expect(safeReturnPath('/a//b')).toBe('/a//b');
});

const OFF_SITE = [
  // scheme-relative, directly and after resolving dot segments
  '//evil.example', '//evil.example/x', '///evil.example',
  '/.//evil.example/x', '/./\u002f/evil.example', '/a/..//evil.example', '/a/b/../..//evil.example',
  '/%2e%2e//evil.example', '/%2E//evil.example', '/.%2e//evil.example', '/a/%2e%2e//evil.example',
  // encoded slashes and backslashes, once and twice
  '/%2F%2Fevil.example', '/%2f/evil.example', '/%252F%252Fevil.example', '/%25252F%25252Fevil.example',
  '/%5cevil.example', '/%5C%5Cevil.example', '/%255cevil.example',
  // raw backslashes
  '/\\evil.example', '\\\\evil.example', '/\\/evil.example', '\\/evil.example',
  // controls a browser drops or a header would split on, raw and encoded
  '/\t/evil.example', '/\n/evil.example', '/\r/evil.example', '/%09/evil.example', '/%0a/evil.example',
  '/ok\r\nLocation: https://evil.example', '/ok\nx', '/ok%0d%0aSet-Cookie:x=1', '/\u0000', '/%00', '/\u0085x', '/\u2028x',
  // absolute URLs and other schemes
  'https://evil.example', 'http:/evil.example', 'http://forum.invalid/x', 'javascript:alert(1)', ' /x', 'JaVaScRiPt:alert(1)',
  'data:text/html,x', 'relative/path', '',
  // not text, undecodable, absurdly long
  42, undefined, null, ['/a'], { path: '/a' }, '/%E0%A4%A', '/%', `/${'a'.repeat(2001)}`,
];

it.each(OFF_SITE.map((shape) => [String(JSON.stringify(shape)).slice(0, 60), shape]))('refuses %s', (_label, shape) => {
  expect(safeReturnPath(shape)).toBeNull();
});

it('never returns anything a browser would read as another host', () => {
  // Whatever comes back is a single-slash path that resolves to our own origin.
  for (const shape of OFF_SITE.filter((value): value is string => typeof value === 'string')) {
    const result = safeReturnPath(`/x${shape}`);
    if (result === null) continue;
    expect(result.startsWith('/') && !result.startsWith('//') && !result.includes('\\')).toBe(true);
    expect(new URL(result, 'https://forum.example').origin).toBe('https://forum.example');
  }
});
