/**
 * Reporting and the review queue, as members and staff use them over HTTP: a contributor reports
 * a post, a moderator sees it in the queue (and its count in the header), hides it and silences
 * the author, the reporter hears the outcome, and the reported member never learns who reported.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { autoHideIfReported } from '../../server/services/autoHide';
import { reportPost } from '../../server/services/reports';
import { createTestForum, html, makeMember, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, csrfTokenFrom, formPoster, signIn } from '../helpers/session';

let forum: TestForum;
let threadPath: string;
let threadId: number;

beforeAll(async () => {
  forum = await createTestForum({ config: { postsPerMinute: 1000, reportsPerHour: 5 } });
  ({ threadId, threadPath } = await rolloutThread(forum));
});
afterAll(() => forum.destroy());

const as = (username: string) => signIn(forum.app, username, DEVELOPMENT_PASSWORD);

async function reply(agent: Agent, body: string) {
  const post = await formPoster(agent, '/settings');
  return post(`/t/${threadId}/replies`, { body, intent: 'post' });
}

/** The newest post in the rollout thread: its id and number. */
async function newestPost() {
  const post = await forum.db.models.Post.findOne({ where: { threadId }, order: [['number', 'DESC']] });
  return { id: post!.id, number: post!.number };
}

const permalink = (number: number) => `${threadPath}/${number}`;

