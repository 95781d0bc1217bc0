/**
 * Screenshots of the main pages at phone and desktop widths (saved in test-artifacts/screenshots),
 * each checked with axe-core: no serious or critical accessibility violation.
 */
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import rollout from '../../seeds/data/rollout.json';
import { createTestForum, TestForum } from '../helpers/forum';
import { launchBrowser, listen, newVisitor, screenshot, seriousAccessibilityViolations } from '../helpers/browser';

jest.setTimeout(180_000);

let forum: TestForum;
let browser: Browser;
let server: Server;
let base: string;
let threadPath: string;

beforeAll(async () => {
  forum = await createTestForum();
  ({ server, url: base } = await listen(forum.app));
  browser = await launchBrowser();
  const thread = await forum.db.models.Thread.findOne({ where: { title: rollout.thread.title } });
  threadPath = `/t/${thread!.id}/${thread!.slug}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await forum?.destroy();
});

const WIDTHS = [
  ['phone', 390, 844],
  ['desktop', 1280, 900],
] as const;

const PAGES: Array<{ name: string; path: () => string; as?: string }> = [
  { name: 'home', path: () => '/' },
  { name: 'board', path: () => '/b/announcements' },
  { name: 'thread', path: () => threadPath },
  { name: 'permalink', path: () => `${threadPath}/6` },
  { name: 'profile', path: () => '/u/WendyC' },
  { name: 'search', path: () => '/search?q=webcamm' },
  { name: 'signin', path: () => '/signin' },
  { name: 'register', path: () => '/register' },
  { name: 'thread-as-moderator', path: () => threadPath, as: 'AveryO' },
  { name: 'notifications', path: () => '/notifications', as: 'RafehG' },
  { name: 'settings', path: () => '/settings', as: 'RafehG' },
  { name: 'eta-tracker', path: () => '/staff/eta', as: 'AveryO' },
  { name: 'moderation-log', path: () => '/staff/log', as: 'LenaE' },
  { name: 'badge-lookup', path: () => '/staff/badges/RafehG', as: 'AveryO' },
  { name: 'my-badge', path: () => '/badge', as: 'RafehG' },
];

describe.each(WIDTHS)('at %s width', (widthName, width, height) => {
  it.each(PAGES.map((page) => [page.name, page] as const))('%s looks right to axe-core and is captured', async (_name, spec) => {
    const { context, page, dialogs } = await newVisitor(browser, { javaScript: true, width, height });
    if (spec.as) {
      await page.goto(`${base}/signin`);
      await page.fill('#field-username', spec.as);
      await page.fill('#field-password', DEVELOPMENT_PASSWORD);
      await Promise.all([page.waitForNavigation(), page.click('form[action="/signin"] button[type=submit]')]);
    }
    const response = await page.goto(`${base}${spec.path()}`);
    expect(response?.status()).toBe(200);
    await screenshot(page, `${spec.name}-${widthName}`);
    const violations = await seriousAccessibilityViolations(page);
    expect(violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`)).toEqual([]);
    // Nothing scrolls sideways on a phone.
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
