/**
 * SIGTERM to the built server (run `npm run build` first): it stops accepting connections, lets a
 * request in flight finish and answers it, then exits 0; a request that never finishes is cut
 * after SHUTDOWN_TIMEOUT_MS instead of holding the process forever.
 */
import http from 'node:http';
import { freePort, ServerProcess } from '../../scripts/serverProcess';
import { createTestDatabase, TestDatabase } from '../helpers/db';

jest.setTimeout(120_000);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});
afterAll(() => database.destroy());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A form post whose body arrives in two parts, the second when the test says. */
function slowPost(baseUrl: string, path: string, body: string) {
  const url = new URL(path, baseUrl);
  const req = http.request({
    host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent: false,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
  });
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return { finish: () => req.end(body.slice(half)), answer };
}

async function refusesConnections(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return false;
  } catch {
    return true;
  }
}

async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const server = new ServerProcess(await freePort(), database, env);
  await server.start();
  return server;
}

it('answers a request in flight when SIGTERM arrives, refuses new connections meanwhile, and exits 0', async () => {
  const server = await startServer({ SHUTDOWN_TIMEOUT_MS: '30000' });
  const upload = slowPost(server.baseUrl, '/signin', 'username=RafehG&password=not-the-password&_csrf=none');
  await sleep(500);
  server.signal('SIGTERM');

  const started = Date.now();
  while (!(await refusesConnections(server.baseUrl))) {
    if (Date.now() - started > 10_000) throw new Error(`still accepting connections after SIGTERM:\n${server.recentOutput()}`);
    await sleep(100);
  }
  expect(server.running).toBe(true);

  upload.finish();
  const { status, text } = await upload.answer;
  // The forum's own refusal of a form without a session's CSRF token: the request was served in full.
  expect(status).toBe(403);
  expect(text).toContain('</html>');
  expect(await server.exited()).toEqual({ code: 0, signal: null });
});

it('cuts a request that never finishes after SHUTDOWN_TIMEOUT_MS and still exits 0', async () => {
  const server = await startServer({ SHUTDOWN_TIMEOUT_MS: '1000' });
  const upload = slowPost(server.baseUrl, '/signin', 'username=RafehG&password=never-sent-in-full');
  upload.answer.catch(() => undefined);
  await sleep(500);
  const signalled = Date.now();
  server.signal('SIGTERM');
  expect(await server.exited()).toEqual({ code: 0, signal: null });
  expect(Date.now() - signalled).toBeLessThan(20_000);
  await expect(upload.answer).rejects.toThrow();
});
