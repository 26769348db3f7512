// Benchmark helpers: a fresh database (DATABASE_URL's server, or an embedded Postgres), an in-process Cin7 sandbox
// and the API as its own process (so its memory and CPU are its own). Everything from the built `dist`.
import { spawn } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../scripts/lib/embedded-postgres.mjs';

const root = path.resolve(import.meta.dirname, '../..');

export async function startDatabase() {
  let embedded = null;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: '.data/bench-postgres',
      port: Number(process.env.BENCH_PG_PORT ?? 54330),
    });
    serverUrl = embedded.url;
  }
  const name = `bench_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async stop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
      await embedded?.stop();
    },
  };
}

export async function startSandbox(options) {
  const { startSandbox: start } = await import(path.join(root, 'packages/cin7-sandbox/dist/index.js'));
  return start({ port: 0, ...options });
}

/** Starts apps/api/dist/main.js on a free port; resolves once it listens. */
export async function startApi({ databaseUrl, cin7BaseUrl, env = {} }) {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      CIN7_BASE_URL: cin7BaseUrl,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      DEV_KEY_FILE: '.data/bench-encryption-key.json',
      // Benchmarks scale time (TIME_SCALE); the server refuses that outside development and tests unless allowed.
      ALLOW_TIME_SCALE: 'true',
      // Benchmarks act as the demo suppliers.
      DEMO_MODE: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      if (/API listening/.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`API exited (${code}):\n${output.slice(-2000)}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
    },
  };
}

/** Resident memory of a process, in MB (Linux /proc). */
export async function rssMb(pid) {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** A real load generator (autocannon) against one or more requests. */
export function load({ url, requests, connections = 20, duration = 5, overallRate }) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, requests, connections, duration, ...(overallRate ? { overallRate } : {}) },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

/** Calls the API as a demo supplier (JSON in and out); a non-2xx answer throws with its body. */
export function apiCaller(apiUrl, { token = 'demo-token-kiwi', prefix = '' } = {}) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return async (method, path, body) => {
    const res = await fetch(`${apiUrl}${prefix}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

/** Polls until `probe` answers something truthy, and answers it. */
export async function waitUntil(probe, what, { timeoutMs = 300_000, intervalMs = 50 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Waits for a module job (`GET <jobsPath>/:id`) to finish, and answers it. */
export function waitForJob(call, id, { jobsPath = '/jobs', timeoutMs } = {}) {
  return waitUntil(
    async () => {
      const job = await call('GET', `${jobsPath}/${id}`);
      return ['succeeded', 'failed', 'cancelled'].includes(job.state) ? job : null;
    },
    `job ${id}`,
    { timeoutMs, intervalMs: 20 },
  );
}

/**
 * Connects the supplier to the account, imports its customers and products, and answers a maker of distinct buyer
 * orders (two linked products, freight on every third): what the order benches approve.
 */
export async function connectImportAndOrders(call, sql, { base, account }) {
  await call('POST', `${base}/connection`, { accountId: account.accountId, apiKey: account.apiKey });
  for (const kind of ['customers', 'products']) {
    const { id } = await call('POST', `${base}/imports`, { kind });
    const job = await waitForJob(call, id, { jobsPath: `${base}/jobs` });
    if (job.state !== 'succeeded') throw new Error(`import ${kind} ${job.state}: ${job.error}`);
  }
  const { rows: customers } = await sql.query(
    `SELECT upstock_customer_id FROM cin7_customer_link WHERE ordering_blocked_reason IS NULL ORDER BY cin7_name`,
  );
  const { rows: products } = await sql.query(
    `SELECT upstock_product_id FROM cin7_product_link WHERE sku LIKE 'SKU-%' ORDER BY sku`,
  );
  let n = 0;
  return async function createOrder() {
    const i = n++;
    const order = await call('POST', '/host/orders', {
      customerId: customers[i % customers.length].upstock_customer_id,
      reference: `PO-${i}`,
      freight: i % 3 === 0 ? 10 : null,
      lines: [0, 1].map((k) => ({
        productId: products[(i * 5 + k * 11) % products.length].upstock_product_id,
        quantity: 1 + k,
      })),
    });
    return order.id;
  };
}
