/**
 * Whitespace after "](": marked's link pattern backs off through it inside one regex call, which
 * the render budget cannot interrupt ("[a](" and 19,990 spaces took a second; 2,000 no-break
 * spaces took eight). The shape is measured before parsing and such a post is shown as text; each
 * shape renders within a second, and over HTTP the server goes on answering another request.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { MAX_SOURCE_LENGTH, renderMarkdown } from '../../server/markdown';
import { linkWhitespaceWork, MAX_LINK_WHITESPACE_WORK } from '../../server/markdown/linkWhitespace';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { formPoster, signIn } from '../helpers/session';

const run = (text: string, total: number) => text.repeat(Math.ceil(total / text.length)).slice(0, total);

const SHAPES: Record<string, string> = {
  '[a]( and spaces': `[a](${run(' ', 19_990)}`,
  '[a]( and tabs': `[a](${run('\t', 19_990)}`,
  '[a]( and newlines': `[a](${run('\n', 19_990)}`,
  '[a]( and spaces, tabs and newlines': `[a](${run(' \t\n', 19_990)}`,
  '[a]( and space-tab pairs': `[a](${run(' \t', 19_990)}`,
  '[a](< and spaces': `[a](<${run(' ', 19_990)}`,
  '![a]( and spaces': `![a](${run(' ', 19_990)}`,
  '[[[a]]]( and tabs': `[[[a]]](${run('\t', 19_990)}`,
  '100 nested brackets, then ( and spaces': `${'['.repeat(100)}a${']'.repeat(100)}(${run(' ', 19_700)}`,
  '[a](b and spaces': `[a](b${run(' ', 19_990)}`,
  '[a]( and no-break spaces': `[a](${run('\u00a0', 19_990)}`,
  '[a]( and ideographic spaces': `[a](${run('\u3000', 19_990)}`,
  '[a](< and no-break spaces': `[a](<${run('\u00a0', 19_990)}`,
  '[a](b and no-break spaces': `[a](b${run('\u00a0', 19_990)}`,
  '[a]( and no-break spaces then spaces': `[a](${run('\u00a0', 9_990)}${run(' ', 10_000)}`,
  '[a]( and byte-order marks': `[a](${run('\ufeff', 19_990)}`,
  'ten links each with 1,990 spaces': run(`[a](${' '.repeat(1_990)}`, 19_940),
  '9,000 brackets before 11,000 spaces': `${'['.repeat(9_000)}${' '.repeat(11_000)}`,
  '[a]( and spaces, then a title never closed': `[a](${' '.repeat(2_000)}"${'x'.repeat(17_990)}`,
};

describe('whitespace after "]("', () => {
  it.each(Object.entries(SHAPES))('renders %s within a second', (_name, source) => {
    expect(source.length).toBeLessThanOrEqual(MAX_SOURCE_LENGTH);
    const started = performance.now();
    const rendered = renderMarkdown(source);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(rendered.html.length).toBeGreaterThan(0);
  });

  it('measures the shape: long runs after "](" are over the limit, real links far under it', () => {
    expect(linkWhitespaceWork(SHAPES['[a]( and spaces'])).toBeGreaterThan(MAX_LINK_WHITESPACE_WORK);
    expect(linkWhitespaceWork(SHAPES['[a]( and no-break spaces'])).toBeGreaterThan(MAX_LINK_WHITESPACE_WORK);
    expect(linkWhitespaceWork(SHAPES['[a](b and no-break spaces'])).toBeGreaterThan(MAX_LINK_WHITESPACE_WORK);
    const real = 'See [the docs]( https://example.com/a_(b) "Docs") and [this](https://x.test).\n\n'.repeat(200);
    expect(linkWhitespaceWork(real)).toBeLessThan(1_000);
    expect(linkWhitespaceWork('no links here, just    spaces')).toBe(0);
    // A link with a few hundred spaces still renders as a link.
    const spaced = `[a](${' '.repeat(300)}https://example.com)`;
    expect(linkWhitespaceWork(spaced)).toBeLessThan(MAX_LINK_WHITESPACE_WORK);
    expect(html(renderMarkdown(spaced).html)('a').attr('href')).toBe('https://example.com');
  });

  it('shows such a post as text, keeping what was written', () => {
    const { html: rendered, renderedAsMarkdown } = renderMarkdown(`**bold** [a](${' '.repeat(19_000)}`);
    expect(renderedAsMarkdown).toBe(false);
    expect(rendered).toContain('**bold** [a](');
  });
});

describe('posting the shapes', () => {
  let forum: TestForum;

  beforeAll(async () => {
    forum = await createTestForum({ config: { postsPerMinute: 100_000 } });
  }, 120_000);
  afterAll(() => forum.destroy());

  it('saves each quickly while the server answers another reader', async () => {
    const { threadId, threadPath } = await rolloutThread(forum);
    const post = await formPoster(await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD), threadPath);
    for (const [name, body] of Object.entries(SHAPES)) {
      // Percent-encoded, non-ASCII runs are over the 100 kB form limit: those are covered above.
      if (encodeURIComponent(body).length > 90_000) continue;
      const started = performance.now();
      const [saved, read] = await Promise.all([
        post(`/t/${threadId}/replies`, { body, intent: 'post' }),
        request(forum.app).get('/').then((res) => ({ status: res.status, at: performance.now() - started })),
      ]);
      expect([name, saved.status]).toEqual([name, 303]);
      expect([name, read.status, read.at < 3_000]).toEqual([name, 200, true]);
      expect([name, performance.now() - started < 5_000]).toEqual([name, true]);
    }
  }, 180_000);
});
