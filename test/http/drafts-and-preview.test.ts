/**
 * Drafts (issue 23): kept on the server when a member previews, when a submission is refused and
 * from the composer's script; the composer reopens with them; posting clears them; the Drafts
 * page lists them. The live preview endpoint renders with the server's own pipeline, within the
 * preview limit.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, testConfig, TestForum } from '../helpers/forum';
import { formPoster, signIn } from '../helpers/session';

jest.setTimeout(60_000);

let forum: TestForum;
let threadId: number;
let threadPath: string;
beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 1000, memberTools: { ...testConfig().memberTools, draftSavesPer10Minutes: 5 } } });
  ({ threadId, threadPath } = await rolloutThread(forum));
});
afterAll(() => forum.destroy());

it('keeps a reply draft on preview, reopens the reply page with it, lists it, and clears it when posted', async () => {
  const member = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
  const post = await formPoster(member, threadPath);
  await post(`/t/${threadId}/replies`, { body: 'Half a thought about **badges**', intent: 'preview' }).expect(200);
  const reopened = html((await member.get(`/t/${threadId}/replies/new`).expect(200)).text);
  expect(reopened('textarea[name=body]').val()).toBe('Half a thought about **badges**');
  const drafts = (await member.get('/drafts.json').expect(200)).body.drafts;
  expect(drafts).toEqual([expect.objectContaining({ what: expect.stringContaining('Reply to New Identity Verification Badge'), excerpt: 'Half a thought about **badges**' })]);
  // Nobody else sees it: not in their list, not through the script's endpoint.
  const other = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
  expect((await other.get('/drafts.json')).body.drafts).toEqual([]);
  expect((await other.get(`/drafts/reply-${threadId}`).set('Accept', 'application/json')).body).toEqual({ draft: null });
  expect(html((await other.get(`/t/${threadId}/replies/new`)).text)('textarea[name=body]').val()).toBe('');

  await post(`/t/${threadId}/replies`, { body: 'The whole thought', intent: 'post' }).expect(303);
  expect((await member.get('/drafts.json')).body.drafts).toEqual([]);
});

it('keeps a new thread draft when the submission is refused, with its title', async () => {
  const member = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
  const post = await formPoster(member, '/b/general/threads/new');
  await post('/b/general/threads', { title: 'abc', body: 'A body worth keeping', intent: 'post' }).expect(422);
  const page = html((await member.get('/b/general/threads/new').expect(200)).text);
  expect({ title: page('input[name=title]').val(), body: page('textarea[name=body]').val() }).toEqual({ title: 'abc', body: 'A body worth keeping' });
  // Discarding from the Drafts page.
  await post('/drafts/thread-general/discard', {}).expect(303);
  expect(html((await member.get('/b/general/threads/new')).text)('textarea[name=body]').val()).toBe('');
});

it('saves drafts from the script, bounded in size and rate, for places the member may see', async () => {
  const member = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
  const post = await formPoster(member, threadPath);
  const saved = await post(`/drafts/reply-${threadId}`, { body: 'Autosaved text' }).expect(200);
  expect(saved.body).toEqual({ saved: true, at: expect.any(String) });
  expect((await member.get(`/drafts/reply-${threadId}`).set('Accept', 'application/json')).body.draft).toMatchObject({ body: 'Autosaved text' });
  expect((await post(`/drafts/reply-${threadId}`, { body: 'x'.repeat(20_001) })).status).toBe(422);
  expect((await post('/drafts/reply-999999', { body: 'Nowhere' })).status).toBe(404);
  expect((await post('/drafts/nonsense', { body: 'Nowhere' })).status).toBe(404);
  // The limit is 5 saves per 10 minutes in this test: 2 used above (the 422 counts, the 404s do not).
  for (const body of ['three', 'four', 'five']) await post(`/drafts/reply-${threadId}`, { body }).expect(200);
  const limited = await post(`/drafts/reply-${threadId}`, { body: 'six' });
  expect(limited.status).toBe(429);
  expect(limited.headers['retry-after']).toBeDefined();
  // Anonymous: no CSRF session, refused.
  expect((await request(forum.app).post(`/drafts/reply-${threadId}`).type('form').send({ body: 'x' })).status).toBe(403);
});

it('renders the live preview with the server pipeline (sanitized), limited like the Preview button', async () => {
  const member = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
  const post = await formPoster(member, threadPath);
  const answer = await post('/preview', { body: '**bold** <script>alert(1)</script> @LenaE' }).expect(200);
  expect(answer.body.html).toContain('<strong>bold</strong>');
  expect(answer.body.html).not.toContain('<script');
  expect(answer.body.html).toContain('class="mention"');
  let status = 200;
  for (let i = 0; i < 40 && status === 200; i += 1) status = (await post('/preview', { body: `try ${i}` })).status;
  expect(status).toBe(429);
  // The composer still has its Preview button for pages without JavaScript.
  const page = html((await member.get(`/t/${threadId}/replies/new`)).text);
  expect(page('button[name=intent][value=preview]').text()).toBe('Preview');
});
