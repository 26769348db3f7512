// Starts the whole product: Postgres (DATABASE_URL, or an embedded one), the Cin7 sandbox with demo data, the API,
// the settings panel (Module Federation remote) and the demo host shell. Used by `pnpm dev` and the e2e tests.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { assertPortFree, startEmbeddedPostgres } from './lib/embedded-postgres.mjs';

const root = path.resolve(import.meta.dirname, '..');

export const DEFAULT_PORTS = { postgres: 54320, sandbox: 4010, api: 3000, panel: 4174, shell: 4173 };

/** Demo suppliers of the reference host (apps/api/src/host/host.module.ts) and the sandbox credentials. */
export const DEMO = {
  suppliers: [
    { name: 'Kiwi Wholesale Co', token: 'demo-token-kiwi' },
    { name: 'Aussie Pantry Supplies', token: 'demo-token-aussie' },
  ],
};

export function portsFromEnv(env = process.env) {
  return {
    postgres: Number(env.PG_PORT ?? DEFAULT_PORTS.postgres),
    sandbox: Number(env.SANDBOX_PORT ?? DEFAULT_PORTS.sandbox),
    api: Number(env.API_PORT ?? DEFAULT_PORTS.api),
    panel: Number(env.PANEL_PORT ?? DEFAULT_PORTS.panel),
    shell: Number(env.SHELL_PORT ?? DEFAULT_PORTS.shell),
  };
}

/**
 * @param {{ fresh?: boolean, ports?: Partial<typeof DEFAULT_PORTS>, log?: (line: string) => void, build?: boolean,
 *           seed?: string, quiet?: boolean }} options
 *   fresh: a brand-new database (e2e); otherwise the dev database is reused across runs.
 */
