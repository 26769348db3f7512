// The settings panel as a supplier meets it: built for production, served by `vite preview`, loaded at runtime by
// the demo host shell in Debian's Chromium against the real API (fresh database), for a supplier connected to the
// sandbox's `large` seed with its customers and products imported, and at least 2,000 customers linked.
//   remote_js_gzip_kb:   the remote's own JavaScript the browser downloads from the remote's origin, gzipped
//                        (the shared singletons come from the host, so they are not in it; goal ≤ 80)
//   panel_ready_s:       from opening the host page to the panel showing the connected state with the imports' data
//                        ("Connected", both imports' summaries), median of cold loads (fresh browser context; goal < 1.5)
//   linked_view_ready_s: from opening the host page to the first page of linked customers with its pager
//                        ("Showing 1–25 of 2,0xx"), same loads (goal < 1.5)
//   linked_search_s:     a search among the linked customers, from "Find" to its one result, same loads
//   axe_serious:         serious and critical axe violations on the panel states measured (loaded; a linked search)
//                        (goal 0)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { apiCaller, startApi, startDatabase, startSandbox, waitForJob } from '../support/stack.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const PANEL_PORT = Number(process.env.BENCH_PANEL_PORT ?? 4474);
const SHELL_PORT = Number(process.env.BENCH_SHELL_PORT ?? 4473);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LOADS = 5;
/** Linked customers the linked view is measured with (issue 15). */
const LINKED_GOAL = 2000;
const prefix = '/integrations/cin7-core';
/** The demo supplier connected here: its token is apiCaller's default, `demo-token-kiwi`. */
const SUPPLIER_ID = 'supplier-kiwi';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default {
  description: `settings panel, connected with the large seed imported (2,000+ linked customers): remote JS gzipped, panel and linked view ready, axe (median of ${LOADS} cold loads)`,
  async run({ log }) {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
    // Playwright is the e2e package's dependency.
    const e2eRequire = createRequire(path.join(root, 'e2e/package.json'));
    const { chromium } = e2eRequire('@playwright/test');
    const { default: AxeBuilder } = e2eRequire('@axe-core/playwright');
    const { DEMO_ACCOUNTS, SEED_SIZES } = await import('../../packages/cin7-sandbox/dist/index.js');

    const db = await startDatabase();
    // The rate limit off: the bench times the panel, not Cin7's 60 calls a minute during the set-up imports.
    const sandbox = await startSandbox({ seed: 'large', rateLimit: { enabled: false } });
    const panelOrigin = `http://localhost:${PANEL_PORT}`;
    const shellOrigin = `http://localhost:${SHELL_PORT}`;
    const api = await startApi({
      databaseUrl: db.url,
      cin7BaseUrl: sandbox.baseUrl,
      env: { CORS_ORIGINS: `${shellOrigin},${panelOrigin}` },
    });
    const env = {
      PANEL_PORT: String(PANEL_PORT),
      SHELL_PORT: String(SHELL_PORT),
      VITE_API_URL: api.url,
      VITE_PANEL_MANIFEST_URL: `${panelOrigin}/mf-manifest.json`,
    };
    const servers = [];
    let browser = null;
    try {
      const linkedTotal = await connectAndImport(api.url, sandbox, DEMO_ACCOUNTS[0], SEED_SIZES.large, log);

      log('building the panel and the shell (vite build)…');
      await Promise.all([
        run(vite('apps/settings-ui'), ['build', '--logLevel', 'warn'], env, 'apps/settings-ui'),
        run(vite('e2e'), ['build', '--logLevel', 'warn'], env, 'e2e'),
      ]);
      servers.push(await serve(vite('apps/settings-ui'), env, 'apps/settings-ui'));
      servers.push(await serve(vite('e2e'), env, 'e2e'));

      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      const page = `${shellOrigin}/#/settings/integrations/cin7-core`;
      const ready = [];
      const linkedReady = [];
      const searches = [];
      let remoteBytes = 0;
      let axeSerious = 0;
      for (let i = 0; i < LOADS; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        // Signed in as the connected supplier (the shell keeps its choice per tab session). Without it the shell
        // opens on the first demo supplier by id, "supplier-aussie", which is not connected: the panel then
        // never shows "Connected".
        await context.addInitScript(
          ([key, id]) => sessionStorage.setItem(key, id),
          ['upstock-demo-supplier', SUPPLIER_ID],
        );
        const tab = await context.newPage();
        const scripts = [];
        tab.on('response', (response) => {
          const url = response.url();
          if (url.startsWith(panelOrigin) && url.endsWith('.js')) scripts.push(response);
        });
        const panel = tab.getByTestId('cin7-settings-panel');
        // Watched from the first frame on (not from the load event: the panel loads after it).
        await tab.goto(page, { waitUntil: 'commit' });
        const [panelAt, linkedAt] = await Promise.all([
          shownAt(tab, PANEL_READY_AT, undefined),
          shownAt(tab, LINKED_READY_AT, linkedTotal),
        ]);
        ready.push(panelAt);
        linkedReady.push(linkedAt);
        if (i === 0) {
          const bodies = await Promise.all(scripts.map((r) => r.body()));
          remoteBytes = bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
          const fallbacks = scripts.filter((r) => r.url().includes('__prebuild__'));
          log(`${scripts.length} scripts from the remote; shared fallbacks loaded: ${fallbacks.length}`);
          axeSerious += await seriousViolations(AxeBuilder, tab, 'loaded', log);
        }
        if (i === LOADS - 1) log(`where the time went in the last load:\n${await timeline(tab)}`);

        // A search among the linked customers: one of the customers added for the bench, by its unique name.
        const customers = panel.getByRole('region', { name: 'Customers' });
        await customers.getByLabel('Find a linked customer').fill(EXTRA_NAME(7));
        const searchStarted = performance.now();
        await customers.getByRole('button', { name: 'Find', exact: true }).click();
        await customers.getByRole('button', { name: `Unlink ${EXTRA_NAME(7)}` }).waitFor({ timeout: 60_000 });
        await customers
          .getByRole('navigation', { name: 'Linked customers pages' })
          .waitFor({ state: 'detached', timeout: 60_000 });
        searches.push((performance.now() - searchStarted) / 1000);
        if (i === 0) axeSerious += await seriousViolations(AxeBuilder, tab, 'linked-search', log);
        await context.close();
      }
      log(`panel loads (s): ${ready.map((t) => t.toFixed(2)).join(', ')}`);
      log(`linked view loads (s): ${linkedReady.map((t) => t.toFixed(2)).join(', ')}`);
      log(`linked searches (s): ${searches.map((t) => t.toFixed(2)).join(', ')}`);
      return [
        { metric: 'remote_js_gzip_kb', value: remoteBytes / 1024, unit: 'KiB' },
        { metric: 'panel_ready_s', value: median(ready), unit: 's' },
        { metric: 'linked_view_ready_s', value: median(linkedReady), unit: 's' },
        { metric: 'linked_search_s', value: median(searches), unit: 's' },
        { metric: 'linked_customers', value: linkedTotal, unit: 'links' },
        { metric: 'axe_serious', value: axeSerious, unit: 'violations' },
      ];
    } finally {
      await browser?.close();
      for (const server of servers) await server.stop();
      await api.stop();
      await sandbox.close();
      await db.stop();
    }
  },
};

