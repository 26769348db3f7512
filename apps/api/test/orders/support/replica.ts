import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, type TestApp } from '../../support/test-app.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** How long a replica may take to start before the test gives up (when it starts is not what is tested). */
const REPLICA_START_MS = 120_000;

export interface Replica {
  url: string;
  /** SIGKILL: no shutdown hooks, in-flight calls and leases simply stop. */
  kill(): Promise<void>;
  /** What the replica printed (errors only). */
  output(): string;
  /** SIGSTOP / SIGCONT: the process freezes (timers, heartbeats, sockets) as on an overloaded host, then goes on. */
  pause(): void;
  resume(): void;
}

/**
 * An API replica in its own process (the standalone composition from the sources, see replica.main.ts), on the
 * test's database and sandbox with the same keys, time scale and time origin: one a fault test can kill for real.
 */
export async function startReplica(t: TestApp, extraEnv: NodeJS.ProcessEnv = {}): Promise<Replica> {
  const port = await freePort();
  const { encryption } = t.config;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    PORT: String(port),
    DATABASE_URL: t.config.databaseUrl,
    CIN7_BASE_URL: t.config.cin7BaseUrl,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    ENCRYPTION_KEYS: Object.entries(encryption.keys)
      .map(([id, key]) => `${id}:${key}`)
      .join(','),
    ENCRYPTION_KEY_ID: encryption.currentKeyId,
    TIME_SCALE: String(t.config.timeScale),
    SCHEDULER_TICK_MS: String(t.config.schedulerTickMs),
    LOG_LEVEL: 'warn',
    TIME_ORIGIN: String(t.config.timeOrigin),
    DEMO_MODE: 'true',
    HOST_SERVICE_SECRET: t.config.hostServiceSecret ?? '',
    ...extraEnv,
  };
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', path.join(here, 'register.mjs'), path.join(here, 'replica.main.ts')],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    // A start from the sources compiles the whole API: on a loaded machine that alone takes tens of seconds.
    const timer = setTimeout(() => reject(new Error(`replica did not start:\n${output}`)), REPLICA_START_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('API listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`replica exited (${code}):\n${output}`));
    });
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return {
    output: () => output,
    url: `http://127.0.0.1:${port}`,
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
