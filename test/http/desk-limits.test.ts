/**
 * The staff desk's write limits, set low here (4 question actions, 3 saved reply changes per 10
 * minutes; 120 and 60 by default): over the limit a staff member gets a 429 page with Retry-After
 * that says why and keeps what was typed, nothing changes, and other staff members are not held up.
 */
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, formPoster, signIn } from '../helpers/session';

jest.setTimeout(60_000);

let forum: TestForum;
let threadId: number;

beforeAll(async () => {
  forum = await createTestForum({ config: { deskLimits: { questionActionsPer10Minutes: 4, savedReplyWritesPer10Minutes: 3 } } });
  ({ threadId } = await rolloutThread(forum));
});
afterAll(() => forum.destroy());

const as = (username: string) => signIn(forum.app, username, DEVELOPMENT_PASSWORD);
const poster = (agent: Agent) => formPoster(agent, '/settings');
const savedReplies = () => forum.db.sequelize.query<{ id: number; title: string }>('SELECT id, title FROM saved_replies ORDER BY id', { type: 'SELECT' as never });

describe('question desk actions', () => {
  it('refuses the staff member\'s fifth claim or mark in 10 minutes with a 429 page that keeps the reason typed', async () => {
    const post = (await forum.db.models.Post.findOne({ where: { threadId, number: 2 } }))!;
    const avery = await poster(await as('AveryO'));
    const statuses: number[] = [];
    for (const action of ['claim', 'release', 'claim', 'release']) statuses.push((await avery(`/posts/${post.id}/question/${action}`, {})).status);
    expect(statuses).toEqual([303, 303, 303, 303]);

    const refused = await avery(`/posts/${post.id}/question/not-needed`, { reason: 'Asked and answered in the pinned FAQ', returnTo: 'queue' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const $ = html(refused.text);
    expect($('h1').text()).toBe('Too many requests');
    expect($('.form-error').text()).toMatch(/^Too many question desk actions: at most 4 every 10 minutes\. Nothing was changed; try again in \d+ minutes?\.$/);
    const again = $(`form[action="/posts/${post.id}/question/not-needed"]`);
    expect(again.find('input[name="reason"]').val()).toBe('Asked and answered in the pinned FAQ');
    expect(again.find('input[name="returnTo"]').val()).toBe('queue');
    expect($('.error-page a[href="/staff/questions"]').text()).toBe('Back to the questions queue');
    // Nothing changed: still waiting, for everyone.
    const lena = await as('LenaE');
    const open = (await lena.get('/staff/questions.json').expect(200)).body.open;
    expect(open.map((row: { post: { number: number } }) => row.post.number)).toEqual([2]);

    // Another staff member counts on their own.
    expect((await (await poster(lena))(`/posts/${post.id}/question/claim`, {})).status).toBe(303);
    expect((await avery(`/posts/${post.id}/question/release`, {})).status).toBe(429);
  });
});

describe('saved replies', () => {
  it('refuses the fourth change in 10 minutes with 429, keeping the title and text typed; edit and delete too', async () => {
    const lena = await poster(await as('LenaE'));
    for (const title of ['First', 'Second', 'Third']) {
      expect((await lena('/staff/saved-replies', { title, source: `The ${title} text.` })).status).toBe(303);
    }
    const refused = await lena('/staff/saved-replies', { title: 'Fourth <kept>', source: 'A long answer\nthat took a while to write.' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    let $ = html(refused.text);
    expect($('.form-error').text()).toMatch(/^Too many saved reply changes: at most 3 every 10 minutes\. .*Your text is kept below\.$/);
    expect($('#saved-title').val()).toBe('Fourth <kept>');
    expect($('#saved-source').text()).toBe('A long answer\nthat took a while to write.');
    expect((await savedReplies()).map((reply) => reply.title)).toEqual(['First', 'Second', 'Third']);

    const first = (await savedReplies())[0];
    const edited = await lena(`/staff/saved-replies/${first.id}`, { title: 'First, edited', source: 'Edited text kept.' });
    expect(edited.status).toBe(429);
    $ = html(edited.text);
    expect($('#saved-title').val()).toBe('First, edited');
    expect($('#saved-source').text()).toBe('Edited text kept.');
    expect((await savedReplies())[0].title).toBe('First');

    const deleted = await lena(`/staff/saved-replies/${first.id}/delete`, {});
    expect(deleted.status).toBe(429);
    expect(html(deleted.text)('.form-error').text()).toContain('Too many saved reply changes');
    expect(await savedReplies()).toHaveLength(3);
  });
});
