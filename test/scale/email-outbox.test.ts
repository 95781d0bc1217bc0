/**
 * The email outbox across processes (the built app in dist/, as production runs it) and a real
 * SMTP server in this process: a kill -9 while 100 emails are queued loses none and sends none
 * twice once the app is back; two app processes on one PostgreSQL outbox send 200 emails, each once.
 */
import { queueAccountEmail } from '../../server/email/outbox';
import { createTestDatabase, TestDatabase, usingPostgres } from '../helpers/db';
import { AppProcess, startAppProcess } from '../helpers/processes';
import { startMailbox, TestMailbox } from '../helpers/smtp';

jest.setTimeout(180_000);

let database: TestDatabase;
let mailbox: TestMailbox;
const apps: AppProcess[] = [];

function appEnv(): Record<string, string> {
  return {
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { SQLITE_PATH: database.sqlitePath }),
    SESSION_SECRET: 'a shared secret of at least thirty-two characters',
    SMTP_URL: mailbox.url,
    EMAIL_POLL_MS: '100',
    // A dead process's claims are taken again after 2 s.
    EMAIL_LEASE_SECONDS: '2',
    LOG_LEVEL: 'silent',
  };
}

async function start(): Promise<AppProcess> {
  const app = await startAppProcess(appEnv(), 'dist/server/index.js', 60_000);
  apps.push(app);
  return app;
}

/** Queues `count` emails in one transaction, as an event would, to the seeded member 1. */
async function queue(count: number, label: string): Promise<void> {
  await database.db.writeTransaction(async (transaction) => {
    for (let i = 0; i < count; i += 1) {
      await queueAccountEmail(database.db, transaction, { memberId: 1, toAddress: `${label}${i}@example.com`, template: 'password-reset', details: {} });
    }
  });
}

function messageIds(): string[] {
  return mailbox.received.map((mail) => mail.messageId ?? '');
}

async function outboxStatuses(): Promise<Record<string, number>> {
  const rows = await database.db.sequelize.query<{ status: string; count: number | string }>('SELECT status, COUNT(*) AS count FROM email_outbox GROUP BY status', { type: 'SELECT' as never });
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}

beforeEach(async () => {
  mailbox = await startMailbox();
  database = await createTestDatabase({ migrate: false });
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.stop()));
  await mailbox.close();
  await database.destroy();
});

it('delivers every one of 100 queued emails once after a kill -9 in the middle of sending', async () => {
  // The 31st email is held by the server, unanswered, while the app is killed; then refused.
  let seen = 0;
  let refuseHeld: (error: Error) => void = () => undefined;
  let holding = false;
  mailbox.gate = (mail) => {
    seen += 1;
    if (seen !== 31) return Promise.resolve();
    holding = true;
    void mail;
    return new Promise((_resolve, reject) => { refuseHeld = reject; });
  };
  const first = await start();
  await queue(100, 'crash');
  const end = Date.now() + 60_000;
  while (!holding && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(holding).toBe(true);
  expect(mailbox.received).toHaveLength(30);

  first.process.kill('SIGKILL');
  await new Promise((resolve) => first.process.once('exit', resolve));
  refuseHeld(new Error('the sender went away'));

  await start();
  await mailbox.waitForCount(100, 90_000);
  // Anything sent twice would arrive just after.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(mailbox.received).toHaveLength(100);
  expect(new Set(messageIds()).size).toBe(100);
  expect(new Set(mailbox.received.map((mail) => mail.to && !Array.isArray(mail.to) ? mail.to.text : '')).size).toBe(100);
  expect(await outboxStatuses()).toEqual({ sent: 100 });
});

(usingPostgres ? it : it.skip)('sends 200 emails from two app processes sharing one PostgreSQL outbox: none twice, none lost', async () => {
  await Promise.all([start(), start()]);
  await queue(200, 'shared');
  await mailbox.waitForCount(200, 90_000);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(mailbox.received).toHaveLength(200);
  expect(new Set(messageIds()).size).toBe(200);
  expect(await outboxStatuses()).toEqual({ sent: 200 });
});
