/**
 * `npm run bench`: builds a synthetic forum (200,000 posts in 5,000 threads, one of 10,000 posts),
 * starts the forum in production mode, and drives it with autocannon at a fixed concurrency,
 * anonymous and signed in, beside two baselines run in the same session: raw node:http sending
 * the thread page's bytes, and express + ejs rendering it from memory. Prints a table and writes
 * bench/results.json. Environment: BENCH_POSTS, BENCH_THREADS, BENCH_MEGATHREAD, BENCH_DURATION
 * (seconds per scenario), BENCH_CONNECTIONS, DATABASE_URL (PostgreSQL instead of SQLite).
 * For before/after comparisons on a busy machine: BENCH_ONLY (a regular expression: only the
 * scenarios whose name matches, baselines included) and BENCH_CPU_PROF (a directory: the forum
 * and the express+ejs baseline run under `node --cpu-prof` and write their profiles there).
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
import { BenchForum, generateSignedIn } from './generateSignedIn';
import { managerScenarios, readerScenarios, Scenario, SIGNED_IN_ONLY, staffScenarios, threadRoute } from './scenarios';

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
const ONLY = env.BENCH_ONLY ? new RegExp(env.BENCH_ONLY) : null;
const CPU_PROF = env.BENCH_CPU_PROF ? path.resolve(env.BENCH_CPU_PROF) : null;
const selected = (name: string) => !ONLY || ONLY.test(name);

interface Started { url: string; child: ChildProcess }

function start(script: string, extraEnv: Record<string, string>, profile = false): Promise<Started> {
  return new Promise((resolve, reject) => {
    const flags = profile && CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [];
    const child = spawn(process.execPath, [...flags, path.join(ROOT, script)], { cwd: ROOT, env: { PATH: env.PATH ?? '', PORT: '0', ...extraEnv } });
    let output = '';
    let listening = false;
    const onData = (chunk: Buffer) => {
      // After "listening", the log lines are drained unread: keeping them would grow without bound.
      if (listening) return;
      output += chunk.toString();
      const match = /listening on (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        listening = true;
        resolve({ url: match[1].replace('localhost', '127.0.0.1'), child });
      }
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

/** CPU time a process has used, in ms (user + system, from /proc/<pid>/stat; clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
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
  /** The server's CPU time per request: on a shared machine, steadier than req/s. */
  cpuMsPerRequest: number | null;
}

/** Ends a started process and waits for it, so a --cpu-prof profile is written before we go on. */
function stop({ child }: Started): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Waits until the server has finished the previous scenario's last requests: autocannon stops
 * without waiting for the ones in flight, and their SQL (X-SQL-Queries counts every statement
 * the process runs while a request is served) and CPU time would land on the next row. Quiet is
 * two readings of its CPU time 50 ms apart that agree (at most two seconds).
 */
async function settle(pid: number | undefined): Promise<void> {
  let last = cpuMs(pid);
  for (let i = 0; i < 40 && last !== null; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = cpuMs(pid);
    if (now === last) return;
    last = now;
  }
}

async function load(name: string, url: string, headers: Record<string, string>, pid: number | undefined): Promise<Row> {
  await settle(pid);
  const probe = await fetch(url, { headers, redirect: 'manual' });
  await probe.text();
  if (probe.status !== 200) throw new Error(`${name}: ${url} answered ${probe.status}`);
  const queries = probe.headers.get('x-sql-queries');
  const cpuBefore = cpuMs(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  const cpuAfter = cpuMs(pid);
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    queries: queries === null ? null : Number(queries),
    peakRssMb: peakRssMb(pid),
    cpuMsPerRequest:
      cpuBefore === null || cpuAfter === null || result.requests.total === 0 ? null : +((cpuAfter - cpuBefore) / result.requests.total).toFixed(2),
  };
}

/** The bench's own PostgreSQL database, beside the one DATABASE_URL names. */
function benchDatabaseUrl(): string {
  const url = new URL(env.DATABASE_URL!);
  url.pathname = '/forum_bench';
  return url.toString();
}

