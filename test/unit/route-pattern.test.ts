/** The route label of log lines and metrics: a pattern or a fixed word, never the URL asked for. */
import type { Request, Response } from 'express';
import { routePattern } from '../../server/observability/route';

function label(req: Partial<Request> & { route?: { path: unknown } }, headers: Record<string, string> = {}): string {
  const res = { getHeader: (name: string) => headers[name.toLowerCase()] } as unknown as Response;
  return routePattern({ baseUrl: '', originalUrl: '/', ...req } as Request, res);
}

it('joins a router mount path and the matched pattern', () => {
  expect(label({ route: { path: '/t/:threadId/:slug' }, originalUrl: '/t/4/hello?q=secret' })).toBe('/t/:threadId/:slug');
  expect(label({ route: { path: '/:id' }, baseUrl: '/api', originalUrl: '/api/9' })).toBe('/api/:id');
  expect(label({ route: { path: ['/a', '/b'] } })).toBe('/a|/b');
});

it('names what no route answered: static files, page-cache hits, and everything else "unmatched"', () => {
  expect(label({ originalUrl: '/public/css/forum.css?v=1' })).toBe('/public/*');
  expect(label({ originalUrl: '/b/general?sort=new' }, { 'x-anonymous-cache': 'hit' })).toBe('page-cache');
  expect(label({ originalUrl: '/wp-admin/install.php?step=1' })).toBe('unmatched');
});