export async function startStack(options = {}) {
  const ports = { ...portsFromEnv(), ...options.ports };
  const log = options.log ?? ((line) => console.log(line));
  const children = [];
  let postgres = null;
  const stop = async () => {
    for (const child of children.reverse()) await stopChild(child);
    await postgres?.stop();
  };

  try {
    const databaseUrl = process.env.DATABASE_URL;
    for (const [name, port] of Object.entries(ports)) {
      if (name === 'postgres' && databaseUrl) continue;
      await assertPortFree(port).catch((e) => {
        throw new Error(`${name}: ${e.message}`);
      });
    }

    if (options.build !== false) await buildAll(ports, log);

    let serverUrl = databaseUrl;
    if (!serverUrl) {
      const dataDir = options.fresh ? '.data/e2e-postgres' : '.data/postgres';
      postgres = await startEmbeddedPostgres({ dataDir, port: ports.postgres, log });
      serverUrl = postgres.url;
      log(
        `Postgres (embedded, ${postgres.fresh ? 'new' : 'reused'}) on port ${ports.postgres}, data in ${dataDir}`,
      );
    }
    // The sandbox keeps Cin7's data in memory: a restart starts it from its seed. A database kept across that
    // would hold orders pointing at sales the new sandbox does not have (and sale numbers would repeat), so the
    // dev database starts afresh with it, unless KEEP_DEV_DATA=1.
    const keep = options.fresh || process.env.KEEP_DEV_DATA === '1';
    const dbUrl = await ensureDatabase(
      serverUrl,
      options.fresh ? `upstock_e2e_${Date.now()}` : 'upstock_dev',
      { reset: !keep },
    );
    if (!options.fresh) {
      log(
        keep
          ? 'Demo data kept (KEEP_DEV_DATA=1): orders sent before may point at Cin7 sales this fresh sandbox does not have.'
          : 'Demo data starts fresh with the Cin7 sandbox (it keeps its data in memory); KEEP_DEV_DATA=1 keeps the database.',
      );
    }

    const sandboxArgs = [
      'packages/cin7-sandbox/dist/cli.js',
      '--port',
      String(ports.sandbox),
      '--seed',
      options.seed ?? 'demo',
      // The demo (and its e2e journey) runs in real time: Cin7's first webhook attempt a minute after the event
      // would leave a shipment unseen for a minute, so the demo stack delivers at once (a sandbox option for demos).
      '--immediate-webhooks',
    ];
    children.push(
      await startChild('sandbox', process.execPath, sandboxArgs, {}, /listening on/, options.quiet, log),
    );

    const apiEnv = {
      DATABASE_URL: dbUrl,
      PORT: String(ports.api),
      CIN7_BASE_URL: `http://127.0.0.1:${ports.sandbox}/ExternalApi/v2/`,
      PUBLIC_BASE_URL: `http://127.0.0.1:${ports.api}`,
      CORS_ORIGINS: `http://localhost:${ports.shell},http://localhost:${ports.panel}`,
      SCHEDULER_TICK_MS: process.env.SCHEDULER_TICK_MS ?? '10000',
      // The demo shell signs in with the demo suppliers' tokens (never in production: the API refuses it there).
      DEMO_MODE: 'true',
    };
    children.push(
      await startChild(
        'api',
        process.execPath,
        ['apps/api/dist/main.js'],
        apiEnv,
        /API listening/,
        options.quiet,
        log,
      ),
    );

    const vite = (dir) => path.join(root, dir, 'node_modules/.bin/vite');
    children.push(
      await startChild(
        'panel',
        vite('apps/settings-ui'),
        ['preview'],
        { PANEL_PORT: String(ports.panel) },
        /localhost|Local/,
        options.quiet,
        log,
        'apps/settings-ui',
      ),
    );
    children.push(
      await startChild(
        'shell',
        vite('e2e'),
        ['preview'],
        { SHELL_PORT: String(ports.shell) },
        /localhost|Local/,
        options.quiet,
        log,
        'e2e',
      ),
    );

    const { DEMO_ACCOUNTS } = await import(path.join(root, 'packages/cin7-sandbox/dist/index.js'));
    return {
      urls: {
        shell: `http://localhost:${ports.shell}/`,
        api: `http://127.0.0.1:${ports.api}`,
        remote: `http://localhost:${ports.panel}/mf-manifest.json`,
        sandbox: `http://127.0.0.1:${ports.sandbox}`,
      },
      suppliers: DEMO.suppliers,
      cin7: { accountId: DEMO_ACCOUNTS[0].accountId, apiKey: DEMO_ACCOUNTS[0].apiKey },
      cin7Accounts: DEMO_ACCOUNTS,
      databaseUrl: dbUrl,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function buildAll(ports, log) {
  log('Building (TypeScript, panel, shell)…');
  const env = {
    PANEL_PORT: String(ports.panel),
    SHELL_PORT: String(ports.shell),
    VITE_API_URL: `http://127.0.0.1:${ports.api}`,
    VITE_PANEL_MANIFEST_URL: `http://localhost:${ports.panel}/mf-manifest.json`,
  };
  await run(
    path.join(root, 'node_modules/.bin/tsc'),
    ['-b', 'packages/cin7-core', 'packages/cin7-sandbox', 'apps/api'],
    {},
    root,
  );
  await Promise.all([
    run(
      path.join(root, 'apps/settings-ui/node_modules/.bin/vite'),
      ['build', '--logLevel', 'warn'],
      env,
      path.join(root, 'apps/settings-ui'),
    ),
    run(
      path.join(root, 'e2e/node_modules/.bin/vite'),
      ['build', '--logLevel', 'warn'],
      env,
      path.join(root, 'e2e'),
    ),
  ]);
}

/** Creates the database if missing; with `reset`, drops it first. Answers its URL and whether it was reset. */
async function ensureDatabase(serverUrl, name, { reset = false } = {}) {
  const url = new URL(serverUrl);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount > 0 && reset) await client.query(`DROP DATABASE "${name}" WITH (FORCE)`);
    if (exists.rowCount === 0 || reset) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

function run(cmd, args, env, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} ${args.join(' ')} failed (${code})`)),
    );
  });
}

function startChild(name, cmd, args, env, ready, quiet, log, cwd = '.') {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: path.join(root, cwd),
      env: { ...process.env, ...env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.label = name;
    let output = '';
    let started = false;
    const onData = (chunk) => {
      const text = chunk.toString();
      if (!started) output += text;
      if (!quiet) for (const line of text.split('\n').filter(Boolean)) log(`[${name}] ${line}`);
      if (!started && ready.test(output)) {
        started = true;
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!started)
        reject(new Error(`${name} exited (${code}) before it was ready:\n${output.slice(-2000)}`));
    });
  });
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function hasBuild() {
  return existsSync(path.join(root, 'apps/api/dist/main.js'));
}
