/**
 * Markdown that grows far beyond its length once formatted: reference links and images copying one
 * long definition thousands of times, tables whose "|" rows are filled out to a wide header,
 * thousands of bare URLs, e-mail addresses, mentions and empty list items. Each is refused with a
 * 422 that keeps the text and says what to change (new threads, replies, previews, ETA notes), and
 * the thread page, its JSON and its feed stay small. Real documents render as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import rollout from '../../seeds/data/rollout.json';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { MAX_SOURCE_LENGTH, MarkdownTooLargeError, maxHtmlLength, renderMarkdown } from '../../server/markdown';
import { MAX_HTML_LENGTH, MAX_TABLE_CELLS } from '../../server/markdown/size';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, formPoster, signIn } from '../helpers/session';

const LONG_ADDRESS = `https://example.com/${'a'.repeat(4_000)}`;
/** Repeats `unit` after `head` up to the post limit. */
const fill = (unit: string, head = '') => head + unit.repeat(Math.floor((MAX_SOURCE_LENGTH - head.length) / unit.length));

/**
 * Each grows past its bound; `names` is what the message should name. The ones that multiply
 * (references, padded tables) are always refused; the others grow linearly and may instead be
 * shown as text when a loaded machine runs the parse past its time budget: either way the HTML
 * stays within the bound.
 */
const GROWING: Record<string, { source: string; names: RegExp; multiplies?: boolean }> = {
  '[a] 5,000 times with one 4,000-character definition': { source: fill('[a]', `[a]: ${LONG_ADDRESS}\n\n`), names: /reference link/, multiplies: true },
  'reference images ![x][r] with a long definition': { source: fill('![x][r]', `[r]: ${LONG_ADDRESS}\n\n`), names: /reference link or image/, multiplies: true },
  'reference links with a long title': { source: fill('[a] ', `[a]: https://e.example "${'t'.repeat(8_000)}"\n\n`), names: /reference link/, multiplies: true },
  '"|" rows under a 1,000-column header': { source: fill('|\n', `|${'a|'.repeat(1_000)}\n|${'-|'.repeat(1_000)}\n`), names: /cells/, multiplies: true },
  'empty rows under a 100-column header': { source: fill('|\n', `|${'a|'.repeat(100)}\n|${'-|'.repeat(100)}\n`), names: /cells/, multiplies: true },
  'a one-column table of empty rows': { source: fill('|\n', '|a|\n|-|\n'), names: /cells/, multiplies: true },
  '2,200 bare URLs': { source: fill('www.a.co '), names: /links/ },
  '2,800 e-mail addresses': { source: fill('a@b.co '), names: /links/ },
  '2,800 mentions of one member': { source: fill('@LenaE '), names: /mentions/ },
  '2,800 empty task items': { source: fill('- [ ] \n'), names: /list/ },
  '10,000 empty headings': { source: fill('#\n'), names: /HTML/ },
  'ampersands, each escaped to &amp;': { source: fill('&'), names: /HTML/ },
};

const mentionable = new Map([['lenae', 'LenaE']]);

function refusal(source: string): MarkdownTooLargeError | null {
  try {
    renderMarkdown(source, { mentionable });
    return null;
  } catch (error) {
    if (error instanceof MarkdownTooLargeError) return error;
    throw error;
  }
}

describe('the bound on rendered HTML', () => {
  it('is four times the source plus 10,000 characters, never over 100,000', () => {
    expect(maxHtmlLength(10)).toBe(10_040);
    expect(maxHtmlLength(MAX_SOURCE_LENGTH)).toBe(90_000);
    expect(maxHtmlLength(1_000_000)).toBe(MAX_HTML_LENGTH);
  });

  it.each(Object.entries(GROWING))('refuses %s, within a second, saying what grew', (_name, { source, names, multiplies }) => {
    expect(source.length).toBeLessThanOrEqual(MAX_SOURCE_LENGTH);
    const started = performance.now();
    const error = refusal(source);
    expect(performance.now() - started).toBeLessThan(1_000);
    if (error === null && !multiplies) {
      const rendered = renderMarkdown(source, { mentionable });
      expect(rendered.renderedAsMarkdown).toBe(false);
      expect(rendered.html.length).toBeLessThanOrEqual(maxHtmlLength(source.length));
      return;
    }
    expect(error).not.toBeNull();
    expect(error!.fieldErrors.body).toMatch(/^This post would be too large once formatted: /);
    expect(error!.fieldErrors.body).toMatch(names);
    expect(error!.describe('note')).toMatch(/^This note would be too large once formatted: /);
  });

  it('counts the cells of every table together', () => {
    const table = (rows: number) => `|a|b|\n|-|-|\n${'|1|2|\n'.repeat(rows)}`;
    expect(refusal(table(1_000))).toBeNull();
    const many = Array.from({ length: 6 }, () => table(1_000)).join('\n');
    expect(refusal(many)?.fieldErrors.body).toMatch(new RegExp(`at most ${MAX_TABLE_CELLS.toLocaleString('en-US')}`));
  });

  it('renders real documents as markdown, each well within it', () => {
    const spec = fs.readFileSync(path.join(__dirname, '../../node_modules/commonmark-spec/spec.txt'), 'utf8');
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const seeded = rollout.thread.posts.map((post) => post.source);
    const documents = [...seeded, spec.slice(0, MAX_SOURCE_LENGTH), spec.slice(-MAX_SOURCE_LENGTH), readme.slice(0, MAX_SOURCE_LENGTH)];
    for (const document of documents) {
      const rendered = renderMarkdown(document);
      expect(rendered.renderedAsMarkdown).toBe(true);
      expect(rendered.html.length).toBeLessThan(2 * document.length + 2_000);
    }
    // Links, tables and mentions of a normal size are nowhere near it.
    const normal = `| a | b |\n|---|---|\n${'| 1 | 2 |\n'.repeat(200)}\nSee [the docs][d] and [again][d], thanks @LenaE.\n\n[d]: https://example.com/docs`;
    expect(renderMarkdown(normal, { mentionable }).html).toContain('<td>');
  });
});

