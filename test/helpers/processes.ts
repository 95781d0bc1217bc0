/** Starts the built forum (dist/) as separate processes, as production runs it. */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export interface AppProcess {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs `node dist/<script>` with the environment given; resolves once it listens. */
export function startAppProcess(env: Record<string, string>, script = 'dist/server/index.js', timeoutMs = 30_000): Promise<AppProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: '0', BCRYPT_COST: '4', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the app did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1].replace('localhost', '127.0.0.1'),
          process: child,
          output: () => output,
          stop: () =>
            new Promise<void>((done) => {
              // Gone already: exited (exitCode) or killed by a signal (signalCode, exitCode null).
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${code} before listening:\n${output}`));
    });
  });
}

/** Runs a built script to completion and returns its exit code and output. */
export function runScript(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.on('exit', (code) => resolve({ code, output }));
  });
}
