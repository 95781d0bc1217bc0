/** The app's ejs engine renders exactly what ejs.renderFile renders, includes and fallbacks included. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ejs from 'ejs';
import { createViewEngine, localNamesOf } from '../../server/read/viewEngine';

let dir: string;

const TEMPLATES: Record<string, string> = {
  'page.ejs': `<h1><%= title %></h1><% items.forEach(function (item) { %><%- include('partials/item', { item }) %><% }) %><%- include('partials/foot') %>`,
  'partials/item.ejs': `<% const label = item.name.toUpperCase(); %><li class="<%= item.done ? 'done' : '' %>"><%= label %> <%- include('mark', { item }) %></li>`,
  'partials/mark.ejs': `<% if (item.done) { %><span title="<%= who %>">✔</span><% } -%>`,
  'partials/foot.ejs': `<footer><%= Math.max(items.length, 1) %> · <%= JSON.stringify({ who }) %> · <%= typeof missing === 'undefined' ? 'none' : missing %></footer>`,
  // Includes whose arguments differ from one call to the next: each sees only its own arguments
  // over the page's locals (the engine reuses one copy of the locals between them).
  'args.ejs': `<%- include('partials/arg', { note: 'first', who: 'override' }) %><%- include('partials/arg', {}) %><%- include('partials/arg', { note: 'third' }) %><%= who %>`,
  'partials/arg.ejs': `[<%= typeof note === 'undefined' ? 'no note' : note %>/<%= who %>]`,
  // A name declared in an inner block and read from locals outside it: the scan leaves it out, so
  // this template must fall back to stock ejs's with().
  'shadow.ejs': `<% if (true) { const who = 'inner'; %><%= who %><% } %>|<%= who %>`,
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'view-engine-'));
  for (const [name, text] of Object.entries(TEMPLATES)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const locals = (cache: boolean) => ({
  settings: { views: dir },
  cache,
  title: '<Release & notes>',
  who: '"Lena" <script>',
  items: [{ name: 'first', done: true }, { name: 'sécond', done: false }],
});

function viaEngine(engine: ReturnType<typeof createViewEngine>, file: string, data: object): Promise<string> {
  return new Promise((resolve, reject) => engine(path.join(dir, file), data, (error, html) => (error ? reject(error) : resolve(html!))));
}

function viaEjs(file: string, data: object): Promise<string> {
  return ejs.renderFile(path.join(dir, file), data);
}

it.each([true, false])('renders pages with nested includes byte for byte as ejs does (cache %s)', async (cache) => {
  const engine = createViewEngine();
  for (const file of ['page.ejs', 'shadow.ejs', 'args.ejs']) {
    const expected = await viaEjs(file, locals(cache));
    expect(await viaEngine(engine, file, locals(cache))).toBe(expected);
    // Twice: the second render runs from the engine's caches.
    expect(await viaEngine(engine, file, locals(cache))).toBe(expected);
  }
  expect(await viaEngine(engine, 'shadow.ejs', locals(cache))).toBe('inner|&#34;Lena&#34; &lt;script&gt;');
  expect(await viaEngine(engine, 'args.ejs', locals(cache))).toBe(
    '[first/override][no note/&#34;Lena&#34; &lt;script&gt;][third/&#34;Lena&#34; &lt;script&gt;]&#34;Lena&#34; &lt;script&gt;',
  );
});

it('reports a missing include and a template error to express instead of throwing', async () => {
  fs.writeFileSync(path.join(dir, 'broken.ejs'), `<%- include('nowhere') %>`);
  await expect(viaEngine(createViewEngine(), 'broken.ejs', locals(true))).rejects.toThrow(/Could not find the include file "nowhere"/);
  fs.writeFileSync(path.join(dir, 'failing.ejs'), `<%= items.nope.length %>`);
  await expect(viaEngine(createViewEngine(), 'failing.ejs', locals(true))).rejects.toThrow(TypeError);
});

function sourceOf(text: string): string {
  const template = new ejs.Template(text, { client: true }) as unknown as { generateSource(): void; source: string };
  template.generateSource();
  return template.source;
}

it('lists the names a template reads, leaving out its own declarations, globals and text', () => {
  const names = localNamesOf(sourceOf(TEMPLATES['partials/item.ejs']));
  expect(names).toContain('item');
  // Its own const, and what ejs passes in itself; words in quoted strings may be listed (harmless).
  expect(names).not.toContain('label');
  expect(names).not.toContain('include');
  expect(names).not.toContain('escapeFn');
  // Text between tags is never read as code.
  expect(localNamesOf(sourceOf('<p>Former member</p><%= who %>'))).toEqual(['who']);
  expect(localNamesOf('__append(escapeFn( Math.max(a.b, ...rest) ))')).toEqual(['a', 'rest']);
});
