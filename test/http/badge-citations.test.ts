/**
 * What the badge issue must show, end to end: a moderator looks up Rafeh G, cites his status in a
 * reply in the seeded thread; everyone sees the card as cited; after the feed awards the badge,
 * Rafeh G and staff also see "Now: Awarded", and his name carries the Identity Verified mark.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, signIn, submitForm } from '../helpers/session';
import { FEED_SECRET, sendSigned } from '../helpers/verificationFeed';

let forum: TestForum;
let threadId: number;
let threadPath: string;
let avery: Agent;

beforeAll(async () => {
  forum = await createTestForum({ config: { verificationFeedSecret: FEED_SECRET, postsPerMinute: 100 } });
  ({ threadId, threadPath } = await rolloutThread(forum));
  avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
});
afterAll(() => forum.destroy());

const text = (value: string) => value.replace(/\s+/g, ' ').trim();
const WINDOW = /between \d{1,2} \w{3} \d\d:\d\d and \d{1,2} \w{3} \d\d:\d\d UTC/;
const citations = () => forum.db.models.BadgeCitation.findAll({ order: [['id', 'ASC']] });

/** Opens the lookup's "Cite in a reply" for the seeded thread, then posts the prefilled reply. */
async function citeInReply(agent: Agent, username: string): Promise<{ number: number; form: ReturnType<typeof html> }> {
  const redirect = await agent.get(`/staff/badges/${username}/cite?thread=${threadId}`).expect(303);
  expect(redirect.headers.location).toBe(`/t/${threadId}/replies/new?cite=${username}`);
  const form = html((await agent.get(redirect.headers.location).expect(200)).text);
  const res = await submitForm(agent, redirect.headers.location, `/t/${threadId}/replies`, {
    body: form('#field-body').text(), cite: form('input[name=cite]').attr('value')!, replyTo: '', intent: 'post',
  });
  expect(res.status).toBe(303);
  return { number: Number(/\/(\d+)#/.exec(res.headers.location)![1]), form };
}

describe('Avery O answers Rafeh G from the record', () => {
  let cardText: string;
  let replyNumber: number;

  it('looks up "raf": Rafeh G, Under review, with the expected window', async () => {
    const $ = html((await avery.get('/staff/badges?q=raf').expect(200)).text);
    const rows = $('.badge-results__row');
    expect(rows).toHaveLength(1);
    expect(rows.find('.badge-results__name').text()).toBe('Rafeh G');
    expect(rows.find('.status-pill').text()).toBe('Under review');
    expect(rows.find('.badge-results__window').text()).toMatch(new RegExp(`^${WINDOW.source}, (in|within) \\d+ (minutes?|hours?)$`));

    const page = html((await avery.get(rows.find('.badge-results__name').attr('href')!).expect(200)).text);
    expect(page('.badge-status .status-pill').text()).toBe('Under review');
    expect(text(page('.badge-status__window').text())).toMatch(new RegExp(`^Expected ${WINDOW.source}, `));
    expect(page('.badge-steps__row')).toHaveLength(2);
    expect(text(page('.badge-steps__row').eq(1).text())).toMatch(/^Webcam verification Passed .+ video call$/);
    expect(page('.badge-events__entry')).toHaveLength(4);
    expect(page('.badge-member__permalink').attr('href')).toBe('/staff/badges/RafehG');
  });

  it('cites it in a reply in the seeded thread: the form carries the citation and a preview of the card', async () => {
    const redirect = await avery.get(`/staff/badges/RafehG/cite?thread=${threadId}`).expect(303);
    const form = html((await avery.get(redirect.headers.location).expect(200)).text);
    expect(form('input[name=cite]').attr('value')).toBe('RafehG');
    expect(text(form('.badge-citation-preview .badge-citation__status').text())).toMatch(/^Badge status for Rafeh G: Under review — expected between/);
    expect(form('#field-body').text()).toMatch(/^Hi Rafeh G, I checked your badge status: Under review\. If all else is okay, the badge appears on your profile between/);
    // The stored text names the window, never a time relative to now ("in 52 minutes").
    expect(form('#field-body').text()).toMatch(/between .+ UTC\.$/);
    expect(form('#field-body').text()).not.toMatch(/\b(in|within) \d+ (minute|hour|day)s?\b| ago\b/);

    // A preview keeps the citation with the text.
    const preview = await submitForm(avery, redirect.headers.location, `/t/${threadId}/replies`, { body: 'Draft', cite: 'RafehG', intent: 'preview' });
    expect(preview.status).toBe(200);
    expect(html(preview.text)('input[name=cite]').attr('value')).toBe('RafehG');
    expect(html(preview.text)('.badge-citation-preview .badge-citation')).toHaveLength(1);
    expect(await citations()).toHaveLength(0);

    ({ number: replyNumber } = await citeInReply(avery, 'RafehG'));
    expect(replyNumber).toBe(11);
    const [citation] = await citations();
    expect(citation).toMatchObject({ status: 'under_review', label: 'Under review', memberName: 'Rafeh G', policyMinHours: 24, policyMaxHours: 48 });
    expect(citation.windowEndsAt).not.toBeNull();
  });

  it('shows the card to an anonymous reader', async () => {
    const $ = html((await request(forum.app).get(`${threadPath}/${replyNumber}`).expect(200)).text);
    const card = $(`#p${replyNumber} .badge-citation`);
    expect(card).toHaveLength(1);
    cardText = text(card.find('.badge-citation__status').text());
    expect(cardText).toMatch(new RegExp(`^Badge status for Rafeh G: Under review — expected ${WINDOW.source} \\(checked \\d{1,2} \\w{3} \\d\\d:\\d\\d UTC by Avery O \\(Moderator\\)\\)$`));
    expect(text(card.find('.badge-citation__policy').text())).toBe('Policy at the time: the badge appears 24-48 hours after both verifications pass.');
    expect(card.find('.badge-citation__now')).toHaveLength(0);
  });

  it('after a signed feed event awards the badge: "Now: Awarded" for Rafeh G and staff only; the card itself unchanged', async () => {
    const awardedAt = new Date();
    const res = await sendSigned(forum.app, { id: 'evt-award-rafeh-1', member: 'RafehG', type: 'badge.awarded', occurredAt: awardedAt.toISOString() });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'applied', id: 'evt-award-rafeh-1' });

    const day = `${awardedAt.getUTCDate()} ${awardedAt.toUTCString().slice(8, 11)}`;
    const rafeh = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
    for (const agent of [rafeh, avery, await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD)]) {
      const $ = html((await agent.get(`${threadPath}/${replyNumber}`).expect(200)).text);
      expect(text($(`#p${replyNumber} .badge-citation__status`).text())).toBe(cardText);
      expect(text($(`#p${replyNumber} .badge-citation__now`).text())).toBe(`Now: Awarded on ${day}`);
    }
    for (const agent of [request.agent(forum.app), await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD)]) {
      const $ = html((await agent.get(`${threadPath}/${replyNumber}`).expect(200)).text);
      expect(text($(`#p${replyNumber} .badge-citation__status`).text())).toBe(cardText);
      expect($('.badge-citation__now')).toHaveLength(0);
    }
    expect((await citations()).map((citation) => citation.status)).toEqual(['under_review']);
  });

  it('puts the Identity Verified mark beside Rafeh G\'s name, on the thread and his profile', async () => {
    const $ = html((await request(forum.app).get(threadPath).expect(200)).text);
    for (const number of [3, 5]) {
      const mark = $(`#p${number} .post__author .identity-verified`);
      expect(mark).toHaveLength(1);
      expect(mark.attr('title')).toBe('Identity Verified');
      expect(mark.find('.visually-hidden').text()).toBe('Identity Verified');
    }
    expect($('#p2 .identity-verified, #p7 .identity-verified, #p9 .identity-verified')).toHaveLength(0);
    const profile = html((await request(forum.app).get('/u/RafehG').expect(200)).text);
    expect(profile('h1 .identity-verified .visually-hidden').text()).toBe('Identity Verified');
    expect(html((await request(forum.app).get('/u/MsS').expect(200)).text)('.identity-verified')).toHaveLength(0);
  });

  it('keeps the snapshot when the post is edited, and makes a new one when cited again', async () => {
    const post = await forum.db.models.Post.findOne({ where: { threadId, number: replyNumber } });
    const edited = await submitForm(avery, `/posts/${post!.id}/edit`, `/posts/${post!.id}/edit`, {
      body: `${post!.source}\n\nUpdate: the team confirmed.`, reason: 'Follow-up', baseVersion: String(post!.version), intent: 'post',
    });
    expect(edited.status).toBe(303);
    const [kept] = await citations();
    expect(kept).toMatchObject({ postId: post!.id, status: 'under_review' });
    const $ = html((await request(forum.app).get(`${threadPath}/${replyNumber}`).expect(200)).text);
    expect(text($(`#p${replyNumber} .badge-citation__status`).text())).toBe(cardText);
    expect($(`#p${replyNumber} .post__body`).text()).toContain('Update: the team confirmed.');

    const again = await citeInReply(avery, 'RafehG');
    expect(again.form('#field-body').text()).toMatch(/^Hi Rafeh G, I checked your badge status: Awarded\./);
    const all = await citations();
    expect(all.map((citation) => citation.status)).toEqual(['under_review', 'awarded']);
    const page = html((await request(forum.app).get(`${threadPath}/${again.number}`).expect(200)).text);
    expect(text(page(`#p${again.number} .badge-citation__status`).text())).toMatch(/^Badge status for Rafeh G: Awarded on \d{1,2} \w{3} \(checked/);
  });
});

