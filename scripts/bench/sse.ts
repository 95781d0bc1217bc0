/**
 * Memory of idle live-update streams: starts the built forum (SQLite, seeded) as its own process,
 * reads its resident memory, opens SSE_STREAMS (1,000) idle event streams on the seeded thread,
 * waits, reads it again and prints the difference
 * against the bound of issue 18 (100 MB). Run: `npm run build && node dist/scripts/bench/sse.js`
 * (SSE_STREAMS, SSE_SETTLE_MS to change the numbers). Not part of `npm run bench`.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../server/config';

const STREAMS = Number(process.env.SSE_STREAMS ?? 1_000);
const SETTLE_MS = Number(process.env.SSE_SETTLE_MS ?? 3_000);
const BOUND_MB = 100;
const ROOT = projectRoot();

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

function start(sqlitePath: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/server/index.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        SQLITE_PATH: sqlitePath,
        NODE_ENV: 'production',
        SESSION_SECRET: 'a bench-only secret of at least thirty-two characters',
        LOG_LEVEL: 'warn',
        // Every stream comes from this one address: let them all in.
        LIVE_MAX_CONNECTIONS: String(STREAMS + 10),
        LIVE_MAX_PER_MEMBER: String(STREAMS + 10),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/localhost:\d+)/.exec(output);
      if (match) resolve({ child, url: match[1].replace('localhost', '127.0.0.1') });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the forum exited with ${code}:\n${output}`)));
  });
}

const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

function openStream(url: string, onPost: () => void): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { Accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { if (chunk.includes('event: post')) onPost(); });
      resolve(req);
    });
    req.on('error', reject);
  });
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forum-sse-bench-'));
  const { child, url } = await start(path.join(dir, 'forum.sqlite'));
  const pid = child.pid!;
  try {
    // Warm the process (a page view, a first stream) so the first stream's one-time costs are not counted per stream.
    await fetch(`${url}/t/1/x`);
    let received = 0;
    const warm = await openStream(`${url}/live/t/1?after=1000000`, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const before = rssMb(pid);
    const streams: http.ClientRequest[] = [];
    for (let i = 0; i < STREAMS; i += 1) streams.push(await openStream(`${url}/live/t/1?after=1000000`, () => { received += 1; }));
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const after = rssMb(pid);
    const extra = +(after - before).toFixed(1);
    const result = {
      streams: STREAMS,
      rssBeforeMb: +before.toFixed(1),
      rssAfterMb: +after.toFixed(1),
      extraMb: extra,
      perStreamKb: +((extra * 1024) / STREAMS).toFixed(1),
      boundMb: BOUND_MB,
      met: extra < BOUND_MB,
      note: received === 0 ? 'no post was published during the run (streams idle, as intended)' : `${received} post events received`,
    };
    console.log(JSON.stringify(result, null, 2));
    for (const stream of [warm, ...streams]) stream.destroy();
    if (!result.met) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
