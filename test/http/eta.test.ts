/** ETA notes: a moderator's promise, changed, tracked, overdue, and closed; and who may do what. */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { signIn, submitForm } from '../helpers/session';

let forum: TestForum;
let threadPath: string;
let threadId: number;

beforeAll(async () => {
  forum = await createTestForum();
  ({ threadId, threadPath } = await rolloutThread(forum));
});
afterAll(() => forum.destroy());

const text = (value: string) => value.replace(/\s+/g, ' ').trim();

describe('a moderator\'s promise', () => {
  let replyNumber: number;
  let replyId: number;

  it('adds an ETA note with a 24-48 hour window to a reply, then changes it to 72 hours; both show on the post', async () => {
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const posted = await submitForm(avery, threadPath, `/t/${threadId}/replies`, { body: 'Rafeh, I have asked the verification team.', intent: 'post' });
    replyNumber = Number(/\/(\d+)#/.exec(posted.headers.location)![1]);
    replyId = (await forum.db.models.Post.findOne({ where: { threadId, number: replyNumber } }))!.id;

    const first = await submitForm(avery, `${threadPath}/${replyNumber}`, `/posts/${replyId}/eta`, {
      text: 'If all else is okay, the badge appears within 24-48 hours.', window: '24-48 hours',
    });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe(`${threadPath}/${replyNumber}#p${replyNumber}`);
    const second = await submitForm(avery, `${threadPath}/${replyNumber}`, `/posts/${replyId}/eta`, {
      text: 'The team needs a little longer: within 72 hours.', window: '72 hours',
    });
    expect(second.status).toBe(303);

    // Anyone reading the thread sees the current promise and what it changed from.
    const $ = html((await request(forum.app).get(`${threadPath}/${replyNumber}`).expect(200)).text);
    const block = $(`#p${replyNumber} .eta-note`);
    expect(block).toHaveLength(1);
    expect(block.find('.eta-note__window').text()).toBe('within 72 hours');
    expect(block.find('.eta-note__by a').text()).toBe('Avery O');
    expect(text(block.find('.eta-note__change').text())).toMatch(/^ETA changed from 24-48 hours to 72 hours on \w{3} \d+, \d{4}/);
    const earlier = block.find('.eta-note__earlier a');
    expect(earlier.text()).toBe('Earlier ETA notes (1)');

    // Every earlier note is one click away.
    const history = html((await request(forum.app).get(earlier.attr('href')!).expect(200)).text);
    const notes = history('.eta-history .eta-note');
    expect(notes).toHaveLength(2);
    expect(notes.eq(0).find('.eta-note__window').text()).toBe('within 72 hours');
    expect(notes.eq(1).find('.eta-note__window').text()).toBe('within 24-48 hours');
    expect(notes.eq(1).find('.tag').text()).toBe('Replaced');
  });

  it('shows the promise on the tracker, due time first, with "mine" and "all"', async () => {
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const all = html((await avery.get('/staff/eta').expect(200)).text);
    const rows = all('.tracker__row');
    // The seed's promise on post 6 (due sooner) and the new one.
    expect(rows).toHaveLength(2);
    expect(rows.eq(0).find('.tracker__thread').text()).toContain('post 6');
    expect(rows.eq(1).find('.tracker__thread').text()).toContain(`post ${replyNumber}`);
    expect(text(rows.eq(1).find('.tracker__window').text())).toMatch(/^within 72 hours/);
    expect(rows.eq(1).find('td').last().text().trim()).toBe('Avery O Moderator');
    expect(all('.tag--overdue')).toHaveLength(0);

    const goran = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
    expect(html((await goran.get('/staff/eta?show=mine').expect(200)).text)('.tracker__row')).toHaveLength(0);
    expect(html((await goran.get('/staff/eta').expect(200)).text)('.tracker__row')).toHaveLength(2);
  });

  it('marks the promise overdue past its due time, on the tracker and on the thread for staff only', async () => {
    await forum.db.models.EtaNote.update(
      { dueAt: new Date(Date.now() - 60_000) },
      { where: { postId: replyId, status: 'open' } },
    );
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const tracker = html((await avery.get('/staff/eta').expect(200)).text);
    expect(tracker('.overdue-count').text()).toBe('1 overdue');
    const overdueRow = tracker('.tracker__row--overdue');
    expect(overdueRow).toHaveLength(1);
    expect(overdueRow.find('.tracker__thread').text()).toContain(`post ${replyNumber}`);

    const staffView = html((await avery.get(`${threadPath}/${replyNumber}`).expect(200)).text);
    expect(text(staffView('.notice--overdue').text())).toMatch(/^1 overdue ETA promise on this thread/);
    expect(staffView(`#p${replyNumber} .tag--overdue`).text()).toBe('Overdue');

    const memberView = html((await request(forum.app).get(`${threadPath}/${replyNumber}`).expect(200)).text);
    expect(memberView('.notice--overdue')).toHaveLength(0);
    expect(memberView('.tag--overdue')).toHaveLength(0);
  });

  it('closes the promise as kept, linking the follow-up post; it leaves the tracker', async () => {
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const note = await forum.db.models.EtaNote.findOne({ where: { postId: replyId, status: 'open' } });
    const refused = await submitForm(avery, '/staff/eta', `/eta/${note!.id}/close`, { outcome: 'kept', followUp: '' });
    expect(refused.status).toBe(422);
    expect(html(refused.text)('#field-followUp-error').text()).toBe('Give the number of the post in this thread that kept the promise.');

    // The promise is kept by a later post (post 3 came before it and is refused below).
    const followUp = await submitForm(avery, threadPath, `/t/${threadId}/replies`, { body: 'Rafeh, your badge is on your profile now.', intent: 'post' });
    const followUpNumber = Number(/\/(\d+)#/.exec(followUp.headers.location)![1]);
    const kept = await submitForm(avery, '/staff/eta', `/eta/${note!.id}/close`, { outcome: 'kept', followUp: String(followUpNumber) });
    expect(kept.status).toBe(303);
    const $ = html((await request(forum.app).get(`${threadPath}/${replyNumber}`).expect(200)).text);
    expect($(`#p${replyNumber} .eta-note .tag`).first().text()).toBe('Kept');
    expect($(`#p${replyNumber} .eta-note a[href="#p${followUpNumber}"]`).text()).toBe(`post ${followUpNumber}`);
    const tracker = html((await avery.get('/staff/eta').expect(200)).text);
    expect(tracker('.tracker__row')).toHaveLength(1);
  });

  it('withdraws a promise only with a reason', async () => {
    const goran = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
    const seeded = await forum.db.models.EtaNote.findOne({ where: { status: 'open' } });
    const noReason = await submitForm(goran, '/staff/eta', `/eta/${seeded!.id}/close`, { outcome: 'withdrawn', reason: '' });
    expect(noReason.status).toBe(422);
    const withdrawn = await submitForm(goran, '/staff/eta', `/eta/${seeded!.id}/close`, { outcome: 'withdrawn', reason: 'Rollout paused' });
    expect(withdrawn.status).toBe(303);
    const $ = html((await request(forum.app).get(`${threadPath}/6`).expect(200)).text);
    expect(text($('#p6 .eta-note').text())).toContain('Withdrawn: Rollout paused');
  });
});

describe('who may add ETA notes', () => {
  it('refuses contributors and gurus, and notes on a member\'s post; shows the form only where allowed', async () => {
    const post3 = (await forum.db.models.Post.findOne({ where: { threadId, number: 3 } }))!;
    const post6 = (await forum.db.models.Post.findOne({ where: { threadId, number: 6 } }))!;
    const wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    expect((await submitForm(wendy, threadPath, `/posts/${post6.id}/eta`, { text: 'Soon', window: '24 hours' })).status).toBe(403);
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    expect((await submitForm(avery, threadPath, `/posts/${post3.id}/eta`, { text: 'Soon', window: '24 hours' })).status).toBe(403);

    const staffPage = html((await avery.get(threadPath).expect(200)).text);
    expect(staffPage(`#p6 form[action="/posts/${post6.id}/eta"]`)).toHaveLength(1);
    expect(staffPage(`#p3 form[action="/posts/${post3.id}/eta"]`)).toHaveLength(0);
    expect(html((await wendy.get(threadPath).expect(200)).text)('form[action$="/eta"]')).toHaveLength(0);
    await wendy.get('/staff/eta').expect(403);
  });

  it('keeps the note text when the window is not understood', async () => {
    const post6 = (await forum.db.models.Post.findOne({ where: { threadId, number: 6 } }))!;
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const res = await submitForm(avery, threadPath, `/posts/${post6.id}/eta`, { text: 'My careful note', window: 'soonish' });
    expect(res.status).toBe(422);
    const $ = html(res.text);
    expect($('#field-window-error').text()).toMatch(/24-48 hours/);
    expect($('#field-text').text()).toBe('My careful note');
    expect($('#field-window').attr('value')).toBe('soonish');
  });
});

describe('a promise closed and made again', () => {
  it('refuses "kept" by a post older than the promise, and a new note after a kept one reads "New ETA", never "from X to X"', async () => {
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const posted = await submitForm(avery, threadPath, `/t/${threadId}/replies`, { body: 'I will check with the team.', intent: 'post' });
    const number = Number(/\/(\d+)#/.exec(posted.headers.location)![1]);
    const postId = (await forum.db.models.Post.findOne({ where: { threadId, number } }))!.id;
    await submitForm(avery, `${threadPath}/${number}`, `/posts/${postId}/eta`, { text: 'By Friday.', due: '2099-12-01' }).then((res) => expect(res.status).toBe(303));
    const note = (await forum.db.models.EtaNote.findOne({ where: { postId }, order: [['id', 'DESC']] }))!;

    const tooEarly = await submitForm(avery, `${threadPath}/${number}`, `/eta/${note.id}/close`, { outcome: 'kept', followUp: '2' });
    expect(tooEarly.status).toBe(422);
    expect(html(tooEarly.text)('body').text()).toContain('Post 2 was written before this promise');

    const followUp = await submitForm(avery, threadPath, `/t/${threadId}/replies`, { body: 'Done: the badges are out.', intent: 'post' });
    const followUpNumber = Number(/\/(\d+)#/.exec(followUp.headers.location)![1]);
    await submitForm(avery, `${threadPath}/${number}`, `/eta/${note.id}/close`, { outcome: 'kept', followUp: String(followUpNumber) }).then((res) => expect(res.status).toBe(303));
    await submitForm(avery, `${threadPath}/${number}`, `/posts/${postId}/eta`, { text: 'Same date for the next wave.', due: '2099-12-01' }).then((res) => expect(res.status).toBe(303));

    const $ = html((await request(forum.app).get(`${threadPath}/${number}`).expect(200)).text);
    const change = text($(`#p${number} .eta-note__change`).text());
    expect(change).toMatch(/^New ETA on \w{3} \d+, \d{4}/);
    expect(change).not.toContain('changed from');
  });
});

describe('a long promise history', () => {
  it('shows the current promise, the one it replaced and the count of all earlier notes', async () => {
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const posted = await submitForm(avery, threadPath, `/t/${threadId}/replies`, { body: 'Tracking the second wave here.', intent: 'post' });
    const number = Number(/\/(\d+)#/.exec(posted.headers.location)![1]);
    const postId = (await forum.db.models.Post.findOne({ where: { threadId, number } }))!.id;
    for (const window of ['24 hours', '48 hours', '72 hours', '5 days']) {
      const res = await submitForm(avery, `${threadPath}/${number}`, `/posts/${postId}/eta`, { text: `Now within ${window}.`, window });
      expect(res.status).toBe(303);
    }
    const $ = html((await request(forum.app).get(`${threadPath}/${number}`).expect(200)).text);
    const block = $(`#p${number} .eta-note`);
    expect(block.find('.eta-note__window').text()).toBe('within 5 days');
    expect(text(block.find('.eta-note__change').text())).toMatch(/^ETA changed from 72 hours to 5 days on /);
    expect(block.find('.eta-note__earlier a').text()).toBe('Earlier ETA notes (3)');
    const history = html((await request(forum.app).get(block.find('.eta-note__earlier a').attr('href')!).expect(200)).text);
    expect(history('.eta-history .eta-note')).toHaveLength(4);
  });
});