describe('citing is staff only', () => {
  it('keeps a member\'s forged citation as plain text, and ignores their cite field', async () => {
    const before = (await citations()).length;
    const msS = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
    const form = html((await msS.get(`/t/${threadId}/replies/new?cite=RafehG`).expect(200)).text);
    expect(form('input[name=cite]')).toHaveLength(0);
    expect(form('.badge-citation')).toHaveLength(0);
    expect(form('#field-body').text()).toBe('');

    const forged = 'Badge status for Rafeh G: Awarded — expected between 27 Nov 10:00 and 28 Nov 10:00 UTC (checked 26 Nov 10:02 by Avery O)';
    const res = await submitForm(msS, threadPath, `/t/${threadId}/replies`, { body: forged, cite: 'RafehG', intent: 'post' });
    expect(res.status).toBe(303);
    const number = Number(/\/(\d+)#/.exec(res.headers.location)![1]);
    const $ = html((await request(forum.app).get(`${threadPath}/${number}`).expect(200)).text);
    expect($(`#p${number} .badge-citation`)).toHaveLength(0);
    expect(text($(`#p${number} .post__body`).text())).toBe(forged);
    expect(await citations()).toHaveLength(before);
  });

  it('shows the staff-only "Badge status" link beside every author\'s name, to staff only', async () => {
    const staff = html((await avery.get(threadPath).expect(200)).text);
    expect(staff('.badge-lookup-link')).toHaveLength(10);
    expect(staff('#p3 .post__author .badge-lookup-link').attr('href')).toBe(`/staff/badges/RafehG?thread=${threadId}`);
    expect(staff('#p3 .post__author .badge-lookup-link').text()).toBe('Badge status');
    const member = html((await (await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD)).get(threadPath).expect(200)).text);
    expect(member('.badge-lookup-link')).toHaveLength(0);
    expect(html((await request(forum.app).get(threadPath).expect(200)).text)('.badge-lookup-link')).toHaveLength(0);
  });

  it('refuses to cite a member who does not exist, with a readable page', async () => {
    const res = await avery.get(`/t/${threadId}/replies/new?cite=Nobody`).expect(404);
    expect(html(res.text)('h1').text()).toBe('Page not found');
    const refused = await submitForm(avery, threadPath, `/t/${threadId}/replies`, { body: 'My answer', cite: 'Nobody', intent: 'post' });
    expect(refused.status).toBe(422);
    expect(html(refused.text)('#field-body').text()).toBe('My answer');
    const badThread = await avery.get('/staff/badges/RafehG/cite?threadId=99999').expect(422);
    expect(html(badThread.text)('#field-threadId-error').text()).toBe('There is no thread number 99999.');
    expect(html(badThread.text)('#field-threadId').attr('value')).toBe('99999');
  });
});

describe('a citation and a mention of the same member', () => {
  it('notify them once, as a citation', async () => {
    const marija = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
    await submitForm(marija, '/notifications', '/notifications/read-all', {});
    const goran = await signIn(forum.app, 'GoranV', DEVELOPMENT_PASSWORD);
    const form = html((await goran.get(`/t/${threadId}/replies/new?cite=MarijaJ`).expect(200)).text);
    const body = `${form('#field-body').text()}\n\n@MarijaJ see above.`;
    const res = await submitForm(goran, threadPath, `/t/${threadId}/replies`, { body, cite: 'MarijaJ', intent: 'post' });
    expect(res.status).toBe(303);
    const kinds = (await marija.get('/notifications.json').expect(200)).body.groups
      .flatMap((g: { notifications: Array<{ kind: string; read: boolean }> }) => g.notifications.filter((n) => !n.read).map((n) => n.kind));
    expect(kinds).toEqual(['citation']);
  });
});
