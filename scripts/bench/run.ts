/**
 * `npm run bench`: builds a synthetic forum (200,000 posts in 5,000 threads, one of 10,000 posts),
 * starts the forum in production mode, and drives it with autocannon at a fixed concurrency,
 * anonymous and signed in, beside two baselines run in the same session: raw node:http sending
 * the thread page's bytes, and express + ejs rendering it from memory. Prints a table and writes
 * bench/results.json. Environment: BENCH_POSTS, BENCH_THREADS, BENCH_MEGATHREAD, BENCH_DURATION
 * (seconds per scenario), BENCH_CONNECTIONS, BENCH_ONLY (only the scenarios whose name contains it, e.g.
 * "search"), DATABASE_URL (PostgreSQL instead of SQLite).
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { migrateToLatest } from '../../models/migrations';
import { loadConfig, projectRoot } from '../../server/config';
import { openDatabase } from '../../server/db';
import { seedDatabase } from '../../seeds';
import { generateForum, GeneratedForum } from './generate';

const env = process.env;
const SHAPE = {
  posts: Number(env.BENCH_POSTS ?? 200_000),
  threads: Number(env.BENCH_THREADS ?? 5_000),
  megathreadPosts: Number(env.BENCH_MEGATHREAD ?? 10_000),
  members: 1_000,
};
const DURATION = Number(env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 10);
const ROOT = projectRoot();
const HTTPS = { 'X-Forwarded-Proto': 'https' };

interface Started { url: string; child: ChildProcess }

function start(script: string, extraEnv: Record<string, string>): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, script)], { cwd: ROOT, env: { PATH: env.PATH ?? '', PORT: '0', ...extraEnv } });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/localhost:\d+)/.exec(output);
      if (match) resolve({ url: match[1].replace('localhost', '127.0.0.1'), child });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${output}`)));
  });
}

/** Peak resident memory of a process, in MB (VmHWM, the kernel's high-water mark). */
function peakRssMb(pid: number | undefined): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

interface Row {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  queries: number | null;
  peakRssMb: number | null;
}

async function load(name: string, url: string, headers: Record<string, string>, pid: number | undefined): Promise<Row> {
  const probe = await fetch(url, { headers, redirect: 'manual' });
  await probe.text();
  if (probe.status !== 200) throw new Error(`${name}: ${url} answered ${probe.status}`);
  const queries = probe.headers.get('x-sql-queries');
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    queries: queries === null ? null : Number(queries),
    peakRssMb: peakRssMb(pid),
  };
}

