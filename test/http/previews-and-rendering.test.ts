/**
 * Previews are limited per member and per address, counted in the database (so a second app
 * process on the same database sees the same count), with a 429 that keeps the text. New threads
 * and replies render their markdown before their write transaction: no transaction is open while
 * a post renders, so a slow render holds no lock (SQLite's write queue, PostgreSQL's row locks)
 * that another member's reply would wait for. Renders still share the one event loop.
 */
import { createApp } from '../../server/app';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import * as markdown from '../../server/markdown';
import { PREVIEWS_PER_ADDRESS, PREVIEWS_PER_MEMBER } from '../../server/services/previewLimit';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { formPoster, signIn } from '../helpers/session';

let forum: TestForum;
let threadId: number;
let threadPath: string;

beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 100_000 } });
  ({ threadId, threadPath } = await rolloutThread(forum));
}, 120_000);
afterAll(() => forum.destroy());
afterEach(() => jest.restoreAllMocks());

describe('the preview limit', () => {
  it(`allows ${PREVIEWS_PER_MEMBER} previews per member, then answers 429 with the text kept, in every app process`, async () => {
    const wendy = await formPoster(await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD), threadPath);
    for (let i = 1; i <= PREVIEWS_PER_MEMBER; i += 1) {
      const res = await wendy(`/t/${threadId}/replies`, { body: `Draft **${i}**`, intent: 'preview' });
      expect([i, res.status]).toEqual([i, 200]);
    }
    const refused = await wendy(`/t/${threadId}/replies`, { body: 'My draft, **kept**', intent: 'preview' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const $ = html(refused.text);
    expect($('.form-error').text()).toMatch(/^Too many previews: at most 30 every 10 minutes\. Your text is kept below/);
    expect($('#field-body').text()).toBe('My draft, **kept**');
    expect($('.preview')).toHaveLength(0);

    // The new-thread form is held to the same count, with the title kept too.
    const thread = await wendy('/b/general/threads', { title: 'A draft thread', body: 'Draft', intent: 'preview' });
    expect(thread.status).toBe(429);
    expect(html(thread.text)('#field-title').attr('value')).toBe('A draft thread');

    // Another process on the same database counts the same previews.
    const otherProcess = createApp({ db: forum.db, config: forum.config });
    const elsewhere = await formPoster(await signIn(otherProcess, 'WendyC', DEVELOPMENT_PASSWORD), threadPath);
    expect((await elsewhere(`/t/${threadId}/replies`, { body: 'Draft', intent: 'preview' })).status).toBe(429);

    // Posting is not a preview: it still works.
    expect((await wendy(`/t/${threadId}/replies`, { body: 'Posted anyway', intent: 'post' })).status).toBe(303);
  }, 180_000);

  it(`allows ${PREVIEWS_PER_ADDRESS} previews per address across members`, async () => {
    // WendyC's previews above came from this address too: 30 allowed, then 3 refused (still counted).
    let fromAddress = PREVIEWS_PER_MEMBER + 3;
    for (const username of ['RafehG', 'GoranV', 'MsS']) {
      const preview = await formPoster(await signIn(forum.app, username, DEVELOPMENT_PASSWORD), threadPath);
      for (let i = 0; i < PREVIEWS_PER_MEMBER - 1 && fromAddress < PREVIEWS_PER_ADDRESS; i += 1, fromAddress += 1) {
        expect((await preview(`/t/${threadId}/replies`, { body: 'Draft', intent: 'preview' })).status).toBe(200);
      }
    }
    expect(fromAddress).toBe(PREVIEWS_PER_ADDRESS);
    // A member who has not previewed at all, from the same address.
    const preview = await formPoster(await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD), threadPath);
    const refused = await preview(`/t/${threadId}/replies`, { body: 'First draft of a new member', intent: 'preview' });
    expect(refused.status).toBe(429);
    expect(html(refused.text)('.form-error').text()).toMatch(/at most 90 every 10 minutes from one address/);
    expect(html(refused.text)('#field-body').text()).toBe('First draft of a new member');
  }, 180_000);
});

describe('rendering outside the write transaction', () => {
  /** Counts the write transactions open at each moment, and how long each one lasted. */
  function watchTransactions() {
    const original = forum.db.writeTransaction;
    const watch = { open: 0, longestMs: 0 };
    jest.spyOn(forum.db, 'writeTransaction').mockImplementation((fn, outer) => {
      if (outer) return original(fn, outer);
      return original(async (transaction) => {
        const started = performance.now();
        watch.open += 1;
        try {
          return await fn(transaction);
        } finally {
          watch.open -= 1;
          watch.longestMs = Math.max(watch.longestMs, performance.now() - started);
        }
      });
    });
    return watch;
  }

  /** Makes every render take `ms` longer, and records how many write transactions were open meanwhile. */
  function slowRenders(ms: number, watch: { open: number }) {
    const openDuringRender: number[] = [];
    const render = markdown.renderMarkdown;
    jest.spyOn(markdown, 'renderMarkdown').mockImplementation((source, options) => {
      openDuringRender.push(watch.open);
      const until = performance.now() + ms;
      while (performance.now() < until) { /* a render that takes long */ }
      return render(source, options);
    });
    return openDuringRender;
  }

  it('holds no transaction while a reply or a new thread renders', async () => {
    const watch = watchTransactions();
    const openDuringRender = slowRenders(600, watch);
    const rafeh = await formPoster(await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD), threadPath);
    const started = performance.now();
    expect((await rafeh(`/t/${threadId}/replies`, { body: 'A slow reply', intent: 'post' })).status).toBe(303);
    expect((await rafeh('/b/general/threads', { title: 'A slow new thread', body: 'Slow', intent: 'post' })).status).toBe(303);
    expect(performance.now() - started).toBeGreaterThan(1_200);
    expect(openDuringRender).toEqual([0, 0]);
    // Each transaction only wrote: far shorter than the render it no longer contains.
    expect(watch.longestMs).toBeLessThan(600);
  }, 180_000);
});
