/** After sign-in, members only ever return to a path on this site. */
import { safeReturnPath } from '../../server/auth/redirects';

it('keeps paths on this site, with their query and fragment', () => {
  expect(safeReturnPath('/')).toBe('/');
  expect(safeReturnPath('/t/1/slug/6?x=1#p6')).toBe('/t/1/slug/6?x=1#p6');
});

it('refuses everything that could leave the site or inject headers', () => {
  for (const bad of ['//evil.example', '/\\evil.example', '\\\\evil', 'https://evil.example', 'http:/evil', 'javascript:alert(1)',
    '/ok\r\nLocation: https://evil.example', '/ok\nx', '', 'relative/path', '/%0d%0aX: y'.replace('%0d%0a', '\r\n'), 42, undefined, ['/a']]) {
    expect(safeReturnPath(bad)).toBeNull();
  }
});
