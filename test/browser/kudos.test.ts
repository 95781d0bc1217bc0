/**
 * Kudos and accepted solutions in real Chromium, with and without JavaScript: with it, a kudo
 * updates the count in place (no page load); without it, the form posts and the page comes back
 * with the count. A member accepts a moderator's reply as the solution and the thread is Solved.
 */
import type { Browser } from 'playwright-core';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { replyToThread, startThread } from '../../server/services/posting';
import { createTestForum, rolloutThread, TestForum } from '../helpers/forum';
import { BrowserForum, newVisitor, screenshot, serveInBrowser, signInAs } from '../helpers/browser';

jest.setTimeout(120_000);

let forum: TestForum;
let served: BrowserForum;
let browser: Browser;
let base: string;
let threadPath: string;

beforeAll(async () => {
  forum = await createTestForum();
  served = await serveInBrowser(forum);
  ({ browser, base } = served);
  threadPath = (await rolloutThread(forum)).threadPath;
});
afterAll(() => served?.close());

describe.each([
  ['with JavaScript', true, 'WendyC'],
  ['without JavaScript', false, 'MarijaJ'],
])('kudos %s', (_label, javaScript, username) => {
  it('gives post 9 a kudo and takes it back', async () => {
    const { context, page, dialogs } = await newVisitor(browser, { javaScript });
    await signInAs(page, base, username, DEVELOPMENT_PASSWORD);
    await page.goto(`${base}${threadPath}/9`);
    const before = Number((await page.textContent('#p9 .kudos__count'))!.split(' ')[0]);
    if (javaScript) {
      // A marker on the window survives only if the page is not loaded again.
      await page.evaluate('window.__noReload = true');
      await page.click('#p9 .kudos__button');
      await page.waitForFunction(`document.querySelector('#p9 .kudos__button').textContent === 'You gave kudos'`);
      expect(await page.evaluate('window.__noReload')).toBe(true);
    } else {
      await Promise.all([page.waitForNavigation(), page.click('#p9 .kudos__button')]);
    }
    expect(await page.textContent('#p9 .kudos__count')).toBe(`${before + 1} ${before + 1 === 1 ? 'Kudo' : 'Kudos'}`);
    expect(await page.getAttribute('#p9 .kudos__button', 'aria-pressed')).toBe('true');
    await screenshot(page, `kudos-given-${javaScript ? 'js' : 'nojs'}`);
    if (javaScript) {
      await page.click('#p9 .kudos__button');
      await page.waitForFunction(`document.querySelector('#p9 .kudos__button').textContent === 'Give kudos'`);
    } else {
      await Promise.all([page.waitForNavigation(), page.click('#p9 .kudos__button')]);
    }
    expect(await page.textContent('#p9 .kudos__count')).toBe(`${before} ${before === 1 ? 'Kudo' : 'Kudos'}`);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});

it('a member accepts a moderator\'s reply as the solution: Solved on the board', async () => {
  const qa = await forum.db.models.Board.findOne({ where: { slug: 'identity-verification' } });
  const ms = await forum.db.models.Member.findOne({ where: { usernameKey: 'mss' } });
  const avery = await forum.db.models.Member.findOne({ where: { usernameKey: 'averyo' } });
  const { thread } = await startThread(forum.db, { boardId: qa!.id, authorId: ms!.id, title: 'Is the video chat compulsory', source: 'Or can I skip it?' });
  await replyToThread(forum.db, { threadId: thread.id, authorId: avery!.id, source: 'It is optional: your account is not affected, but there is no badge without it.' });
  const { context, page, dialogs } = await newVisitor(browser, { javaScript: true });
  await signInAs(page, base, 'MsS', DEVELOPMENT_PASSWORD);
  await page.goto(`${base}/t/${thread.id}/${thread.slug}`);
  await Promise.all([page.waitForNavigation(), page.click('#p2 button:has-text("Accept as solution")')]);
  expect(await page.textContent('#p2 .tag--solution')).toBe('Accepted solution');
  expect(await page.textContent('.solution-box')).toContain('Avery O');
  await screenshot(page, 'solution-accepted');
  await page.goto(`${base}/b/identity-verification`);
  expect(await page.textContent('body')).toContain('Solved');
  expect(dialogs).toEqual([]);
  await context.close();
});
