// The settings panel as a supplier meets it: built for production, served by `vite preview`, loaded at runtime by
// the demo host shell in Debian's Chromium against the real API (fresh database, demo sandbox).
//   remote_js_gzip_kb: the remote's own JavaScript the browser downloads from the remote's origin, gzipped
//                      (the shared singletons come from the host, so they are not in it; goal ≤ 80)
//   panel_ready_s:     from opening the host page to the panel showing live data from the API, median of cold
//                      loads (fresh browser context each time; goal < 1.5)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startApi, startDatabase, startSandbox } from '../support/stack.mjs';

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
    // Playwright is the e2e package's dependency.
    const { chromium } = createRequire(path.join(root, 'e2e/package.json'))('@playwright/test');

    const db = await startDatabase();
    const sandbox = await startSandbox({ seed: 'demo' });
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
      let remoteBytes = 0;
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
        await tab.getByText('Not connected').waitFor({ timeout: 30_000 });
        times.push((performance.now() - started) / 1000);
        if (i === 0) {
          const bodies = await Promise.all(scripts.map((r) => r.body()));
          remoteBytes = bodies.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
          const fallbacks = scripts.filter((r) => r.url().includes('__prebuild__'));
          log(`${scripts.length} scripts from the remote; shared fallbacks loaded: ${fallbacks.length}`);
        }
        await context.close();
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      log(`loads (s): ${times.map((t) => t.toFixed(2)).join(', ')}`);
      return [
        { metric: 'remote_js_gzip_kb', value: remoteBytes / 1024, unit: 'KiB' },
        { metric: 'panel_ready_s', value: median, unit: 's' },
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
