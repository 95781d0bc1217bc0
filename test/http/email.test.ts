/**
 * Email over real SMTP (an smtp-server in this process, parsed by mailparser): register and confirm
 * the address by the mailed link, forget the password and reset it by the mailed link (old
 * sessions end), an ETA change on a followed thread mailed within seconds with a working one-click
 * unsubscribe, posts hidden before sending are not mailed, digests, and the pages' refusals.
 */
import request from 'supertest';
import type { ParsedMail } from 'mailparser';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import { createMailSender, MailSender } from '../../server/email/transport';
import { createEmailWorker, EmailWorker } from '../../server/email/worker';
import { setConfirmedAddress } from '../../server/services/emailAddresses';
import { sendMessage, startConversation } from '../../server/services/messages/conversations';
import { createTestForum, html, makeMember, rolloutThread, TestForum } from '../helpers/forum';
import { Agent, signIn, submitForm } from '../helpers/session';
import { linkIn, startMailbox, TestMailbox } from '../helpers/smtp';

jest.setTimeout(60_000);

let forum: TestForum;
let mailbox: TestMailbox;
let worker: EmailWorker;
let sender: MailSender;
let threadPath: string;
let threadId: number;

const ADDRESS = 'New.Reader@Example.com';
const PASSWORD = 'first password 1';
const NEW_PASSWORD = 'second password 2';

beforeAll(async () => {
  mailbox = await startMailbox();
  forum = await createTestForum({ config: { smtpUrl: mailbox.url, emailPollMs: 100, registrationLimit: { windowMs: 3_600_000, perAddress: 1000 } } });
  sender = createMailSender(forum.config);
  worker = createEmailWorker({ db: forum.db, config: forum.config, sender });
  worker.start();
  ({ threadId, threadPath } = await rolloutThread(forum));
});
afterAll(async () => {
  await worker.stop();
  sender.close();
  await mailbox.close();
  await forum.destroy();
});

function toOf(mail: ParsedMail): string {
  return mail.to && !Array.isArray(mail.to) ? mail.to.text : '';
}

/** A raw header line's value: mailparser folds the List-* headers into one structured "list" header. */
function headerLine(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((each) => each.key === name.toLowerCase());
  return line ? line.line.slice(line.line.indexOf(':') + 1).trim() : undefined;
}

async function register(username: string, email: string) {
  const agent = request.agent(forum.app);
  const res = await submitForm(agent, '/register', '/register', { username, displayName: username, email, password: PASSWORD, confirmPassword: PASSWORD });
  return { agent, res };
}

