/**
 * Suspended members get no notification, digest or message email over real SMTP (an smtp-server in
 * this process), even for mail queued before the suspension: the worker drops those rows at send
 * time with the reason kept, once, and never retries them. Account-security mail (a password reset
 * link) still goes. Once the suspension is lifted, mail flows again.
 */
import type { ParsedMail } from 'mailparser';
import { DEVELOPMENT_PASSWORD } from '../../server/config';
import type { Actor } from '../../server/policies';
import { createMailSender, MailSender } from '../../server/email/transport';
import { createEmailWorker, EmailWorker } from '../../server/email/worker';
import { setConfirmedAddress } from '../../server/services/emailAddresses';
import { startConversation } from '../../server/services/messages/conversations';
import { notifyMembers } from '../../server/services/notifications';
import { requestPasswordReset } from '../../server/services/passwordReset';
import { createTestForum, makeMember, rolloutThread, TestForum } from '../helpers/forum';
import { formPoster, signIn } from '../helpers/session';
import { startMailbox, TestMailbox } from '../helpers/smtp';

jest.setTimeout(60_000);

let forum: TestForum;
let mailbox: TestMailbox;
let worker: EmailWorker;
let sender: MailSender;
let threadId: number;
let postId: number;
let suspendeeId: number;
let bystanderId: number;
let rafeh: Actor;

const SUSPENDEE = 'suspendee@example.com';
const BYSTANDER = 'bystander@example.com';

beforeAll(async () => {
  mailbox = await startMailbox();
  forum = await createTestForum({ config: { smtpUrl: mailbox.url } });
  sender = createMailSender(forum.config);
  // Not started: each test runs the worker's passes itself, so what was queued when is exact.
  worker = createEmailWorker({ db: forum.db, config: forum.config, sender });
  ({ threadId } = await rolloutThread(forum));
  postId = (await forum.db.models.Post.findOne({ where: { threadId, number: 2 } }))!.id;
  const suspendee = await makeMember(forum.db, { username: 'suspendee', displayName: 'Sus Pendee' });
  const bystander = await makeMember(forum.db, { username: 'bystander', displayName: 'By Stander' });
  suspendeeId = suspendee.id;
  bystanderId = bystander.id;
  await setConfirmedAddress(forum.db, suspendeeId, SUSPENDEE);
  await setConfirmedAddress(forum.db, bystanderId, BYSTANDER);
  const member = (await forum.db.models.Member.findOne({ where: { username: 'RafehG' } }))!;
  rafeh = { memberId: member.id, role: member.role, displayName: member.displayName, username: member.username };
});
afterAll(async () => {
  await worker.stop();
  sender.close();
  await mailbox.close();
  await forum.destroy();
});

const subjects = (address: string) => mailbox.to(address).map((mail: ParsedMail) => mail.subject);

/** An official-answer notification (mailed at once by default) and a mention (digest by default), by Rafeh. */
async function notify(memberIds: number[], kind: 'answer' | 'mention'): Promise<void> {
  await forum.db.writeTransaction((transaction) =>
    notifyMembers(forum.db, transaction, memberIds, { kind, threadId, postId, actorId: rafeh.memberId!, details: { postNumber: 2 }, at: new Date() }),
  );
}

async function message(subject: string): Promise<void> {
  await startConversation(forum.db, {
    actor: rafeh,
    to: { team: false, usernames: ['suspendee', 'bystander'] },
    subject,
    source: 'Hello both.',
    limits: forum.config.messageLimits,
  });
}

async function outboxOf(memberId: number) {
  return forum.db.sequelize.query<{ template: string; status: string; last_error: string | null; attempts: number | string }>(
    'SELECT template, status, last_error, attempts FROM email_outbox WHERE member_id = :memberId ORDER BY id',
    { replacements: { memberId }, type: 'SELECT' as never },
  );
}

describe('a suspended member', () => {
  it('gets no notification, digest or message email queued before the suspension; the rows are dropped with the reason, not retried', async () => {
    // Queued while the member is in good standing: an immediate notification, a message, and a
    // mention waiting for the digest at this hour.
    await forum.db.sequelize.query('UPDATE member_emails SET digest_hour = :hour WHERE member_id IN (:ids)', {
      replacements: { hour: new Date().getUTCHours(), ids: [suspendeeId, bystanderId] },
    });
    await notify([suspendeeId, bystanderId], 'answer');
    await message('Before the suspension');
    await notify([suspendeeId, bystanderId], 'mention');

    // A Community Manager suspends the member from the profile; then the member asks for a reset.
    const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
    expect((await (await formPoster(lena, '/settings'))('/u/suspendee/suspend', { reason: 'Spam wave', duration: '7d' })).status).toBe(303);
    await requestPasswordReset(forum.db, SUSPENDEE);

    await worker.runOnce();
    await worker.runOnce();
    // A send resolves once the SMTP server accepted the mail. The bystander's mail of the same
    // events arrived, digest included: the worker did send.
    expect(subjects(BYSTANDER)).toEqual(expect.arrayContaining([
      expect.stringContaining('official answer'),
      expect.stringContaining('New message from Rafeh G · Before the suspension'),
      expect.stringContaining('Your daily digest: 1 notification'),
    ]));
    // The suspended member got the account-security mail only.
    expect(subjects(SUSPENDEE)).toEqual(['[Rollout Forum] Reset your password']);

    const rows = await outboxOf(suspendeeId);
    expect(rows.map(({ template, status, last_error }) => ({ template, status, last_error }))).toEqual([
      { template: 'notification', status: 'dropped', last_error: 'recipient suspended' },
      { template: 'message', status: 'dropped', last_error: 'recipient suspended' },
      { template: 'reset', status: 'sent', last_error: null },
      { template: 'digest', status: 'dropped', last_error: 'recipient suspended' },
    ]);
    // Tried once each, and no pass takes them again.
    expect(rows.map((row) => Number(row.attempts))).toEqual([1, 1, 1, 1]);
    await worker.runOnce();
    expect((await outboxOf(suspendeeId)).map((row) => row.status)).toEqual(['dropped', 'dropped', 'sent', 'dropped']);
    expect(subjects(SUSPENDEE)).toEqual(['[Rollout Forum] Reset your password']);
  });

  it('is mailed again once the suspension is lifted', async () => {
    const sanction = (await forum.db.models.Sanction.findOne({ where: { memberId: suspendeeId, kind: 'suspend', liftedAt: null } }))!;
    const lena = await signIn(forum.app, 'LenaE', DEVELOPMENT_PASSWORD);
    expect((await (await formPoster(lena, '/settings'))(`/u/suspendee/sanctions/${sanction.id}/lift`, {})).status).toBe(303);
    await notify([suspendeeId], 'answer');
    await worker.runOnce();
    const mail = await mailbox.waitFor((each) => mailbox.to(SUSPENDEE).includes(each) && (each.subject?.includes('official answer') ?? false));
    expect(mail.text).toContain(`/t/${threadId}/`);
  });
});