describe('the journey: report, review, hide and silence, notify', () => {
  let rafeh: Agent;
  let msS: Agent;
  let avery: Agent;
  let reported: { id: number; number: number };

  beforeAll(async () => {
    rafeh = await as('RafehG');
    msS = await as('MsS');
    avery = await as('AveryO');
    expect((await reply(rafeh, 'Call Ms S on her private number, 555-0100.')).status).toBe(303);
    reported = await newestPost();
  });

  it('a contributor reports a post as personal information through the form; the post then says so to them only', async () => {
    const before = html((await msS.get(permalink(reported.number)).expect(200)).text);
    const link = before(`#p${reported.number} a.post__report`);
    expect(link.attr('href')).toBe(`/posts/${reported.id}/report`);
    // No Report on one's own post, nor for visitors.
    expect(before('#p9 a.post__report')).toHaveLength(0);
    const anonymous = html((await request(forum.app).get(permalink(reported.number)).expect(200)).text);
    expect(anonymous('a.post__report')).toHaveLength(0);

    const form = html((await msS.get(`/posts/${reported.id}/report`).expect(200)).text);
    expect(form('input[name=reason]').map((_, el) => form(el).attr('value')).get()).toEqual(['spam', 'abusive', 'personal', 'offtopic', 'other']);
    const post = await formPoster(msS, `/posts/${reported.id}/report`);
    expect((await post(`/posts/${reported.id}/report`, { reason: 'nonsense', note: 'kept' })).status).toBe(422);
    const answer = await post(`/posts/${reported.id}/report`, { reason: 'personal', note: 'A phone number <b>of mine</b>' });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(`${permalink(reported.number)}#p${reported.number}`);

    const after = html((await msS.get(permalink(reported.number)).expect(200)).text);
    expect(after(`#p${reported.number} .post__reported`).text()).toBe('You reported this post');
    const others = html((await (await as('MarijaJ')).get(permalink(reported.number)).expect(200)).text);
    expect(others(`#p${reported.number} .post__reported`)).toHaveLength(0);
    expect(others(`#p${reported.number} a.post__report`)).toHaveLength(1);
  });

  it('reporting again updates the one open report', async () => {
    const post = await formPoster(msS, `/posts/${reported.id}/report`);
    expect((await post(`/posts/${reported.id}/report`, { reason: 'personal', note: 'My phone number, posted without asking' })).status).toBe(303);
    const reports = await forum.db.models.Report.findAll({ where: { postId: reported.id } });
    expect(reports.map((r) => [r.reason, r.note, r.status])).toEqual([['personal', 'My phone number, posted without asking', 'open']]);
    const form = html((await msS.get(`/posts/${reported.id}/report`).expect(200)).text);
    expect(form('input[name=reason][value=personal]').attr('checked')).toBeDefined();
    expect(form('#field-note').text()).toBe('My phone number, posted without asking');
  });

  it('the reported member sees no trace of who reported, on the page, in JSON and in notifications', async () => {
    const page = (await rafeh.get(permalink(reported.number)).expect(200)).text;
    const json = (await rafeh.get(`${permalink(reported.number)}.json`).expect(200)).text;
    const notifications = (await rafeh.get('/notifications.json').expect(200)).text;
    for (const text of [page, json, notifications]) {
      expect(text).not.toContain('posted without asking');
      expect(text).not.toMatch(/You reported this post/);
    }
    expect(JSON.parse(json).reportedPostIds).toEqual([]);
    expect(html(page)(`#p${reported.number} a.post__report`)).toHaveLength(0);
    await rafeh.get('/staff/review.json').expect(403);
  });

  it('a moderator sees the item in the queue, with the count in the header, the author and the report', async () => {
    const home = html((await avery.get('/').expect(200)).text);
    expect(home('.account-nav__review').text().replace(/\s+/g, ' ').trim()).toBe('Review 1');
    const queue = html((await avery.get('/staff/review').expect(200)).text);
    const item = queue(`#review-${reported.id}`);
    expect(item.find('.review-item__title').text()).toContain(`Post ${reported.number} of`);
    expect(item.find('.review-item__author').text()).toContain('Rafeh G');
    expect(item.find('.review-item__author').text()).toContain('Contributor');
    expect(item.find('.review-item__post').text()).toContain('555-0100');
    const reportLine = item.find('.review-item__reports li').text();
    expect(reportLine).toContain('Personal information');
    expect(reportLine).toContain('Ms S');
    expect(reportLine).toContain('posted without asking');

    const json = (await avery.get('/staff/review.json').expect(200)).body;
    expect(json.items).toHaveLength(1);
    expect(json.items[0].reports[0]).toMatchObject({ reason: 'personal', reporter: { username: 'MsS' } });

    // Filters: by reason and board.
    expect(html((await avery.get('/staff/review?reason=spam').expect(200)).text)('.review-item')).toHaveLength(0);
    expect(html((await avery.get('/staff/review?reason=personal&board=announcements').expect(200)).text)('.review-item')).toHaveLength(1);
    expect(html((await avery.get('/staff/review?board=general').expect(200)).text)('.review-item')).toHaveLength(0);
  });

  it('hides it and silences the author for 3 days; the log has both, the reporter is told, the queue empties', async () => {
    const queue = html((await avery.get('/staff/review').expect(200)).text);
    const seenUpTo = queue(`#review-${reported.id} input[name=seenUpTo]`).attr('value')!;
    const post = await formPoster(avery, '/staff/review');
    const missing = await post(`/staff/review/${reported.id}`, { action: 'hide-silence', seenUpTo, hideReason: '', sanctionReason: '', duration: '3d' });
    expect(missing.status).toBe(422);
    expect(html(missing.text)(`#review-${reported.id} .field__error`).text()).toContain('Say why');
    const done = await post(`/staff/review/${reported.id}`, {
      action: 'hide-silence', seenUpTo, hideReason: 'Someone else\'s phone number', sanctionReason: 'Posting personal information', duration: '3d', note: 'First time',
    });
    expect(done.status).toBe(303);

    const member = html((await (await as('MarijaJ')).get(permalink(reported.number)).expect(200)).text);
    expect(member(`#p${reported.number} .post__hidden-placeholder`).text()).toBe('Hidden by a moderator.');
    const log = (await avery.get('/staff/log.json?kind=report').expect(200)).body;
    expect(log.entries[0]).toMatchObject({ action: 'report.hide', reason: 'First time', subject: { username: 'RafehG' } });
    const silenceLog = (await avery.get('/staff/log.json?kind=member').expect(200)).body;
    expect(silenceLog.entries[0]).toMatchObject({ action: 'member.silence', reason: 'Posting personal information' });
    expect(silenceLog.entries[0].summary).toMatch(/silenced the member until/);

    const notifications = (await msS.get('/notifications.json').expect(200)).body;
    const texts = notifications.groups.flatMap((g: { notifications: Array<{ text: string }> }) => g.notifications.map((n) => n.text));
    expect(texts).toContain(`A moderator hid the post you reported (post ${reported.number})`);
    expect(JSON.stringify(notifications)).not.toContain('Avery');

    expect(html((await avery.get('/').expect(200)).text)('.account-nav__review').text().trim()).toBe('Review');
    expect(html((await avery.get('/staff/review').expect(200)).text)('.review-item')).toHaveLength(0);
  });

  it('the silenced author can read but not reply: the form says why and until when, and keeps the text', async () => {
    const page = html((await rafeh.get(threadPath).expect(200)).text);
    expect(page('.sanction-notice').text()).toMatch(/You are silenced until .*UTC: Posting personal information/);
    const refused = await reply(rafeh, 'My reply, which must not be lost');
    expect(refused.status).toBe(403);
    const form = html(refused.text);
    expect(form('.form-error').first().text()).toMatch(/You are silenced until .* UTC: Posting personal information/);
    expect(form('#field-body').text()).toBe('My reply, which must not be lost');
    // Nor report, nor change the display name (the typed name comes back).
    const csrf = await csrfTokenFrom(rafeh, '/settings');
    const rename = await rafeh.post('/settings/profile').type('form').send({ displayName: 'Someone Else', _csrf: csrf });
    expect(rename.status).toBe(403);
    expect(html(rename.text)('#field-displayName').attr('value')).toBe('Someone Else');
    const other = (await forum.db.models.Post.findOne({ where: { threadId, number: 2 } }))!;
    await rafeh.get(`/posts/${other.id}/report`).expect(403);
  });

  it('is let back in when the silence ends', async () => {
    await forum.db.models.Member.update({ silencedUntil: new Date(Date.now() - 1000) }, { where: { usernameKey: 'rafehg' } });
    expect((await reply(rafeh, 'Sorry, that was not mine to share.')).status).toBe(303);
    expect(html((await rafeh.get(threadPath).expect(200)).text)('.sanction-notice')).toHaveLength(0);
  });
});