describe('a member\'s journey over real SMTP', () => {
  let firstSession: Agent;

  it('registers with an address and gets a confirmation link with a text and an HTML part', async () => {
    const { agent, res } = await register('newreader', ADDRESS);
    expect(res.status).toBe(303);
    firstSession = agent;
    const mail = await mailbox.waitFor((each) => each.subject?.includes('Confirm your email address') ?? false);
    expect(mail.subject).toBe('[Rollout Forum] Confirm your email address');
    // The address as typed (mail servers treat the domain's case as meaningless).
    expect(toOf(mail).toLowerCase()).toBe(ADDRESS.toLowerCase());
    expect(mail.text).toContain('/email/verify?token=');
    expect(mail.html).toContain('Confirm my address');
    expect(mail.messageId).toMatch(/^<outbox-\d+-\d+@rollout-forum>$/);
    // Account emails are not a list: no unsubscribe.
    expect(headerLine(mail, 'list-unsubscribe')).toBeUndefined();
  });

  it('refuses a second account with the same address in another case, keeping what was typed', async () => {
    const { res } = await register('copycat', 'new.reader@EXAMPLE.com');
    expect(res.status).toBe(422);
    const $ = html(res.text);
    expect($('#field-email-error').text()).toBe('That email address belongs to another account.');
    expect($('#field-email').val()).toBe('new.reader@EXAMPLE.com');
    expect($('#field-username').val()).toBe('copycat');
  });

  it('confirms the address by the mailed link: the link opens a button (GET changes nothing), and works once', async () => {
    const link = linkIn(mailbox.to(ADDRESS)[0], '/email/verify');
    const page = await firstSession.get(link).expect(200);
    expect(html(page.text)('form[action="/email/verify"] button').text()).toBe('Confirm my address');
    // Still unconfirmed after the GET.
    expect(html((await firstSession.get('/settings').expect(200)).text)('#email-settings + p').text()).toContain('not confirmed yet');
    const confirmed = await submitForm(firstSession, link, '/email/verify', { token: new URL(link, 'http://x').searchParams.get('token')! });
    expect(confirmed.status).toBe(200);
    expect(html(confirmed.text)('.notice').text()).toContain(`${ADDRESS} is confirmed`);
    expect(html((await firstSession.get('/settings').expect(200)).text)('#email-settings + p').text()).toContain('confirmed.');
    expect((await firstSession.get(link)).status).toBe(410);
  });

  it('answers "forgot password" the same for a known and an unknown address, and mails a reset link only to the known one', async () => {
    const before = mailbox.received.length;
    const unknown = await submitForm(request.agent(forum.app), '/password/forgot', '/password/forgot', { email: 'nobody@example.com' });
    const known = await submitForm(request.agent(forum.app), '/password/forgot', '/password/forgot', { email: 'NEW.READER@example.com' });
    expect(unknown.status).toBe(200);
    expect(known.status).toBe(200);
    expect(html(known.text)('.notice').text()).toBe(html(unknown.text)('.notice').text());
    const mail = await mailbox.waitFor((each) => each.subject === '[Rollout Forum] Reset your password');
    expect(mailbox.received.length - before).toBe(1);
    expect(mail.text).toContain('/password/reset?token=');
  });

  it('resets the password by the mailed link: every old session ends, the member is told, the link works once', async () => {
    const second = await signIn(forum.app, 'newreader', PASSWORD);
    expect((await second.get('/settings')).status).toBe(200);
    const link = linkIn(mailbox.to(ADDRESS).find((each) => each.subject?.includes('Reset'))!, '/password/reset');
    const visitor = request.agent(forum.app);
    const token = new URL(link, 'http://x').searchParams.get('token')!;
    const mismatch = await submitForm(visitor, link, '/password/reset', { token, newPassword: NEW_PASSWORD, confirmPassword: 'other' });
    expect(mismatch.status).toBe(422);
    const reset = await submitForm(visitor, link, '/password/reset', { token, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(reset.status).toBe(303);
    expect(reset.headers.location).toBe('/signin?reset=1');
    for (const old of [firstSession, second]) expect((await old.get('/settings')).status).toBe(303);
    await mailbox.waitFor((each) => each.subject === '[Rollout Forum] Your password was reset');
    expect((await visitor.get(link)).status).toBe(410);
    await expect(signIn(forum.app, 'newreader', PASSWORD)).rejects.toThrow(/failed with 401/);
    firstSession = await signIn(forum.app, 'newreader', NEW_PASSWORD);
  });

  it('mails an ETA change on a followed thread within seconds, with a working one-click unsubscribe that stops the next one', async () => {
    expect((await submitForm(firstSession, threadPath, `/t/${threadId}/follow`, {})).status).toBe(303);
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const posted = await submitForm(avery, threadPath, `/t/${threadId}/replies`, { body: 'I have asked the verification team.', intent: 'post' });
    const replyNumber = Number(/\/(\d+)#/.exec(posted.headers.location)![1]);
    const replyId = (await forum.db.models.Post.findOne({ where: { threadId, number: replyNumber } }))!.id;
    await submitForm(avery, `${threadPath}/${replyNumber}`, `/posts/${replyId}/eta`, { text: 'Within 24-48 hours.', window: '24-48 hours' });
    const started = Date.now();
    await submitForm(avery, `${threadPath}/${replyNumber}`, `/posts/${replyId}/eta`, { text: 'A little longer: within 72 hours.', window: '72 hours' });
    const mail = await mailbox.waitFor((each) => each.subject?.includes('ETA changed') ?? false, 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(mail.subject).toMatch(/^\[Rollout Forum\] ETA changed: within 72 hours \(was 24-48 hours\) · /);
    expect(mail.text).toContain(`${threadPath}/${replyNumber}#p${replyNumber}`);
    expect(mail.html).toContain(`${threadPath}/${replyNumber}#p${replyNumber}`);
    // The reply itself goes to the digest by default, not at once.
    expect(mailbox.to(ADDRESS).filter((each) => each.subject?.includes('replied'))).toHaveLength(0);
    expect(headerLine(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribeUrl = /^<(.+)>$/.exec(String(headerLine(mail, 'list-unsubscribe')))![1];
    const unsubscribePath = new URL(unsubscribeUrl).pathname + new URL(unsubscribeUrl).search;

    // A forged signature changes nothing; the real one, POSTed without any cookie, turns ETAs off.
    const forged = unsubscribePath.replace(/s=[^&]+/, 's=forged');
    expect((await request(forum.app).post(forged).type('form').send('List-Unsubscribe=One-Click')).status).toBe(400);
    const page = await request(forum.app).get(unsubscribePath).expect(200);
    expect(html(page.text)('p').first().text()).toContain('etas added or changed');
    const oneClick = await request(forum.app).post(unsubscribePath).type('form').send('List-Unsubscribe=One-Click');
    expect(oneClick.status).toBe(303);
    const settings = html((await firstSession.get('/settings').expect(200)).text);
    expect(settings('#field-delivery-eta option[selected]').val()).toBe('never');

    const etaMails = () => mailbox.to(ADDRESS).filter((each) => each.subject?.includes('ETA')).length;
    const count = etaMails();
    await submitForm(avery, `${threadPath}/${replyNumber}`, `/posts/${replyId}/eta`, { text: 'Now within 96 hours.', window: '96 hours' });
    await worker.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(etaMails()).toBe(count);
  });
});

describe('what is mailed is what the recipient may read at send time', () => {
  it('drops the email of an official answer hidden before the worker sends it', async () => {
    await worker.stop();
    const { agent } = await register('answerwatcher', 'watcher@example.com');
    await worker.runOnce();
    const link = linkIn(await mailbox.waitFor((each) => toOf(each) === 'watcher@example.com'), '/email/verify');
    await submitForm(agent, link, '/email/verify', { token: new URL(link, 'http://x').searchParams.get('token')! });
    await submitForm(agent, threadPath, `/t/${threadId}/follow`, {});
    const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
    const posted = await submitForm(lena, threadPath, `/t/${threadId}/replies`, { body: 'The official word on the badge.', intent: 'post' });
    const number = Number(/\/(\d+)#/.exec(posted.headers.location)![1]);
    expect((await submitForm(lena, threadPath, `/t/${threadId}/official`, { postNumber: String(number) })).status).toBe(303);
    const post = (await forum.db.models.Post.findOne({ where: { threadId, number } }))!;
    await post.update({ hiddenAt: new Date() });
    await worker.runOnce();
    await worker.runOnce();
    expect(mailbox.to('watcher@example.com').filter((each) => each.subject?.includes('official answer'))).toHaveLength(0);
    const [row] = await forum.db.sequelize.query<{ status: string; last_error: string }>(
      `SELECT o.status, o.last_error FROM email_outbox o JOIN member_emails e ON e.member_id = o.member_id WHERE e.address = 'watcher@example.com' AND o.kind = 'answer'`,
      { type: 'SELECT' as never },
    );
    expect(row).toEqual({ status: 'dropped', last_error: 'post not readable by the recipient' });
    worker.start();
  });
});

describe('unconfirmed addresses', () => {
  it('mails an unconfirmed member nothing but the confirmation, even for kinds they get immediately', async () => {
    const { agent } = await register('unconfirmed', 'unconfirmed@example.com');
    await submitForm(agent, threadPath, `/t/${threadId}/follow`, {});
    const avery = await signIn(forum.app, 'AveryO', DEVELOPMENT_PASSWORD);
    const posted = await submitForm(avery, threadPath, `/t/${threadId}/replies`, { body: 'An update for followers.', intent: 'post' });
    const number = Number(/\/(\d+)#/.exec(posted.headers.location)![1]);
    const postId = (await forum.db.models.Post.findOne({ where: { threadId, number } }))!.id;
    await submitForm(avery, `${threadPath}/${number}`, `/posts/${postId}/eta`, { text: 'Within a week.', window: '7 days' });
    await worker.runOnce();
    await worker.runOnce();
    expect(mailbox.to('unconfirmed@example.com').map((mail) => mail.subject)).toEqual(['[Rollout Forum] Confirm your email address']);
  });
});

describe('settings and digests', () => {
  it('sends the digest-preference notifications in one daily digest at the member\'s hour', async () => {
    const { agent } = await register('digester', 'digester@example.com');
    const link = linkIn(await mailbox.waitFor((each) => toOf(each) === 'digester@example.com'), '/email/verify');
    await submitForm(agent, link, '/email/verify', { token: new URL(link, 'http://x').searchParams.get('token')! });
    const saved = await submitForm(agent, '/settings', '/settings/email-preferences', { digestHour: String(new Date().getUTCHours()), 'delivery-mention': 'digest', 'delivery-eta': 'immediately' });
    expect(saved.status).toBe(303);
    const wendy = await signIn(forum.app, 'WendyC', DEVELOPMENT_PASSWORD);
    await submitForm(wendy, threadPath, `/t/${threadId}/replies`, { body: '@digester have a look at this.', intent: 'post' });
    // The member's day was already claimed before the mention? Then none is due this hour: reset it.
    await forum.db.sequelize.query(`UPDATE member_emails SET last_digest_at = NULL WHERE address = 'digester@example.com'`);
    const digest = await mailbox.waitFor((each) => toOf(each) === 'digester@example.com' && (each.subject?.includes('digest') ?? false));
    expect(digest.subject).toBe('[Rollout Forum] Your daily digest: 1 notification');
    expect(digest.text).toContain('mentioned you');
    expect(headerLine(digest, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  });

  it('refuses a bad delivery or hour with 422, and a bad address keeping what was typed', async () => {
    const agent = await signIn(forum.app, 'RafehG', DEVELOPMENT_PASSWORD);
    const bad = await submitForm(agent, '/settings', '/settings/email-preferences', { digestHour: '25', 'delivery-eta': 'hourly' });
    expect(bad.status).toBe(422);
    expect(html(bad.text)('.field__error').length).toBe(2);
    const badAddress = await submitForm(agent, '/settings', '/settings/email', { email: 'not an <address>' });
    expect(badAddress.status).toBe(422);
    expect(html(badAddress.text)('#field-email').val()).toBe('not an <address>');
  });

  it('lets a seeded member add an address; changing a confirmed one tells the old address', async () => {
    const agent = await signIn(forum.app, 'MarijaJ', DEVELOPMENT_PASSWORD);
    expect((await submitForm(agent, '/settings', '/settings/email', { email: 'marija@example.com' })).status).toBe(303);
    const link = linkIn(await mailbox.waitFor((each) => toOf(each) === 'marija@example.com'), '/email/verify');
    await submitForm(agent, link, '/email/verify', { token: new URL(link, 'http://x').searchParams.get('token')! });
    expect((await submitForm(agent, '/settings', '/settings/email', { email: 'marija.new@example.com' })).status).toBe(303);
    const told = await mailbox.waitFor((each) => toOf(each) === 'marija@example.com' && each.subject === '[Rollout Forum] Your email address is being changed');
    expect(told.text).toContain('marija.new@example.com');
    await mailbox.waitFor((each) => toOf(each) === 'marija.new@example.com');
    // Until the new one is confirmed, the old one stays.
    expect(html((await agent.get('/settings').expect(200)).text)('#email-settings + p strong').text()).toBe('marija@example.com');
  });

  it('throttles reset requests per account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await submitForm(request.agent(forum.app), '/password/forgot', '/password/forgot', { email: 'someone@example.com' })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});

describe('private messages by email', () => {
  it('mails a new message to a participant with a confirmed address (never its text), and one click turns message emails off', async () => {
    // Its own worker: the ones above were stopped by their tests.
    const messages = createEmailWorker({ db: forum.db, config: forum.config, sender });
    messages.start();
    const member = async (username: string) => (await forum.db.models.Member.findOne({ where: { username } }))!;
    const rafeh = await member('RafehG');
    const marija = await makeMember(forum.db, { username: 'penfriend', displayName: 'Pen Friend' });
    await setConfirmedAddress(forum.db, marija.id, 'pen.friend@example.com');
    const actor = { memberId: rafeh.id, role: rafeh.role, displayName: rafeh.displayName, username: rafeh.username };
    const conversationId = await startConversation(forum.db, {
      actor, to: { team: false, usernames: ['penfriend'] }, subject: 'About <b>my</b> ID check', source: 'The secret detail 4417 stays out of email.', limits: forum.config.messageLimits,
    });
    const mail = await mailbox.waitFor((each) => toOf(each) === 'pen.friend@example.com' && (each.subject?.includes('New message') ?? false));
    expect(mail.subject).toBe('[Rollout Forum] New message from Rafeh G · About <b>my</b> ID check');
    expect(mail.text).toContain(`/messages/${conversationId}`);
    expect(mail.text).not.toContain('4417');
    expect(mail.html).not.toContain('4417');
    expect(mail.html).not.toContain('<b>my</b>');

    const unsubscribeUrl = new URL(/^<(.+)>$/.exec(String(headerLine(mail, 'list-unsubscribe')))![1]);
    expect((await request(forum.app).post(unsubscribeUrl.pathname + unsubscribeUrl.search).type('form').send('List-Unsubscribe=One-Click')).status).toBe(303);
    const before = mailbox.to('pen.friend@example.com').length;
    await sendMessage(forum.db, { actor, conversation: { id: conversationId, kind: 'members', startedById: rafeh.id }, source: 'One more.', citeStarter: false, limits: forum.config.messageLimits });
    await messages.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailbox.to('pen.friend@example.com')).toHaveLength(before);
    await messages.stop();
  });
});
