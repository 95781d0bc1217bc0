/**
 * The main journeys in real Chromium, once with JavaScript and once without: a member registers
 * and asks; a moderator replies and adds an ETA note; a manager marks the official answer; the
 * member sees the notifications; a search with a typo is corrected. No dialog may ever open.
 */
import type { Browser, Page } from 'playwright-core';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum } from '../helpers/forum';
import { BrowserForum, newVisitor, serveInBrowser, signInAs } from '../helpers/browser';

jest.setTimeout(120_000);

let served: BrowserForum;
let browser: Browser;
let base: string;

beforeAll(async () => {
  served = await serveInBrowser(await createTestForum({ config: { postsPerMinute: 1000 } }));
  ({ browser, base } = served);
});
afterAll(() => served?.close());

const signIn = (page: Page, username: string, password = DEVELOPMENT_PASSWORD) => signInAs(page, base, username, password);

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
])('journeys %s', (label, javaScript) => {
  const suffix = javaScript ? 'js' : 'nojs';
  const asker = `asker_${suffix}`;
  let threadUrl = '';
  let answerNumber = 0;

  it('a member registers and asks a question', async () => {
    const { context, page, dialogs } = await newVisitor(browser, { javaScript });
    await page.goto(`${base}/`);
    await Promise.all([page.waitForNavigation(), page.click('a:has-text("Create account")')]);
    await page.fill('#field-username', asker);
    await page.fill('#field-displayName', `Asker ${suffix.toUpperCase()}`);
    await page.fill('#field-email', `${asker}@example.com`);
    await page.fill('#field-password', 'a long enough passphrase');
    await page.fill('#field-confirmPassword', 'a long enough passphrase');
    await Promise.all([page.waitForNavigation(), page.click('form[action="/register"] button[type=submit]')]);
    expect(await page.textContent('.account-nav__name')).toBe(`Asker ${suffix.toUpperCase()}`);

    await page.goto(`${base}/b/identity-verification`);
    await Promise.all([page.waitForNavigation(), page.click('a:has-text("Start a thread")')]);
    await page.fill('#field-title', `Badge still missing (${label})`);
    await page.fill('#field-body', 'I passed the **webcam** step two days ago. Is my badge stuck?');
    await Promise.all([page.waitForNavigation(), page.click('button[value=post]')]);
    threadUrl = page.url().replace(/\/1#p1$/, '');
    expect(await page.textContent('h1')).toBe(`Badge still missing (${label})`);
    expect(await page.textContent('#p1 .post__body strong')).toBe('webcam');
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('a moderator replies citing the member\'s badge status, then adds an ETA note to the reply', async () => {
    const { context, page, dialogs } = await newVisitor(browser, { javaScript });
    await signIn(page, 'AveryO');
    await page.goto(`${base}/staff/badges?q=${asker.slice(0, 5)}`);
    await Promise.all([page.waitForNavigation(), page.click(`main a[href="/staff/badges/${asker}"]`)]);
    const threadId = /\/t\/(\d+)\//.exec(threadUrl)![1];
    await page.fill('#field-threadId', threadId);
    await Promise.all([page.waitForNavigation(), page.click('form.badge-cite button[type=submit]')]);
    expect(page.url()).toContain(`/t/${threadId}/replies/new`);
    await page.fill('#field-body', 'I checked your record, here is what it says.');
    await Promise.all([page.waitForNavigation(), page.click('button[value=post]')]);
    answerNumber = Number(/\/(\d+)#p\d+$/.exec(page.url())![1]);
    expect(await page.textContent(`#p${answerNumber} .badge-citation__status`)).toContain(`Badge status for Asker ${suffix.toUpperCase()}`);
    const post = `#p${answerNumber}`;
    await page.click(`${post} .post__main > details.staff-tools > summary`);
    await page.fill(`${post} textarea[name=text]`, 'If all else is okay, the badge appears within 24-48 hours.');
    await page.fill(`${post} input[name=window]`, '24-48 hours');
    await Promise.all([page.waitForNavigation(), page.click(`${post} button:has-text("Add ETA")`)]);
    expect(await page.textContent(`${post} .eta-note__window`)).toBe('within 24-48 hours');
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('a manager marks the moderator\'s reply as the official answer', async () => {
    const { context, page, dialogs } = await newVisitor(browser, { javaScript });
    await signIn(page, 'LenaE');
    await page.goto(`${threadUrl}/${answerNumber}`);
    const post = `#p${answerNumber}`;
    await page.click(`${post} .post__main > details.staff-tools > summary`);
    await Promise.all([page.waitForNavigation(), page.click(`${post} button:has-text("Mark as official answer")`)]);
    expect(await page.textContent('.official-answer__link')).toBe(`Go to post ${answerNumber}`);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('the member sees the notifications, opens one and the count drops', async () => {
    const { context, page, dialogs } = await newVisitor(browser, { javaScript });
    await signIn(page, asker, 'a long enough passphrase');
    expect(await page.textContent('.unread-count')).toBe('3');
    await Promise.all([page.waitForNavigation(), page.click('.account-nav__notifications')]);
    const items = await page.$$eval('.notification__open', (buttons) => buttons.map((button) => button.textContent?.trim()));
    expect(items).toEqual([
      `Lena E (Community Manager) marked post ${answerNumber} as the official answer`,
      'ETA added by Avery O (Moderator): within 24-48 hours',
      `Avery O (Moderator) cited your badge status (post ${answerNumber})`,
    ]);
    await Promise.all([page.waitForNavigation(), page.click('.notification__open >> nth=2')]);
    expect(page.url()).toMatch(new RegExp(`/${answerNumber}#p${answerNumber}$`));
    // All three are about the same post: opening one marks the others read too.
    expect(await page.locator('.unread-count').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('a search with a typo is corrected', async () => {
    const { context, page, dialogs } = await newVisitor(browser, { javaScript });
    await page.goto(`${base}/`);
    await page.fill('header input[name=q]', 'webcamm');
    await Promise.all([page.waitForNavigation(), page.press('header input[name=q]', 'Enter')]);
    const body = (await page.textContent('main')) ?? '';
    expect(body).toMatch(/Showing results for\s+webcam/);
    expect(body).toMatch(/Search instead for\s+webcamm/);
    expect(await page.$$('main a[href*="/t/"]')).not.toHaveLength(0);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
