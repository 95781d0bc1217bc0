/**
 * The built forum (dist/server/index.js) as a child process on a loopback port: started, waited
 * for until it answers, and killed without warning (SIGKILL) to test what survives a crash, or
 * sent SIGTERM to test a graceful stop.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { projectRoot } from '../server/config';

const READY_TIMEOUT_MS = 60_000;

/** A port nobody listens on right now, on the loopback interface. */
/**
 * A free port below the kernel's ephemeral range (32768+), where other processes' `listen(0)` and
 * outgoing connections land: the server is restarted on the same port after every kill, and a port
 * from the ephemeral range could be taken by someone else in between.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port between 20000 and 30000');
}

export interface ServerDatabase {
  databaseUrl: string | null;
  sqlitePath: string;
}

export class ServerProcess {
  private child: ChildProcess | null = null;
  private output: string[] = [];
  readonly baseUrl: string;

  constructor(
    private readonly port: number,
    private readonly database: ServerDatabase,
    private readonly env: Record<string, string> = {},
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  static entryPoint(): string {
    return path.join(projectRoot(), 'dist', 'server', 'index.js');
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the server printed, for a failure message. */
  recentOutput(): string {
    return this.output.slice(-20).join('');
  }

  async start(): Promise<void> {
    const entry = ServerProcess.entryPoint();
    if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
    const child = spawn(process.execPath, [entry], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(this.port),
        DATABASE_URL: this.database.databaseUrl ?? '',
        SQLITE_PATH: this.database.sqlitePath,
        SEED: '1',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString());
      if (this.output.length > 200) this.output.splice(0, 100);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const started = Date.now();
    while (Date.now() - started < READY_TIMEOUT_MS) {
      if (!this.running) throw new Error(`the server exited while starting:\n${this.recentOutput()}`);
      try {
        const res = await fetch(`${this.baseUrl}/`, { signal: AbortSignal.timeout(2_000) });
        await res.arrayBuffer();
        if (res.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the server did not answer within ${READY_TIMEOUT_MS / 1000} s:\n${this.recentOutput()}`);
  }

  /** Sends a signal without waiting; exited() tells how the process ended. */
  signal(signal: NodeJS.Signals): void {
    if (!this.child || !this.running) throw new Error('the server is not running');
    this.child.kill(signal);
  }

  /** Resolves with the exit code (or the signal that ended it) once the process has exited. */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.child;
    if (!child) throw new Error('the server was never started');
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
    return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Ends the process at once, as a crash or the kernel's OOM killer would. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}
