/**
 * start:cluster's rolling restart (PostgreSQL only: the cluster refuses SQLite). Under a steady
 * stream of requests, SIGHUP to the primary replaces every worker one at a time, and every request
 * is answered. Runs the built cluster (`npm run build` first).
 */
import http from 'node:http';
import { freePort } from '../../scripts/serverProcess';
import { createTestDatabase, TestDatabase, usingPostgres } from '../helpers/db';
import { AppProcess, startAppProcess } from '../helpers/processes';

jest.setTimeout(180_000);

const METRICS_TOKEN = 'rolling-restart-metrics-token';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, what: string, output: () => string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}:\n${output()}`);
    await sleep(100);
  }
}

/** One GET on a fresh connection, as most load balancers send them; the status, or the error. */
function getOnce(url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', (error) => resolve(error.message));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error) => resolve(error.message));
  });
}

(usingPostgres ? describe : describe.skip)('rolling restart on SIGHUP', () => {
  let database: TestDatabase;
  let cluster: AppProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await cluster?.stop();
    await database?.destroy();
  });

  it('aggregates metrics over the workers, and replaces every worker while answering every request', async () => {
    const port = await freePort();
    cluster = await startAppProcess(
      { DATABASE_URL: database.databaseUrl!, PORT: String(port), WORKERS: '2', SESSION_SECRET: 'a shared secret of at least thirty-two characters', LOG_LEVEL: 'warn', METRICS_TOKEN: METRICS_TOKEN },
      'dist/server/cluster.js',
      60_000,
    );
    const output = cluster.output;
    const listening = () => [...output().matchAll(/Forum listening on \S+ using PostgreSQL \(process (\d+)\)/g)].map((match) => match[1]);
    await waitFor(() => listening().length === 2, 'both workers', output);
    const before = listening();

    // One scrape answers for the whole cluster: new connections are spread over both workers.
    for (let i = 0; i < 10; i += 1) expect(await getOnce(`http://127.0.0.1:${port}/`)).toBe(200);
    const scrape = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
    const metrics = await scrape.text();
    expect(metrics).toMatch(/^forum_http_request_duration_seconds_count\{method="GET",route="\/",status="200"\} 10$/m);
    expect(metrics).toMatch(/^forum_sse_connections_open 0$/m);

    const results: Array<number | string> = [];
    let streaming = true;
    const loops = Array.from({ length: 3 }, async () => {
      while (streaming) results.push(await getOnce(`http://127.0.0.1:${port}/`));
    });

    await sleep(1_000);
    cluster.process.kill('SIGHUP');
    await waitFor(() => output().includes('Rolling restart finished'), 'the rolling restart', output, 120_000);
    await sleep(1_000);
    streaming = false;
    await Promise.all(loops);

    const after = listening().slice(2);
    expect(after).toHaveLength(2);
    expect(after.filter((pid) => before.includes(pid))).toEqual([]);
    expect(output()).not.toMatch(/exited .*; starting another/);
    expect(results.length).toBeGreaterThan(20);
    expect(results.filter((result) => result !== 200)).toEqual([]);
  });
});
