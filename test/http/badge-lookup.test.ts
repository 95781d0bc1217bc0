/**
 * The badge lookup for staff, "My badge" for members, and the manager's tools: the seed records'
 * statuses, who may see what, policy changes that move the window, corrections and awards.
 */
import request from 'supertest';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createTestForum, html, TestForum } from '../helpers/forum';
import { Agent, signIn, submitForm } from '../helpers/session';

let forum: TestForum;
let avery: Agent;
let lena: Agent;

beforeAll(async () => {
  forum = await createTestForum();
  avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
  lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
});
afterAll(() => forum.destroy());

const text = (value: string) => value.replace(/\s+/g, ' ').trim();

async function statusPage(agent: Agent, username: string) {
  const $ = html((await agent.get(`/staff/badges/${username}`).expect(200)).text);
  return {
    $,
    label: $('.badge-status .status-pill').text(),
    window: text($('.badge-status__window').text()),
    explanation: text($('.badge-status__explanation').text()),
    next: text($('.badge-status__next').text()),
  };
}

describe('the seed records, as staff see them', () => {
  it('Marija J: Waiting for invitation; her legacy Elance verification will not count', async () => {
    const { $, label, explanation, next } = await statusPage(avery, 'MarijaJ');
    expect(label).toBe('Waiting for invitation');
    expect(explanation).toMatch(/^You are Top Rated\. Invitations go out in waves.+Your earlier ID verification \(legacy Elance verification on .+\) will not count/);
    expect(next).toBe('Next step: Wait for the invitation.');
    const id = $('.badge-steps__row').first();
    expect(text(id.text())).toMatch(/^ID verification Passed .+ legacy Elance verification will not count$/);
  });

  it('Ms S: In progress, webcam outstanding; Wendy C: Invited; staff: No record', async () => {
    const msS = await statusPage(avery, 'MsS');
    expect(msS.label).toBe('In progress');
    expect(msS.explanation).toBe('Your ID verification is done; the webcam verification is still to do.');
    expect(msS.next).toBe('Next step: Complete the webcam verification (video call).');
    expect((await statusPage(avery, 'WendyC')).label).toBe('Invited');
    const lenaE = await statusPage(lena, 'LenaE');
    expect(lenaE.label).toBe('No record');
    expect(lenaE.$('.badge-steps__row')).toHaveLength(0);
  });

  it('finds members by name prefix, ignoring case, by username or display name', async () => {
    const names = async (q: string) => {
      const $ = html((await avery.get(`/staff/badges?q=${encodeURIComponent(q)}`).expect(200)).text);
      return $('.badge-results__name').map((_, el) => $(el).text()).get();
    };
    expect(await names('MS')).toEqual(['Ms S']);
    expect(await names('m')).toEqual(['Marija J', 'Ms S']);
    expect(await names('rafeh g')).toEqual(['Rafeh G']);
    expect(await names('%')).toEqual([]);
    expect(html((await avery.get('/staff/badges?q=zzz').expect(200)).text)('.empty').text()).toBe('No member’s name starts with “zzz”.');
  });
});

describe('nobody else sees anyone\'s status', () => {
  it('refuses a contributor asking for someone else\'s status, and a guru too', async () => {
    const msS = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
    const res = await msS.get('/staff/badges/RafehG').expect(403);
    expect(html(res.text)('.error-page, main').text()).toContain('Only moderators and managers look up badge status.');
    await msS.get('/staff/badges?q=raf').expect(403);
    await (await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD)).get('/staff/badges/MsS').expect(403);
    const anonymous = await request(forum.app).get('/badge').expect(303);
    expect(anonymous.headers.location).toBe('/signin?next=%2Fbadge');
  });

  it('shows each member their own status on "My badge", linked from the header', async () => {
    const msS = await signIn(forum.app, 'MsS', DEVELOPMENT_PASSWORD);
    const home = html((await msS.get('/').expect(200)).text);
    expect(home('.account-nav a[href="/badge"]').text()).toBe('My badge');
    expect(home('.account-nav a[href="/staff/badges"]')).toHaveLength(0);
    const mine = html((await msS.get('/badge').expect(200)).text);
    expect(mine('h1').text()).toBe('My badge');
    expect(mine('.badge-status .status-pill').text()).toBe('In progress');
    expect(text(mine('.badge-status__next').text())).toBe('Next step: Complete the webcam verification (video call).');

    const rafeh = html((await (await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD)).get('/badge').expect(200)).text);
    expect(rafeh('.badge-status .status-pill').text()).toBe('Under review');
    expect(text(rafeh('.badge-status__window').text())).toMatch(/^Expected between .+ UTC, (in|within) /);
    expect(html((await avery.get('/badge').expect(200)).text)('.badge-status .status-pill').text()).toBe('No record');
    expect(html((await avery.get('/').expect(200)).text)('.account-nav a[href="/staff/badges"]').text()).toBe('Badge lookup');
  });
});

