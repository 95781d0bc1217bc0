/**
 * Screenshots of the main pages at phone and desktop widths (saved in test-artifacts/screenshots),
 * each checked with axe-core: no serious or critical accessibility violation.
 */
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, rolloutThread } from '../helpers/forum';
import { BrowserForum, newVisitor, screenshot, serveInBrowser, seriousAccessibilityViolations, signInAs } from '../helpers/browser';

jest.setTimeout(180_000);

let served: BrowserForum;
let threadPath: string;
let firstPostId: number;

beforeAll(async () => {
  const forum = await createTestForum();
  let threadId: number;
  ({ threadPath, threadId } = await rolloutThread(forum));
  firstPostId = (await forum.db.models.Post.findOne({ where: { threadId, number: 1 } }))!.id;
  served = await serveInBrowser(forum);
});
afterAll(() => served?.close());

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
  { name: 'report-form', path: () => `/posts/${firstPostId}/report`, as: 'MsS' },
  { name: 'review-queue', path: () => '/staff/review', as: 'AveryO' },
  { name: 'approval-queue', path: () => '/staff/approvals', as: 'AveryO' },
  { name: 'post-history', path: () => `/posts/${firstPostId}/history` },
  { name: 'member-as-staff', path: () => '/u/MsS', as: 'GoranV' },
  { name: 'forgot-password', path: () => '/password/forgot' },
  { name: 'unsubscribed', path: () => '/email/unsubscribed?k=eta' },
];

describe.each(WIDTHS)('at %s width', (widthName, width, height) => {
  it.each(PAGES.map((page) => [page.name, page] as const))('%s looks right to axe-core and is captured', async (_name, spec) => {
    const { context, page, dialogs } = await newVisitor(served.browser, { javaScript: true, width, height });
    if (spec.as) await signInAs(page, served.base, spec.as, DEVELOPMENT_PASSWORD);
    const response = await page.goto(`${served.base}${spec.path()}`);
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
