// The settings panel as a supplier meets it: built for production, served by `vite preview`, loaded at runtime by
// the demo host shell in Debian's Chromium against the real API (fresh database, `large` sandbox seed).
//   remote_js_gzip_kb: the remote's own JavaScript the browser downloads from the remote's origin, gzipped
//                      (the shared singletons come from the host, so they are not in it; goal ≤ 80)
//   panel_ready_s:     from opening the host page to the panel showing a connected supplier's live data (the
//                      connection, after importing the `large` seed's 2,000 customers and 10,000 products), median
//                      of cold loads (fresh browser context each time; goal < 1.5)
//   linked_view_ready_s: from opening the host page to the linked-customers view showing its first page and the
//                      count of about 2,000 linked customers (the import skips a few), median of the same cold
//                      loads (goal < 1.5)
//   axe_serious:       serious or critical axe violations in the loaded panel (@axe-core/playwright; goal 0)
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
  description: `settings panel: remote JS gzipped, and host page → panel with live data (median of ${LOADS} cold loads)`,
  async run({ log }) {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
    // Playwright and axe are the e2e package's dependencies.
    const e2eRequire = createRequire(path.join(root, 'e2e/package.json'));
    const { chromium } = e2eRequire('@playwright/test');
    const { default: AxeBuilder } = await import(e2eRequire.resolve('@axe-core/playwright'));
    const { DEMO_ACCOUNTS, SEED_SIZES } = await import('../../packages/cin7-sandbox/dist/index.js');

    const db = await startDatabase();
    // `large`: 2,000 customers (the linked view's case); the imports are set-up here, not measured.
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
      // The shell signs in as the first demo supplier: connect it and import, as a supplier would.
      const call = apiCaller(api.url, { prefix: '/integrations/cin7-core' });
      await call('POST', '/connection', {
        accountId: DEMO_ACCOUNTS[0].accountId,
        apiKey: DEMO_ACCOUNTS[0].apiKey,
      });
      for (const kind of ['customers', 'products']) {
        const job = await waitForJob(call, (await call('POST', '/imports', { kind })).id);
        if (job.state !== 'succeeded') throw new Error(`import ${kind} ended ${job.state}: ${job.error}`);
      }
      const linked = await call('GET', '/customers/linked?limit=1');
      // The import skips a few of the seed's customers (their reasons are in the job); the rest are linked.
      if (linked.total < SEED_SIZES.large.customers * 0.9)
        throw new Error(`${linked.total} linked customers of the seed's ${SEED_SIZES.large.customers}`);
      const countText = `of ${linked.total.toLocaleString('en')}`;
      log(`imported: ${linked.total} linked customers`);

      log('building the panel and the shell (vite build)…');
      await Promise.all([
        run(vite('apps/settings-ui'), ['build', '--logLevel', 'warn'], env, 'apps/settings-ui'),
        run(vite('e2e'), ['build', '--logLevel', 'warn'], env, 'e2e'),
      ]);
      servers.push(await serve(vite('apps/settings-ui'), env, 'apps/settings-ui'));
      servers.push(await serve(vite('e2e'), env, 'e2e'));

      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      const page = `${shellOrigin}/#/settings/integrations/cin7-core`;
      const times = [];
      const linkedTimes = [];
      let remoteBytes = 0;
      let axeSerious = 0;
      for (let i = 0; i < LOADS; i++) {
        const context = await browser.newContext();
        const tab = await context.newPage();
        const scripts = [];
        tab.on('response', (response) => {
          const url = response.url();
          if (url.startsWith(panelOrigin) && url.endsWith('.js')) scripts.push(response);
        });
        const started = performance.now();
        await tab.goto(page);
        const panel = tab.getByTestId('cin7-settings-panel');
        const linkedView = panel
          .getByRole('navigation', { name: 'Linked customers pages' })
          .getByText(countText);
        await Promise.all([
          panel
            .getByText('Connected', { exact: true })
            .waitFor({ timeout: 30_000 })
            .then(() => times.push((performance.now() - started) / 1000)),
          linkedView
            .waitFor({ timeout: 30_000 })
            .then(() => linkedTimes.push((performance.now() - started) / 1000)),
        ]);
        if (i === 0) {
          const axe = await new AxeBuilder({ page: tab })
            .include('[data-testid="cin7-settings-panel"]')
            .analyze();
          const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          axeSerious = serious.reduce((sum, v) => sum + v.nodes.length, 0);
          log(
            `axe: ${serious.map((v) => `${v.id} (${v.nodes.length})`).join(', ') || 'no serious or critical violation'}`,
          );
          const bodies = await Promise.all(scripts.map((r) => r.body()));
          remoteBytes = bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
          const fallbacks = scripts.filter((r) => r.url().includes('__prebuild__'));
          log(`${scripts.length} scripts from the remote; shared fallbacks loaded: ${fallbacks.length}`);
        }
        await context.close();
      }
      log(`panel ready (s): ${times.map((t) => t.toFixed(2)).join(', ')}`);
      log(`linked view ready (s): ${linkedTimes.map((t) => t.toFixed(2)).join(', ')}`);
      return [
        { metric: 'remote_js_gzip_kb', value: remoteBytes / 1024, unit: 'KiB' },
        { metric: 'panel_ready_s', value: median(times), unit: 's' },
        { metric: 'linked_view_ready_s', value: median(linkedTimes), unit: 's' },
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

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
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