describe('the policy, a Community Manager\'s setting', () => {
  it('changes the window every status shows, and records who changed it and when', async () => {
    const before = await statusPage(avery, 'RafehG');
    const webcam = await forum.db.models.VerificationRecord.findOne({ include: [{ model: forum.db.models.Member, as: 'member', where: { usernameKey: 'rafehg' } }] });
    const res = await submitForm(lena, '/staff/badge-policy', '/staff/badge-policy', {
      tiers: 'top_rated', idMethods: 'government_id', webcamMethods: 'video_call', minHours: '24', maxHours: '72', reason: 'The vendor now promises 72 hours',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/staff/badge-policy?saved=1');

    const after = await statusPage(avery, 'RafehG');
    expect(after.window).not.toBe(before.window);
    const end = new Date(webcam!.webcamCompletedAt!.getTime() + 72 * 3_600_000);
    const hhmm = end.toISOString().slice(11, 16);
    expect(after.window).toContain(`and ${end.getUTCDate()} ${end.toUTCString().slice(8, 11)} ${hhmm} UTC`);

    const page = html((await avery.get('/staff/badge-policy').expect(200)).text);
    expect(text(page('.badge-policy-current__window').text())).toBe('24-72 hours after both steps');
    const change = page('.badge-policy-history .log__entry').first();
    expect(text(change.text())).toMatch(/Lena E Community Manager set: Top Rated; ID: government ID; webcam: video call; 24-72 hours Reason: The vendor now promises 72 hours$/);
    expect(change.find('time').attr('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(page('form[action="/staff/badge-policy"]')).toHaveLength(0);

    const log = html((await avery.get('/staff/log?kind=badge').expect(200)).text);
    expect(text(log('.log__entry').first().text())).toContain('Lena E Community Manager changed the badge policy from "Top Rated; ID: government ID; webcam: video call; 24-48 hours" to "Top Rated; ID: government ID; webcam: video call; 24-72 hours"');
  });

  it('refuses a moderator, and gives a manager\'s invalid form back filled in', async () => {
    expect((await submitForm(avery, '/staff/badge-policy', '/staff/badge-policy', { tiers: 'top_rated', idMethods: 'x', webcamMethods: 'y', minHours: '1', maxHours: '2' })).status).toBe(403);
    const res = await submitForm(lena, '/staff/badge-policy', '/staff/badge-policy', {
      tiers: 'top_rated', idMethods: 'government_id, Passport!', webcamMethods: 'video_call', minHours: '48', maxHours: '24',
    });
    expect(res.status).toBe(422);
    const $ = html(res.text);
    expect($('#field-idMethods-error').text()).toBe('Use method codes such as government_id, separated by commas.');
    expect($('#field-maxHours-error').text()).toBe('The latest time cannot be before the earliest.');
    expect($('#field-idMethods').attr('value')).toBe('government_id, Passport!');
    expect($('input[name=tiers][value=top_rated]').attr('checked')).toBeDefined();
  });
});

describe('a manager corrects a record or awards the badge, with a reason', () => {
  it('requires a reason and complete steps; the form comes back filled in', async () => {
    const noReason = await submitForm(lena, '/staff/badges/WendyC', '/staff/badges/WendyC/corrections', {
      tier: 'top_rated', invitedAt: '2026-11-20T09:00', idState: 'passed', idCompletedAt: '2026-11-21T10:00', idMethod: '', webcamState: 'not_started', reason: '',
    });
    expect(noReason.status).toBe(422);
    const $ = html(noReason.text);
    expect($('#field-reason-error').text()).toBe('Say why the record is corrected.');
    expect($('#field-idMethod-error').text()).toBe('A passed step needs the method it used.');
    expect($('#field-idCompletedAt').attr('value')).toBe('2026-11-21T10:00');
    expect($('#field-idState option[selected]').attr('value')).toBe('passed');
    expect((await submitForm(avery, '/staff/badges/WendyC', '/staff/badges/WendyC/corrections', { reason: 'x' })).status).toBe(403);
  });

  it('corrects Wendy C\'s ID step: the timeline and the moderation log keep who, when and why', async () => {
    const current = html((await lena.get('/staff/badges/WendyC').expect(200)).text);
    const res = await submitForm(lena, '/staff/badges/WendyC', '/staff/badges/WendyC/corrections', {
      tier: 'top_rated', invitedAt: current('#field-invitedAt').attr('value')!, idState: 'passed', idCompletedAt: '2026-11-25T08:30', idMethod: 'government_id',
      webcamState: 'not_started', webcamCompletedAt: '', webcamMethod: '', reason: 'Support ticket 4411: the ID check passed',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/staff/badges/WendyC?saved=correction');
    expect(html((await lena.get(res.headers.location).expect(200)).text)('.notice--success').text()).toBe('The record is corrected.');
    const { $, label } = await statusPage(lena, 'WendyC');
    expect(label).toBe('In progress');
    const latest = $('.badge-events__entry').first();
    expect(text(latest.find('strong').text())).toBe('Record corrected: ID not started → passed; ID completed none → 25 Nov 08:30 UTC; ID method none → government ID');
    expect(latest.find('.badge-events__from').text()).toBe('Lena E (Community Manager)');
    expect(latest.find('.log__reason').text()).toBe('Reason: Support ticket 4411: the ID check passed');
    const log = html((await lena.get('/staff/log?kind=badge.correct').expect(200)).text);
    expect(text(log('.log__entry').first().text())).toContain('Lena E Community Manager corrected the verification record (idState, idCompletedAt, idMethod) — Wendy C');

    const unchanged = await submitForm(lena, '/staff/badges/WendyC', '/staff/badges/WendyC/corrections', {
      tier: 'top_rated', invitedAt: current('#field-invitedAt').attr('value')!, idState: 'passed', idCompletedAt: '2026-11-25T08:30', idMethod: 'government_id',
      webcamState: 'not_started', reason: 'Again',
    });
    expect(unchanged.status).toBe(422);
    expect(html(unchanged.text)('.form-error').first().text()).toBe('These values are the record as it stands: nothing to correct.');
  });

  it('awards and revokes the badge: the mark follows, both are logged', async () => {
    const noReason = await submitForm(lena, '/staff/badges/MsS', '/staff/badges/MsS/award', { outcome: 'award', reason: ' ' });
    expect(noReason.status).toBe(422);
    expect(html(noReason.text)('#award-reason-error').text()).toBe('Say why the badge is awarded or revoked.');

    expect((await submitForm(lena, '/staff/badges/MsS', '/staff/badges/MsS/award', { outcome: 'award', reason: 'Verified by phone with the team' })).status).toBe(303);
    expect((await statusPage(lena, 'MsS')).label).toBe('Awarded');
    expect(html((await request(forum.app).get('/u/MsS').expect(200)).text)('h1 .identity-verified')).toHaveLength(1);

    expect((await submitForm(lena, '/staff/badges/MsS', '/staff/badges/MsS/award', { outcome: 'revoke', reason: 'Awarded to the wrong member' })).status).toBe(303);
    expect((await statusPage(lena, 'MsS')).label).toBe('In progress');
    expect(html((await request(forum.app).get('/u/MsS').expect(200)).text)('.identity-verified')).toHaveLength(0);
    const log = html((await lena.get('/staff/log?kind=badge').expect(200)).text);
    const entries = log('.log__entry').map((_, el) => text(log(el).text())).get();
    expect(entries[0]).toMatch(/Lena E Community Manager revoked the Identity Verified badge — Ms S Reason: Awarded to the wrong member$/);
    expect(entries[1]).toMatch(/Lena E Community Manager awarded the Identity Verified badge — Ms S Reason: Verified by phone with the team$/);
  });
});