/** When the connected state with the imports' data shows: the "Connected" badge and both imports' summaries. */
const PANEL_READY_AT = () => {
  const panel = document.querySelector('[data-testid="cin7-settings-panel"]');
  const text = panel?.textContent ?? '';
  const connected = [...(panel?.querySelectorAll('.c7-badge') ?? [])].some(
    (b) => b.textContent === 'Connected',
  );
  const ready =
    connected && text.includes('Customer import finished') && text.includes('Product import finished');
  return ready ? performance.now() : false;
};
/** When the first page of linked customers shows with its pager counting every link. */
const LINKED_READY_AT = (total) => {
  const pager = document.querySelector(
    '[data-testid="cin7-settings-panel"] nav[aria-label="Linked customers pages"]',
  );
  const ready = (pager?.textContent ?? '').includes(`Showing 1–25 of ${total.toLocaleString('en')}`);
  return ready ? performance.now() : false;
};

/**
 * Seconds from the navigation's start to the first frame where `readyAt` answers a time: measured in the page
 * (its performance.now() counts from the navigation's start), so the driver's round trips do not count.
 */
async function shownAt(tab, readyAt, arg) {
  const handle = await tab.waitForFunction(readyAt, arg, { polling: 'raf', timeout: 60_000 });
  return (await handle.jsonValue()) / 1000;
}

