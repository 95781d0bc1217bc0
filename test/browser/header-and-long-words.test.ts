/**
 * The header at 390, 768 and 1280 px for a visitor, a member, a moderator and a manager: one
 * brand line, a usable search box, the member's name shown, a menu that opens without
 * JavaScript, nothing wider than the screen. And every page at 390 px with hostile long words (an
 * unbroken 200-character title, a 30-character username, a 60-character display name).
 */
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { setPassword } from '../../server/services/accounts';
import { createPasswordHasher } from '../../server/services/passwords';
import { replyToThread, startThread } from '../../server/services/posting';
import { createTestForum, makeMember, rolloutThread } from '../helpers/forum';
import { BrowserForum, newVisitor, screenshot, serveInBrowser, seriousAccessibilityViolations, signInAs } from '../helpers/browser';

jest.setTimeout(240_000);

let served: BrowserForum;
let threadPath: string;
let longThreadPath: string;
const LONG_WORD = 'Supercalifragilisticexpialidocious'.repeat(5).slice(0, 160);
const LONG_USERNAME = 'Averyveryverylongusername_123';
const LONG_NAME = 'Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewiss';

beforeAll(async () => {
  const forum = await createTestForum();
  ({ threadPath } = await rolloutThread(forum));
  const member = await makeMember(forum.db, { username: LONG_USERNAME, displayName: LONG_NAME.slice(0, 60) });
  await setPassword({ db: forum.db, passwords: createPasswordHasher(4) }, member.id, DEVELOPMENT_PASSWORD);
  const board = (await forum.db.models.Board.findOne({ where: { slug: 'general' } }))!;
  const { thread } = await startThread(forum.db, { boardId: board.id, authorId: member.id, title: `${LONG_WORD} webcam`, source: `${LONG_WORD} ${LONG_WORD}\n\nhttps://example.com/${LONG_WORD}` });
  await replyToThread(forum.db, { threadId: thread.id, authorId: member.id, source: `\`${LONG_WORD}${LONG_WORD}\`` });
  longThreadPath = `/t/${thread.id}/${thread.slug}`;
  served = await serveInBrowser(forum);
}, 120_000);
afterAll(() => served?.close());

const WIDTHS = [390, 768, 1280] as const;
const PEOPLE = [
  { who: 'visitor', as: null, name: null },
  { who: 'member', as: 'RafehG', name: 'Rafeh G' },
  { who: 'moderator', as: 'AveryO', name: 'Avery O' },
  { who: 'manager', as: 'LenaE', name: 'Lena E' },
  { who: 'long-name', as: LONG_USERNAME, name: null },
] as const;

type Box = { x: number; y: number; width: number; height: number } | null;

describe.each(WIDTHS)('the header at %i px', (width) => {
  it.each(PEOPLE.map((person) => [person.who, person] as const))('fits for a %s', async (_who, person) => {
    const { context, page } = await newVisitor(served.browser, { javaScript: false, width, height: 844 });
    if (person.as) await signInAs(page, served.base, person.as, DEVELOPMENT_PASSWORD);
    await page.goto(`${served.base}${threadPath}`);
    const header = (await page.locator('.site-header').boundingBox()) as Box;
    const brand = (await page.locator('.brand').boundingBox()) as Box;
    const search = (await page.locator('.site-search__input').boundingBox()) as Box;
    // One row at 1280, two below: never the 181-216 px a phone header used to take.
    expect(header!.height).toBeLessThanOrEqual(width >= 1000 ? 64 : 112);
    expect(brand!.height).toBeLessThanOrEqual(40);
    expect(search!.width).toBeGreaterThanOrEqual(width >= 1000 ? 200 : width - 140);
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    if (person.as) {
      const name = page.locator('.account-nav__name');
      expect(((await name.boundingBox()) as Box)!.width).toBeGreaterThan(20);
      if (person.name) expect(await name.textContent()).toBe(person.name);
      // The menu opens without JavaScript, inside the screen.
      await page.click('.member-menu__summary');
      const menu = (await page.locator('.member-menu__list').boundingBox()) as Box;
      expect(menu!.x).toBeGreaterThanOrEqual(0);
      expect(menu!.x + menu!.width).toBeLessThanOrEqual(width);
      await expect(page.locator('.member-menu__list a[href="/settings"]').isVisible()).resolves.toBe(true);
      if (person.who === 'manager') await expect(page.locator('.member-menu__list a[href="/staff/log"]').isVisible()).resolves.toBe(true);
    }
    await screenshot(page, `header-${person.who}-${width}`);
    await context.close();
  });
});

describe('long unbroken words at 390 px', () => {
  const PAGES = [
    ['profile', () => `/u/${LONG_USERNAME}`],
    ['thread', () => longThreadPath],
    ['board', () => '/b/general'],
    ['home', () => '/'],
    ['search', () => '/search?q=webcam'],
    ['notifications', () => '/notifications'],
  ] as const;
  it.each(PAGES)('%s does not scroll sideways', async (name, path) => {
    const { context, page } = await newVisitor(served.browser, { javaScript: true, width: 390, height: 844 });
    await signInAs(page, served.base, LONG_USERNAME, DEVELOPMENT_PASSWORD);
    const response = await page.goto(`${served.base}${path()}`);
    expect(response?.status()).toBe(200);
    await screenshot(page, `long-words-${name}-390`);
    expect((await seriousAccessibilityViolations(page)).map((violation) => `${violation.id} ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('board lists end a long title with an ellipsis rather than clipping it', async () => {
    const { context, page } = await newVisitor(served.browser, { javaScript: false, width: 1280, height: 900 });
    await page.goto(`${served.base}/b/general`);
    const title = page.locator('.thread-row__title a', { hasText: LONG_WORD.slice(0, 30) }).first();
    const style = await title.evaluate((element) => {
      const computed = (element as unknown as { ownerDocument: { defaultView: { getComputedStyle(e: unknown): Record<string, string> } } }).ownerDocument.defaultView.getComputedStyle(element);
      return { overflowWrap: computed.overflowWrap, wordBreak: computed.wordBreak, lineClamp: computed.webkitLineClamp };
    });
    expect(['anywhere', 'break-word'].includes(style.overflowWrap) || style.wordBreak === 'break-word').toBe(true);
    // Two lines at most, the rest an ellipsis (line clamping draws it).
    expect(style.lineClamp).toBe('2');
    await context.close();
  });
});

describe('times', () => {
  it('read in the reader\'s time zone with JavaScript, the UTC text kept in the title and in the HTML', async () => {
    const context = await served.browser.newContext({ timezoneId: 'Asia/Tokyo', locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${served.base}${threadPath}`);
    const time = page.locator('.post time[datetime]').first();
    const utc = (await time.getAttribute('data-utc'))!;
    expect(utc).toMatch(/UTC$/);
    expect(await time.getAttribute('title')).toBe(utc);
    const shown = (await time.textContent())!;
    expect(shown).not.toBe(utc);
    // Tokyo is UTC+9: the hour shown is nine hours on from the UTC one.
    const utcHour = Number(/(\d{2}):\d{2} UTC$/.exec(utc)![1]);
    const localHour = Number(/(\d{1,2}):\d{2}\s?(AM|PM)?/.exec(shown)![1]) % 12;
    expect(localHour).toBe(((utcHour + 9) % 24) % 12);
    await context.close();
  });
});
