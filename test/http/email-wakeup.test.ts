/**
 * Queued mail goes out within moments of its commit, with the worker's poll set to a minute: on
 * PostgreSQL the worker runs on a second connection pool (as another app process would) and is
 * woken by the NOTIFY it LISTENs for; on SQLite it is woken in-process. Over real SMTP.
 */
import { openDatabase, type Database } from '../../server/db';
import { liveHubFor } from '../../server/live/hub';
import { ANONYMOUS } from '../../server/policies';
import { queueAccountEmail } from '../../server/email/outbox';
import { createMailSender, MailSender } from '../../server/email/transport';
import { createEmailWorker, EmailWorker } from '../../server/email/worker';
import { setConfirmedAddress } from '../../server/services/emailAddresses';
import { notifyMembers } from '../../server/services/notifications';
import { createTestForum, makeMember, rolloutThread, TestForum } from '../helpers/forum';
import { usingPostgres } from '../helpers/db';
import { startMailbox, TestMailbox } from '../helpers/smtp';

jest.setTimeout(60_000);

const POLL_MS = 60_000;

let forum: TestForum;
let mailbox: TestMailbox;
let workerDb: Database;
let worker: EmailWorker;
let sender: MailSender;

beforeAll(async () => {
  mailbox = await startMailbox();
  forum = await createTestForum({ config: { smtpUrl: mailbox.url, emailPollMs: POLL_MS } });
  workerDb = usingPostgres ? openDatabase({ databaseUrl: forum.databaseUrl, sqlitePath: '', logSql: false }) : forum.db;
  sender = createMailSender(forum.config);
  worker = createEmailWorker({ db: workerDb, config: forum.config, sender });
  worker.start();
  // The start's first pass (at 200 ms) is over: from here on only a wake-up, or a minute, runs one.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
});
afterAll(async () => {
  await worker.stop();
  sender.close();
  await mailbox.close();
  if (workerDb !== forum.db) await workerDb.close();
  await forum.destroy();
});

async function queue(toAddress: string): Promise<number> {
  const started = Date.now();
  await forum.db.writeTransaction((transaction) => queueAccountEmail(forum.db, transaction, { memberId: 1, toAddress, template: 'password-reset', details: {} }));
  return started;
}

it(`delivers a mail queued after the worker went idle within 2 s, though it polls every ${POLL_MS / 1000} s`, async () => {
  for (const address of ['first@example.com', 'second@example.com']) {
    const started = await queue(address);
    await mailbox.waitFor((mail) => mailbox.to(address).includes(mail), 5_000);
    expect(Date.now() - started).toBeLessThan(2_000);
  }
});

it('wakes for notification emails too (queued by INSERT ... SELECT)', async () => {
  const member = await makeMember(forum.db, { username: 'prompt' });
  await setConfirmedAddress(forum.db, member.id, 'prompt@example.com');
  const { threadId } = await rolloutThread(forum);
  const post = (await forum.db.models.Post.findOne({ where: { threadId, number: 2 } }))!;
  const started = Date.now();
  await forum.db.writeTransaction((transaction) =>
    notifyMembers(forum.db, transaction, [member.id], { kind: 'answer', threadId, postId: post.id, actorId: 1, details: { postNumber: 2 }, at: new Date() }),
  );
  const mail = await mailbox.waitFor((each) => mailbox.to('prompt@example.com').includes(each), 5_000);
  expect(Date.now() - started).toBeLessThan(2_000);
  expect(mail.subject).toContain('official answer');
});

(usingPostgres ? it : it.skip)('shares the process\'s one LISTEN connection with the live-update hub', async () => {
  const hub = liveHubFor(workerDb, forum.config);
  const admission = hub.open({ threadId: 1, actor: ANONYMOUS, holder: 'address:127.0.0.1', sink: { write: () => true, end: () => undefined }, lastNumber: 0 });
  expect(admission.admitted).toBe(true);
  const listeners = () =>
    forum.db.sequelize.query<{ query: string }>(`SELECT query FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`, { type: 'SELECT' as never });
  const end = Date.now() + 5_000;
  while (!(await listeners()).some((row) => row.query === 'LISTEN forum_new_posts') && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
  expect((await listeners()).map((row) => row.query)).toEqual(['LISTEN forum_new_posts']);
  // And mail still wakes the worker on it.
  const started = await queue('shared@example.com');
  await mailbox.waitFor((mail) => mailbox.to('shared@example.com').includes(mail), 5_000);
  expect(Date.now() - started).toBeLessThan(2_000);
  if (admission.admitted) admission.release();
  await hub.close();
});