/** The page's requests (from its resource timings) as "start → end  path", in seconds from navigation start. */
async function timeline(tab) {
  const entries = await tab.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => ({
      name: e.name,
      start: e.startTime,
      end: e.responseEnd,
    })),
  );
  return entries
    .filter((e) => !e.name.startsWith('data:'))
    .map((e) => {
      const url = new URL(e.name);
      const where = `${url.pathname.replace(/^.*\/integrations\/cin7-core/, '')}${url.search}`;
      return `    ${(e.start / 1000).toFixed(2)} → ${(e.end / 1000).toFixed(2)}  ${url.port} ${where}`;
    })
    .join('\n');
}

const EXTRA_NAME = (i) => `Bench Linked ${String(i).padStart(4, '0')} Ltd`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Connects the first demo supplier to the large seed's account, adds Cin7 customers until the import will link at
 * least LINKED_GOAL (the seed's deprecated customers are skipped), imports customers and products, and answers
 * how many customers are linked.
 */
async function connectAndImport(apiUrl, sandbox, account, seedSize, log) {
  const call = apiCaller(apiUrl, { prefix });
  await call('POST', '/connection', { accountId: account.accountId, apiKey: account.apiKey });
  const seedActive = (
    await (
      await fetch(`${sandbox.baseUrl}customer?Limit=1`, {
        headers: { 'api-auth-accountid': account.accountId, 'api-auth-applicationkey': account.apiKey },
      })
    ).json()
  ).Total;
  const extra = Math.max(0, LINKED_GOAL - seedActive) + 50;
  for (let i = 0; i < extra; i++) {
    await sandbox.admin.addCustomer(0, {
      name: EXTRA_NAME(i),
      email: `buyer@bench-linked-${i}.example`,
    });
  }
  log(`Cin7 customers: ${seedSize.customers} seeded (${seedActive} active) + ${extra} added for the bench`);
  for (const kind of ['customers', 'products']) {
    const job = await waitForJob(call, (await call('POST', '/imports', { kind })).id);
    if (job.state !== 'succeeded') throw new Error(`import ${kind} ended ${job.state}: ${job.error}`);
    log(`${kind}: ${job.result.summary}`);
  }
  const linked = (await call('GET', '/customers/linked?offset=0&limit=1')).total;
  if (linked < LINKED_GOAL) throw new Error(`only ${linked} customers linked, not ${LINKED_GOAL}`);
  return linked;
}

/** Serious and critical axe violations in the panel as it is now (all of them logged). */
async function seriousViolations(AxeBuilder, tab, state, log) {
  const results = await new AxeBuilder({ page: tab })
    .include('[data-testid="cin7-settings-panel"]')
    .analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  log(
    `axe on "${state}": ${results.violations.length} violations` +
      (results.violations.length
        ? ` (${results.violations.map((v) => `${v.id}: ${v.impact}, ${v.nodes.length} nodes`).join('; ')})`
        : ''),
  );
  return serious.length;
}

function vite(dir) {
  return path.join(root, dir, 'node_modules/.bin/vite');
}

function run(cmd, args, env, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: path.join(root, cwd),
      env: { ...process.env, ...env },
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build in ${cwd} failed (${code})`)),
    );
  });
}

/** `vite preview` (the ports come from the app's vite.config.ts via env, with --strictPort). */
function serve(cmd, env, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, ['preview'], {
      cwd: path.join(root, cwd),
      env: { ...process.env, ...env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk) => {
      output += chunk.toString();
      if (/Local/.test(output)) {
        resolve({
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', done);
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`vite preview in ${cwd} exited (${code}):\n${output}`)));
  });
}