async function freshDatabase(): Promise<{ databaseUrl: string | null; sqlitePath: string }> {
  if (env.DATABASE_URL) {
    const admin = new Client({ connectionString: env.DATABASE_URL });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS forum_bench WITH (FORCE)');
    await admin.query('CREATE DATABASE forum_bench');
    await admin.end();
    const url = new URL(env.DATABASE_URL);
    url.pathname = '/forum_bench';
    return { databaseUrl: url.toString(), sqlitePath: '' };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forum-bench-'));
  return { databaseUrl: null, sqlitePath: path.join(dir, 'forum.sqlite') };
}

async function signIn(url: string, forum: GeneratedForum): Promise<string> {
  const page = await fetch(`${url}/signin`, { headers: HTTPS });
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${url}/signin`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...HTTPS, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, username: forum.benchUser.username, password: forum.benchUser.password }).toString(),
  });
  const session = (res.headers.get('set-cookie') ?? '').split(';')[0];
  if (res.status !== 303 || !session) throw new Error(`bench sign-in failed with ${res.status}`);
  return session;
}

function table(rows: Row[], baselineExpress: Row): string {
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'SQL/req', 'peak RSS MB', 'vs express+ejs'];
  const lines = rows.map((row) => [
    row.name,
    String(row.requestsPerSecond),
    String(row.p50),
    String(row.p99),
    String(row.errors),
    row.queries === null ? '-' : String(row.queries),
    row.peakRssMb === null ? '-' : String(row.peakRssMb),
    `${(row.requestsPerSecond / baselineExpress.requestsPerSecond).toFixed(2)}x`,
  ]);
  const widths = header.map((_, i) => Math.max(header[i].length, ...lines.map((line) => line[i].length)));
  const format = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
}

async function main(): Promise<void> {
  const begun = Date.now();
  const target = await freshDatabase();
  const config = { ...loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }), ...target };
  const db = openDatabase(config);
  await migrateToLatest(db.sequelize);
  await seedDatabase(db, { config });
  const forum = await generateForum(db, SHAPE);
  await db.close();
  const generatedIn = Math.round((Date.now() - begun) / 1000);
  console.log(`Generated ${SHAPE.posts.toLocaleString('en-US')} posts in ${SHAPE.threads.toLocaleString('en-US')} threads in ${generatedIn} s`);

  const app = await start('dist/server/index.js', {
    NODE_ENV: 'production',
    SESSION_SECRET: 'x'.repeat(40),
    TRUST_PROXY: '1',
    BENCH_QUERY_COUNT: '1',
    SEED: '0',
    ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : { SQLITE_PATH: target.sqlitePath }),
  });
  const pid = app.child.pid;
  const mega = `/t/${forum.megathread.id}/${forum.megathread.slug}`;
  const typical = `/t/${forum.typicalThread.id}/${forum.typicalThread.slug}`;
  const megaPages = Math.ceil(forum.megathread.posts / 10);
  const hasSearch = (await fetch(`${app.url}/search?q=badge`)).status === 200;
  const allScenarios: Array<[string, string]> = [
    ['home', '/'],
    ['board, first page', `/b/${forum.boardSlug}`],
    ['board, deep page', `/b/${forum.boardSlug}?page=${Math.max(1, forum.boardPages - 1)}`],
    ['thread, first page', typical],
    ['megathread, first page', mega],
    ['megathread, last page', `${mega}?page=${megaPages}`],
    ['post permalink', `${mega}/${Math.floor(forum.megathread.posts / 2)}`],
    ...(hasSearch
      ? ([
          ['search', '/search?q=badge+webcam'],
          ['search, filtered', `/search?q=verification&board=${forum.boardSlug}&sort=newest`],
          ['search, corrected', '/search?q=webcamm'],
        ] as Array<[string, string]>)
      : []),
  ];
  const scenarios = allScenarios.filter(([name]) => !env.BENCH_ONLY || name.includes(env.BENCH_ONLY));
  const cookie = await signIn(app.url, forum);
  const rows: Row[] = [];
  for (const [signedIn, headers] of [[false, HTTPS], [true, { ...HTTPS, Cookie: cookie }]] as const) {
    for (const [name, route] of scenarios) {
      const row = await load(`${name}${signedIn ? ' (signed in)' : ''}`, `${app.url}${route}`, headers, pid);
      rows.push(row);
      process.stderr.write(`  ${row.name}: ${row.requestsPerSecond} req/s, p50 ${row.p50} ms\n`);
    }
  }

  // Baselines, on the identical thread page.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'forum-baseline-'));
  const pageFile = path.join(tmp, 'thread.html');
  const modelFile = path.join(tmp, 'thread.json');
  fs.writeFileSync(pageFile, await (await fetch(`${app.url}${typical}`, { headers: HTTPS })).text());
  fs.writeFileSync(modelFile, await (await fetch(`${app.url}${typical}.json`, { headers: HTTPS })).text());
  app.child.kill('SIGTERM');
  const raw = await start('dist/scripts/bench/baselineHttp.js', { PAGE_FILE: pageFile });
  const rawRow = await load('baseline: node:http, same bytes', raw.url, {}, raw.child.pid);
  raw.child.kill('SIGTERM');
  const express = await start('dist/scripts/bench/baselineExpress.js', { MODEL_FILE: modelFile, NODE_ENV: 'production' });
  const expressRow = await load('baseline: express+ejs, from memory', express.url, {}, express.child.pid);
  express.child.kill('SIGTERM');

  const all = [...rows, rawRow, expressRow];
  // A scenario left out by BENCH_ONLY reads as NaN in the targets.
  const byName = (name: string) => rows.find((row) => row.name === name) ?? { requestsPerSecond: NaN, p50: NaN };
  const searchRows = rows.filter((row) => row.name.startsWith('search') && !row.name.endsWith('(signed in)'));
  const signedInSearchRows = rows.filter((row) => row.name.startsWith('search') && row.name.endsWith('(signed in)'));
  const appRows = rows;
  // Anonymous pages come from the anonymous page cache; the signed-in rows show the work done per request.
  const targets = {
    threadVsExpress: +(byName('thread, first page').requestsPerSecond / expressRow.requestsPerSecond).toFixed(2),
    threadSignedInVsExpress: +(byName('thread, first page (signed in)').requestsPerSecond / expressRow.requestsPerSecond).toFixed(2),
    megathreadLastVsFirstP50: +(byName('megathread, last page (signed in)').p50 / Math.max(1, byName('megathread, first page (signed in)').p50)).toFixed(2),
    searchP50Ms: searchRows.length ? Math.max(...searchRows.map((row) => row.p50)) : null,
    searchSignedInP50Ms: signedInSearchRows.length ? Math.max(...signedInSearchRows.map((row) => row.p50)) : null,
    errors: appRows.reduce((sum, row) => sum + row.errors, 0),
    peakRssMb: Math.max(...appRows.map((row) => row.peakRssMb ?? 0)),
  };
  const machine = {
    date: new Date().toISOString(),
    cpu: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    database: target.databaseUrl ? 'PostgreSQL' : 'SQLite',
    shape: SHAPE,
    durationSeconds: DURATION,
    connections: CONNECTIONS,
  };
  console.log(`\n${table(all, expressRow)}\n`);
  console.log(`Thread page vs express+ejs: ${targets.threadVsExpress}x anonymous, ${targets.threadSignedInVsExpress}x signed in (target ≥ 0.5)`);
  console.log(`Megathread last page p50 / first page p50, signed in: ${targets.megathreadLastVsFirstP50} (target ≤ 1.2)`);
  console.log(`Search p50 (worst of three, anonymous): ${targets.searchP50Ms ?? 'n/a'} ms (target < 50)`);
  console.log(`Search p50 (worst of three, signed in): ${targets.searchSignedInP50Ms ?? 'n/a'} ms`);
  console.log(`Errors: ${targets.errors} (target 0); peak RSS ${targets.peakRssMb} MB (target < 300)`);
  const outFile = path.join(ROOT, 'bench', env.DATABASE_URL ? 'results-postgres.json' : 'results.json');
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify({ machine, targets, rows: all, generatedInSeconds: generatedIn }, null, 2)}\n`);
  console.log(`Written to ${path.relative(ROOT, outFile)}`);
  if (target.sqlitePath) fs.rmSync(path.dirname(target.sqlitePath), { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