describe('auto-hide at three reports from members in good standing', () => {
  it('hides the post pending review, logged as such; a brand-new account does not count; leaving it up shows it again', async () => {
    // Post 4, by Wendy C (a guru). Staff posts are never hidden by reports alone (below).
    const target = (await forum.db.models.Post.findOne({ where: { threadId, number: 4 } }))!;
    const authorHiddenBefore = (await forum.db.models.Member.findByPk(target.authorId))!.hiddenPostCount;
    for (const username of ['MsS', 'MarijaJ']) {
      expect((await (await formPoster(await as(username), '/settings'))(`/posts/${target.id}/report`, { reason: 'spam' })).status).toBe(303);
    }
    // Registered just now, no posts: not in good standing, so the third report is not enough.
    const newcomer = await makeMember(forum.db);
    await reportPost(forum.db, { postId: target.id, reporterId: newcomer.id, reason: 'spam', note: null, reportsPerHour: 10 });
    expect(await autoHideIfReported(forum.db, { postId: target.id, threshold: 3, triggeredById: newcomer.id })).toBe(false);
    expect(html((await request(forum.app).get(permalink(4)).expect(200)).text)('#p4 .post__body')).toHaveLength(1);

    const rafeh = await as('RafehG');
    expect((await (await formPoster(rafeh, '/settings'))(`/posts/${target.id}/report`, { reason: 'abusive' })).status).toBe(303);
    const anonymous = html((await request(forum.app).get(permalink(4)).expect(200)).text);
    expect(anonymous('#p4 .post__hidden-placeholder').text()).toBe('Hidden while moderators review reports.');
    expect(anonymous('#p4 .post__body')).toHaveLength(0);
    const author = html((await (await as('WendyC')).get(permalink(4)).expect(200)).text);
    expect(author('#p4 .notice--hidden').text()).toContain('Hidden while moderators review reports');
    expect(author('#p4').text()).not.toMatch(/Ms S|Marija J|Member \d+|reported/);
    expect((await forum.db.models.Member.findByPk(target.authorId))!.hiddenPostCount).toBe(authorHiddenBefore + 1);

    const avery = await as('AveryO');
    const queue = html((await avery.get('/staff/review').expect(200)).text);
    const item = queue(`#review-${target.id}`);
    expect(item.find('.tag').text()).toContain('4 reports');
    expect(item.find('.tag').text()).toContain('Hidden automatically pending review');
    const log = (await avery.get('/staff/log.json?kind=report').expect(200)).body.entries;
    expect(log[0]).toMatchObject({ action: 'report.autohide', actor: { username: 'RafehG' }, reason: 'Hidden while moderators review reports' });

    const seenUpTo = item.find('input[name=seenUpTo]').attr('value')!;
    expect((await (await formPoster(avery, '/staff/review'))(`/staff/review/${target.id}`, { action: 'dismiss', seenUpTo })).status).toBe(303);
    expect(html((await request(forum.app).get(permalink(4)).expect(200)).text)('#p4 .post__body')).toHaveLength(1);
    expect((await forum.db.models.Member.findByPk(target.authorId))!.hiddenPostCount).toBe(authorHiddenBefore);
  });

  it('never hides a staff member\'s post by reports alone: it waits in the queue', async () => {
    const target = (await forum.db.models.Post.findOne({ where: { threadId, number: 1 } }))!;
    for (const username of ['MsS', 'RafehG', 'WendyC']) {
      expect((await (await formPoster(await as(username), '/settings'))(`/posts/${target.id}/report`, { reason: 'offtopic' })).status).toBe(303);
    }
    expect(html((await request(forum.app).get(permalink(1)).expect(200)).text)('#p1 .post__body')).toHaveLength(1);
    const avery = await as('AveryO');
    const item = html((await avery.get('/staff/review').expect(200)).text)(`#review-${target.id}`);
    expect(item.find('.tag').text()).toContain('3 reports');
    const seenUpTo = item.find('input[name=seenUpTo]').attr('value')!;
    expect((await (await formPoster(avery, '/staff/review'))(`/staff/review/${target.id}`, { action: 'dismiss', seenUpTo })).status).toBe(303);
  });
});