describe('over HTTP', () => {
  let forum: TestForum;
  let threadId: number;
  let threadPath: string;
  let avery: Agent;
  let post: Awaited<ReturnType<typeof formPoster>>;

  beforeAll(async () => {
    forum = await createTestForum({ config: { postsPerMinute: 100_000 } });
    ({ threadId, threadPath } = await rolloutThread(forum));
    avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    post = await formPoster(avery, threadPath);
  });
  afterAll(() => forum.destroy());

  const growing = Object.values(GROWING).filter(({ multiplies }) => multiplies).map(({ source }) => source);

  it('refuses each as a reply and as a preview with 422, keeping the text and saying what to change', async () => {
    const before = await forum.db.models.Post.count();
    for (const [index, body] of growing.entries()) {
      const res = await post(`/t/${threadId}/replies`, { body, intent: index % 2 ? 'preview' : 'post' });
      expect(res.status).toBe(422);
      const $ = html(res.text);
      expect($('#field-body-error').text()).toMatch(/^This post would be too large once formatted: /);
      expect($('#field-body').text() === body).toBe(true);
      expect($('.preview')).toHaveLength(0);
    }
    expect(await forum.db.models.Post.count()).toBe(before);
  });

  it('refuses one as a new thread, with the title and text kept', async () => {
    const body = growing[0];
    const res = await post('/b/general/threads', { title: 'A small question', body, intent: 'post' });
    expect(res.status).toBe(422);
    const $ = html(res.text);
    expect($('#field-body-error').text()).toMatch(/reference link/);
    expect($('#field-title').attr('value')).toBe('A small question');
    expect($('#field-body').text() === body).toBe(true);
    expect(await forum.db.models.Thread.count({ where: { title: 'A small question' } })).toBe(0);
  });

  it('refuses an ETA note that would grow past its bound, with the note kept', async () => {
    const target = await forum.db.models.Post.findOne({ where: { threadId, number: 2 } });
    const text = `[a]: ${LONG_ADDRESS}\n\n${'[a]'.repeat(300)}`;
    const res = await post(`/posts/${target!.id}/eta`, { text, window: '3 days' });
    expect(res.status).toBe(422);
    const $ = html(res.text);
    expect($('#field-text-error').text()).toMatch(/^This note would be too large once formatted: its links/);
    expect($('#field-text').text()).toBe(text);
    expect(await forum.db.models.EtaNote.count({ where: { postId: target!.id } })).toBe(0);
  });

  it('saves the linear ones within the bound or refuses them, and the thread page, its JSON and its feed stay small', async () => {
    // 300 uses of a 60-character address: 5 KB of text, 30 KB of HTML.
    const near = `[a]: https://example.com/${'b'.repeat(40)}\n\n${'[a] '.repeat(300)}`;
    expect((await post(`/t/${threadId}/replies`, { body: near, intent: 'post' })).status).toBe(303);
    for (const { source, multiplies } of Object.values(GROWING)) {
      if (multiplies) continue;
      const res = await post(`/t/${threadId}/replies`, { body: source, intent: 'post' });
      expect([303, 422]).toContain(res.status);
    }
    const saved = await forum.db.models.Post.findAll({ where: { threadId }, order: [['number', 'DESC']], limit: 20 });
    for (const each of saved) expect(each.html.length).toBeLessThanOrEqual(maxHtmlLength(each.source.length));

    const pages = Math.ceil((await forum.db.models.Post.count({ where: { threadId } })) / 10);
    for (const address of [`${threadPath}?page=${pages}`, `${threadPath}.json?page=${pages}`, `/t/${threadId}/feed.atom`]) {
      const res = await request(forum.app).get(address).expect(200);
      expect([address, res.text.length < 1_000_000]).toEqual([address, true]);
    }
  });
});