async function freshDatabase(): Promise<{ databaseUrl: string | null; sqlitePath: string }> {
  if (env.DATABASE_URL) {
    const admin = new Client({ connectionString: env.DATABASE_URL });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS forum_bench WITH (FORCE)');
    await admin.query('CREATE DATABASE forum_bench');
    await admin.end();
    return { databaseUrl: benchDatabaseUrl(), sqlitePath: '' };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forum-bench-'));
  return { databaseUrl: null, sqlitePath: path.join(dir, 'forum.sqlite') };
}

/**
 * BENCH_KEEP=<dir> (for profiling sessions, and to generate a forum while the machine is busy and
 * measure it later when it is quiet): the generated forum is kept (SQLite: in that folder;
 * PostgreSQL: the forum_bench database, its shape in that folder) and reused by the next run with
 * the same folder, skipping the generation. Pages then include whatever earlier runs wrote
 * (sessions, rate-limit rows), so recorded figures use a forum measured once.
 * BENCH_GENERATE_ONLY=1 stops after the generation.
 */
function keptForum(): { sqlitePath: string; shapeFile: string; forum: GeneratedForum | null } | null {
  if (!env.BENCH_KEEP) return null;
  const dir = path.resolve(env.BENCH_KEEP);
  fs.mkdirSync(dir, { recursive: true });
  const shapeFile = path.join(dir, env.DATABASE_URL ? 'forum-postgres.json' : 'forum.json');
  const forum = fs.existsSync(shapeFile) ? (JSON.parse(fs.readFileSync(shapeFile, 'utf8')) as GeneratedForum) : null;
  return { sqlitePath: env.DATABASE_URL ? '' : path.join(dir, 'forum.sqlite'), shapeFile, forum };
}

async function benchTarget(kept: ReturnType<typeof keptForum>): Promise<{ databaseUrl: string | null; sqlitePath: string }> {
  if (!kept) return freshDatabase();
  if (!env.DATABASE_URL) return { databaseUrl: null, sqlitePath: kept.sqlitePath };
  return kept.forum ? { databaseUrl: benchDatabaseUrl(), sqlitePath: '' } : freshDatabase();
}

async function signIn(url: string, user: { username: string; password: string }): Promise<string> {
  const page = await fetch(`${url}/signin`, { headers: HTTPS });
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${url}/signin`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...HTTPS, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, username: user.username, password: user.password }).toString(),
  });
  const session = (res.headers.get('set-cookie') ?? '').split(';')[0];
  if (res.status !== 303 || !session) throw new Error(`bench sign-in failed with ${res.status}`);
  return session;
}

/** One line per scenario, anonymous and signed in side by side, then the baselines. */
function table(rows: Row[], baselines: Row[], baselineExpress: Row): string {
  const cells = (row: Row | undefined) =>
    row
      ? [
          String(row.requestsPerSecond),
          String(row.p50),
          String(row.p99),
          String(row.errors),
          row.queries === null ? '-' : String(row.queries),
          row.peakRssMb === null ? '-' : String(row.peakRssMb),
          row.cpuMsPerRequest === null ? '-' : String(row.cpuMsPerRequest),
          `${(row.requestsPerSecond / baselineExpress.requestsPerSecond).toFixed(2)}x`,
        ]
      : ['', '', '', '', '', '', '', ''];
  const columns = ['req/s', 'p50', 'p99', 'err', 'SQL', 'RSS MB', 'CPU ms', 'vs ejs'];
  const header = ['scenario', ...columns.map((c) => `anon ${c}`), ...columns.map((c) => `signed-in ${c}`)];
  const names = [...new Set(rows.map((row) => row.name.replace(/ \(signed in\)$/, '')))];
  const lines = [
    ...names.map((name) => [name, ...cells(rows.find((row) => row.name === name)), ...cells(rows.find((row) => row.name === `${name} (signed in)`))]),
    ...baselines.map((row) => [row.name, ...cells(row), ...cells(undefined)]),
  ];
  const widths = header.map((_, i) => Math.max(header[i].length, ...lines.map((line) => line[i].length)));
  const format = (line: string[]) => line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
}

async function main(): Promise<void> {
  const begun = Date.now();
  const kept = keptForum();
  const target = await benchTarget(kept);
  let generated: GeneratedForum | null = kept?.forum ?? null;
  let forum: BenchForum;
  if (generated?.signedIn) {
    forum = { ...generated, signedIn: generated.signedIn };
  } else {
    const config = { ...loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) }), ...target };
    const db = openDatabase(config);
    if (!generated) {
      await migrateToLatest(db.sequelize);
      await seedDatabase(db, { config });
      generated = await generateForum(db, SHAPE);
    }
    // A forum kept before generateSignedIn existed gets its member and staff rows now.
    forum = { ...generated, signedIn: await generateSignedIn(db, generated) };
    await db.close();
    if (kept) fs.writeFileSync(kept.shapeFile, JSON.stringify(forum));
  }
  const generatedIn = Math.round((Date.now() - begun) / 1000);
  console.log(`Generated ${SHAPE.posts.toLocaleString('en-US')} posts in ${SHAPE.threads.toLocaleString('en-US')} threads in ${generatedIn} s`);
  if (env.BENCH_GENERATE_ONLY) return;

  const app = await start('dist/server/index.js', {
    NODE_ENV: 'production',
    SESSION_SECRET: 'x'.repeat(40),
    TRUST_PROXY: '1',
    BENCH_QUERY_COUNT: '1',
    // The dashboard rows measure computing the figures, not a kept copy of them.
    DASHBOARD_CACHE_SECONDS: '0',
    SEED: '0',
    ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : { SQLITE_PATH: target.sqlitePath }),
  }, true);
  const pid = app.child.pid;
  const mega = threadRoute(forum.megathread);
  const typical = threadRoute(forum.typicalThread);
  const hasSearch = (await fetch(`${app.url}/search?q=badge`)).status === 200;
  // A post of the megathread for the per-post pages (its id from the page's JSON twin).
  const megaPage = (await (await fetch(`${app.url}${mega}.json`, { headers: HTTPS })).json()) as { posts: Array<{ id: number }> };
  const benchPostId = megaPage.posts[0].id;
  // A deep board page is a keyset place (past the tenth page): where the old ?page=N link redirects.
  const deepBoard = await fetch(`${app.url}/b/${forum.boardSlug}?page=${Math.max(1, forum.boardPages - 1)}`, { headers: HTTPS, redirect: 'manual' });
  const deepBoardUrl = deepBoard.headers.get('location') ?? `/b/${forum.boardSlug}?page=${Math.max(1, forum.boardPages - 1)}`;
  const scenarios = readerScenarios(forum, { deepBoardUrl, benchPostId, hasSearch });
  const cookie = await signIn(app.url, forum.benchUser);
  const rows: Row[] = [];
  for (const [signedIn, headers] of [[false, HTTPS], [true, { ...HTTPS, Cookie: cookie }]] as const) {
    for (const [name, route] of scenarios) {
      if (!signedIn && SIGNED_IN_ONLY.has(name)) continue;
      if (!selected(`${name}${signedIn ? ' (signed in)' : ''}`)) continue;
      const row = await load(`${name}${signedIn ? ' (signed in)' : ''}`, `${app.url}${route}`, headers, pid);
      rows.push(row);
      process.stderr.write(`  ${row.name}: ${row.requestsPerSecond} req/s, p50 ${row.p50} ms\n`);
    }
  }

  // Staff pages, signed in as the bench moderator, then a manager's. Kept apart from the reader's
  // scenarios, whose signed-in rows are a contributor's; named as signed-in rows, so the table
  // puts them in its signed-in columns.
  const staffRuns: Array<[{ username: string; password: string }, Scenario[]]> = [
    [forum.staffUser, staffScenarios(forum)],
    [forum.signedIn.managerUser, managerScenarios()],
  ];
  for (const [user, list] of staffRuns) {
    const staffCookie = await signIn(app.url, user);
    for (const [name, route] of list) {
      if (!selected(`${name} (signed in)`)) continue;
      const row = await load(`${name} (signed in)`, `${app.url}${route}`, { ...HTTPS, Cookie: staffCookie }, pid);
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
  await stop(app);
  const baselines: Row[] = [];
  if (selected('baseline: node:http')) {
    const raw = await start('dist/scripts/bench/baselineHttp.js', { PAGE_FILE: pageFile });
    baselines.push(await load('baseline: node:http, same bytes', raw.url, {}, raw.child.pid));
    await stop(raw);
  }
  const express = await start('dist/scripts/bench/baselineExpress.js', { MODEL_FILE: modelFile, NODE_ENV: 'production' }, true);
  const expressRow = await load('baseline: express+ejs, from memory', express.url, {}, express.child.pid);
  baselines.push(expressRow);
  await stop(express);
  const all = [...rows, ...baselines];
  const byName = (name: string) => rows.find((row) => row.name === name);
  const vsExpress = (name: string) => {
    const row = byName(name);
    return row ? +(row.requestsPerSecond / expressRow.requestsPerSecond).toFixed(2) : null;
  };
  const searchRows = rows.filter((row) => row.name.startsWith('search') && !row.name.endsWith('(signed in)'));
  const signedInSearchRows = rows.filter((row) => row.name.startsWith('search') && row.name.endsWith('(signed in)'));
  const megaFirst = byName('megathread, first page (signed in)');
  const megaLast = byName('megathread, last page (signed in)');
  // Signed-in pages the issue holds to ≥ 2,000 req/s (SQLite; half on PostgreSQL) and ≥ 0.6x express+ejs.
  const signedInTargets = ['home', 'board, first page', 'board, deep page', 'thread, first page', 'megathread, last page', 'post permalink']
    .map((name) => byName(`${name} (signed in)`))
    .filter((row): row is Row => row !== undefined);
  const floor = target.databaseUrl ? 1_000 : 2_000;
  // Anonymous pages come from the anonymous page cache; the signed-in rows show the work done per request.
  const targets = {
    threadVsExpress: vsExpress('thread, first page'),
    threadSignedInVsExpress: vsExpress('thread, first page (signed in)'),
    slowestSignedIn: signedInTargets.length ? Math.min(...signedInTargets.map((row) => row.requestsPerSecond)) : null,
    slowestSignedInVsExpress: signedInTargets.length
      ? +(Math.min(...signedInTargets.map((row) => row.requestsPerSecond)) / expressRow.requestsPerSecond).toFixed(2)
      : null,
    expressBaseline: expressRow.requestsPerSecond,
    megathreadLastVsFirstP50: megaFirst && megaLast ? +(megaLast.p50 / Math.max(1, megaFirst.p50)).toFixed(2) : null,
    searchP50Ms: searchRows.length ? Math.max(...searchRows.map((row) => row.p50)) : null,
    searchSignedInP50Ms: signedInSearchRows.length ? Math.max(...signedInSearchRows.map((row) => row.p50)) : null,
    errors: rows.reduce((sum, row) => sum + row.errors, 0),
    peakRssMb: Math.max(0, ...rows.map((row) => row.peakRssMb ?? 0)),
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
    only: env.BENCH_ONLY ?? null,
  };
  console.log(`\n${table(rows, baselines, expressRow)}\n`);
  console.log(`Express+ejs baseline: ${targets.expressBaseline} req/s (target ≥ ${floor * 2})`);
  console.log(`Slowest signed-in page (home, boards, thread, megathread last page, permalink): ${targets.slowestSignedIn ?? 'n/a'} req/s, ${targets.slowestSignedInVsExpress ?? 'n/a'}x express+ejs (targets ≥ ${floor}, ≥ 0.6x)`);
  console.log(`Megathread last page p50 / first page p50, signed in: ${targets.megathreadLastVsFirstP50 ?? 'n/a'} (target ≤ 1.2)`);
  console.log(`Search p50 (worst of three, anonymous): ${targets.searchP50Ms ?? 'n/a'} ms (target < 50)`);
  console.log(`Search p50 (worst of three, signed in): ${targets.searchSignedInP50Ms ?? 'n/a'} ms`);
  console.log(`Errors: ${targets.errors} (target 0); peak RSS ${targets.peakRssMb} MB (target < 250)`);
  const outFile = path.join(ROOT, 'bench', env.DATABASE_URL ? 'results-postgres.json' : 'results.json');
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${JSON.stringify({ machine, targets, rows: all, generatedInSeconds: generatedIn }, null, 2)}\n`);
  console.log(`Written to ${path.relative(ROOT, outFile)}`);
  if (target.sqlitePath && !kept) fs.rmSync(path.dirname(target.sqlitePath), { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
