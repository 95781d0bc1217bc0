/**
 * The crash test's core: members post concurrently to the built server while it is killed with
 * SIGKILL at random moments and started again. Every post the server acknowledged (303) is
 * recorded with its exact text; afterwards each must be in the database byte for byte, SQLite's
 * integrity check must pass, and every thread, board and member counter must equal the posts
 * counted. Used by `npm run test:crash` (20 kills) and by a short jest test.
 */
import { openDatabase } from '../server/db';
import { checkConsistency, ExpectedPost } from './consistency';
import { ForumClient, postAddress } from './forumClient';
import { freePort, ServerDatabase, ServerProcess } from './serverProcess';

export interface CrashRunOptions {
  database: ServerDatabase;
  kills: number;
  /** Members posting at the same time (seeded members, development password). */
  writers?: number;
  /** How long the server runs under load before each kill, in ms (a random time in this range). */
  lifeMs?: [number, number];
  log?: (line: string) => void;
}

export interface CrashReport {
  kills: number;
  acknowledged: number;
  /** Acknowledged posts not found, or found with other text or another author. */
  lost: string[];
  /** Answers other than a 303 while the server was up (a 5xx would be a bug). */
  unexpected: string[];
  /** "ok", SQLite's list of problems, or "not applicable" on PostgreSQL. */
  integrity: string;
  counterDrift: string[];
  ok: boolean;
}

const WRITERS = ['MsS', 'MarijaJ', 'WendyC', 'RafehG', 'GoranV', 'AveryO', 'LenaE', 'VladimirG'];

/** Text with what tends to get mangled: multi-byte characters, markup, spacing, line breaks. */
const SAMPLES = [
  'Plain words',
  'Ünïcödé — “quotes”, emoji 🎉🚀 and 日本語',
  'Combining e\u0301 and zero\u200bwidth, RTL ‏עברית‎',
  '**bold** _em_ `code` [a link](https://example.com)',
  '  leading and trailing spaces  ',
  'line one\nline two\n\nanother paragraph\n',
  '<script>alert(1)</script> & < > " \' %00 \\0',
  'Tabs\tinside\tthe\ttext',
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = ([low, high]: [number, number]) => low + Math.floor(Math.random() * (high - low + 1));

/** A gate the writers wait at while the server is down. */
class Gate {
  private opened: Promise<void> = Promise.resolve();
  private open: () => void = () => undefined;
  close(): void {
    this.opened = new Promise((resolve) => {
      this.open = resolve;
    });
  }
  reopen(): void {
    this.open();
  }
  wait(): Promise<void> {
    return this.opened;
  }
}

export async function runCrashTest(options: CrashRunOptions): Promise<CrashReport> {
  const log = options.log ?? (() => undefined);
  const lifeMs = options.lifeMs ?? [300, 2_000];
  const server = new ServerProcess(await freePort(), options.database, { POSTS_PER_MINUTE: '1000000' });
  const gate = new Gate();
  const acknowledged: ExpectedPost[] = [];
  const unexpected: string[] = [];
  let stopping = false;

  await server.start();
  const board = await new ForumClient(server.baseUrl, '').request('GET', '/b/announcements');
  const seededThread = Number(/href="\/t\/(\d+)\//.exec(board.text)?.[1]);
  if (!seededThread) throw new Error('the seeded thread is not on the Announcements board');
  const threads = [seededThread];

  async function write(username: string, index: number): Promise<void> {
    const client = new ForumClient(server.baseUrl, username);
    let sequence = 0;
    while (!stopping) {
      await gate.wait();
      try {
        if (!client.signedIn) await client.signIn();
        sequence += 1;
        const body = `${SAMPLES[sequence % SAMPLES.length]} [${username} ${index}.${sequence} ${Math.random().toString(36).slice(2)}]`;
        const startsThread = sequence % 10 === 0;
        const res = startsThread
          ? await client.post('/b/general/threads', { title: `Crash test ${index}.${sequence}`, body, intent: 'post' })
          : await client.post(`/t/${threads[sequence % threads.length]}/replies`, { body, intent: 'post' });
        const address = res.status === 303 && res.location ? postAddress(res.location) : null;
        if (address) {
          acknowledged.push({ ...address, body, author: username });
          if (startsThread) threads.push(address.threadId);
        } else {
          unexpected.push(`${username}: ${res.status} ${res.location ?? ''}`.trim());
          // A server error is a bug to find: show what the server said about it.
          if (res.status >= 500) process.stderr.write(`server output near a ${res.status}:\n${server.recentOutput().slice(-2000)}\n`);
        }
      } catch {
        // The server went away mid-request: the outcome is unknown, so nothing is recorded.
        await sleep(20);
      }
    }
  }

  const writers = WRITERS.slice(0, options.writers ?? 6).map((username, index) => write(username, index));
  for (let kill = 1; kill <= options.kills; kill += 1) {
    await sleep(between(lifeMs));
    gate.close();
    await server.kill('SIGKILL');
    log(`kill ${kill}/${options.kills}: ${acknowledged.length} posts acknowledged so far`);
    await server.start();
    gate.reopen();
  }
  await sleep(between(lifeMs));
  stopping = true;
  await Promise.all(writers);
  await server.kill('SIGKILL');

  const verified = await verify(options.database, acknowledged);
  const report: CrashReport = {
    kills: options.kills,
    acknowledged: acknowledged.length,
    unexpected,
    ...verified,
    ok: false,
  };
  report.ok = report.lost.length === 0 && report.counterDrift.length === 0 && report.unexpected.length === 0
    && (report.integrity === 'ok' || report.integrity === 'not applicable') && report.acknowledged > 0;
  return report;
}

async function verify(database: ServerDatabase, acknowledged: ExpectedPost[]): Promise<Pick<CrashReport, 'lost' | 'integrity' | 'counterDrift'>> {
  const db = openDatabase({ ...database, logSql: false });
  try {
    return await checkConsistency(db, acknowledged);
  } finally {
    await db.close();
  }
}

/** A short human summary of a report. */
export function describeReport(report: CrashReport): string {
  const lines = [
    `${report.kills} kills, ${report.acknowledged} acknowledged posts`,
    `lost or altered: ${report.lost.length}`,
    `integrity: ${report.integrity}`,
    `counter drift: ${report.counterDrift.length}`,
    `unexpected answers: ${report.unexpected.length}`,
    ...report.lost.slice(0, 10).map((line) => `  ${line}`),
    ...report.counterDrift.slice(0, 10).map((line) => `  ${line}`),
    ...report.unexpected.slice(0, 10).map((line) => `  ${line}`),
  ];
  return lines.join('\n');
}