describe('leaving a post up and the flood limit', () => {
  it('dismissing tells the reporter it was left up', async () => {
    const wendy = await as('WendyC');
    const goran = await as('GoranV');
    const target = (await forum.db.models.Post.findOne({ where: { threadId, number: 3 } }))!;
    expect((await (await formPoster(wendy, '/settings'))(`/posts/${target.id}/report`, { reason: 'offtopic' })).status).toBe(303);
    const report = (await forum.db.models.Report.findOne({ where: { postId: target.id, status: 'open' } }))!;
    const post = await formPoster(goran, '/staff/review');
    expect((await post(`/staff/review/${target.id}`, { action: 'dismiss', seenUpTo: String(report.id) })).status).toBe(303);
    const notifications = (await wendy.get('/notifications.json').expect(200)).body;
    const texts = notifications.groups.flatMap((g: { notifications: Array<{ text: string }> }) => g.notifications.map((n) => n.text));
    expect(texts).toContain('A moderator reviewed the post you reported (post 3) and left it up');
    const entries = (await goran.get('/staff/log.json?kind=report').expect(200)).body.entries as Array<{ action: string; actor: { username: string } }>;
    expect(entries.filter((entry) => entry.action === 'report.dismiss' && entry.actor.username === 'GoranV')).toHaveLength(1);
    // Acting again on the closed item changes nothing: the second moderator is told.
    const again = await post(`/staff/review/${target.id}`, { action: 'hide', hideReason: 'late', seenUpTo: String(report.id) });
    expect(again.status).toBe(409);
    expect(html(again.text)('.notice').text()).toContain('already handled: Goran V left the post up');
  });

  it('counts a member\'s reports in the database: over the limit answers 429 with the note kept', async () => {
    const marija = await as('MarijaJ');
    const post = await formPoster(marija, '/settings');
    const marijaId = (await forum.db.models.Member.findOne({ where: { usernameKey: 'marijaj' } }))!.id;
    const posts = await forum.db.models.Post.findAll({ where: { threadId, hiddenAt: null }, order: [['number', 'ASC']] });
    const ids = posts.filter((p) => p.authorId !== marijaId).slice(0, 5).map((p) => p.id);
    expect(ids).toHaveLength(5);
    // Marija reported one post above (closed by a moderator since: closing does not make it
    // count again); four more reach the limit of five an hour.
    for (const id of ids.slice(0, 4)) expect((await post(`/posts/${id}/report`, { reason: 'spam' })).status).toBe(303);
    const refused = await post(`/posts/${ids[4]}/report`, { reason: 'spam', note: 'Fifth one' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(html(refused.text)('#field-note').text()).toBe('Fifth one');
  });
});
