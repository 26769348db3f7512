// `pnpm test`: every layer in order (lint, typecheck, unit, integration, host-example, e2e), stopping at the first that fails,
// with each runner's own summary, and last one plain line totalling all layers.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runHostExample } from './host-example.mjs';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, '.data/test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const bin = (name, dir = '.') => path.join(root, dir, 'node_modules/.bin', name);

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Tests are compiled by swc at run time, without types: the typecheck layer checks them too. */
const TEST_TSCONFIGS = [
  'apps/api/test/tsconfig.json',
  'apps/settings-ui/tsconfig.spec.json',
  'packages/cin7-core/test/client/tsconfig.json',
  'packages/cin7-sandbox/test/tsconfig.json',
];

/** Each layer returns { passed, failed } counted from its runner's machine-readable output. */
const layers = [
  { name: 'lint', run: () => checkLayer(bin('biome'), ['check', '.']) },
  { name: 'typecheck', run: typecheckLayer },
  { name: 'unit', run: () => jestLayer('unit', ['--selectProjects', 'unit', 'ui']) },
  { name: 'integration', run: () => jestLayer('integration', ['--selectProjects', 'integration']) },
  { name: 'host-example', run: hostExampleLayer },
  { name: 'e2e', run: e2eLayer },
];

const only = process.argv.slice(2);
const total = { passed: 0, failed: 0 };
for (const layer of layers.filter((l) => only.length === 0 || only.includes(l.name))) {
  console.log(`\n━━ ${layer.name} ━━`);
  const outcome = layer.run();
  total.passed += outcome.passed;
  total.failed += outcome.failed;
  if (outcome.failed > 0 || outcome.error) {
    console.log(
      `\n✗ ${layer.name} failed${outcome.error ? `: ${outcome.error}` : ''}; later layers were not run.`,
    );
    console.log(`${total.passed} passed, ${Math.max(total.failed, 1)} failed`);
    process.exit(1);
  }
}
console.log(`\n${total.passed} passed, ${total.failed} failed`);

function checkLayer(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  return r.status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

/**
 * The build graph, then the tests, then the module's public surface against its API report
 * (apps/api/etc/cin7-api.api.md; `pnpm --filter @upstock/cin7-api api-report` updates it on purpose).
 */
function typecheckLayer() {
  const build = checkLayer(bin('tsc'), ['-b', 'tsconfig.build.json']);
  if (build.failed) return build;
  const failed = TEST_TSCONFIGS.filter((config) => checkLayer(bin('tsc'), ['-p', config]).failed).length;
  const report = spawnSync(bin('api-extractor', 'apps/api'), ['run'], {
    cwd: path.join(root, 'apps/api'),
    stdio: 'inherit',
  });
  const reportFailed = report.status === 0 ? 0 : 1;
  return { passed: failed + reportFailed ? 0 : 1, failed: failed + reportFailed };
}

function jestLayer(name, args) {
  const out = path.join(results, `${name}.json`);
  const r = spawnSync(process.execPath, ['scripts/jest.mjs', ...args, '--json', `--outputFile=${out}`], {
    cwd: root,
    stdio: 'inherit',
  });
  if (!existsSync(out)) return { passed: 0, failed: 1, error: `jest exited with ${r.status}` };
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const failedSuites = report.numFailedTestSuites ?? 0;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + (report.numFailedTests === 0 ? failedSuites : 0),
    ...(r.status !== 0 && report.numFailedTests === 0 ? { error: `jest exited with ${r.status}` } : {}),
  };
}

/** examples/host-nest installed from the packed packages, outside the repository, and its smoke test. */
function hostExampleLayer() {
  try {
    return runHostExample();
  } catch (error) {
    return { passed: 0, failed: 1, error: error.message };
  }
}

function e2eLayer() {
  if (!existsSync(chromium)) {
    return {
      passed: 0,
      failed: 1,
      error: `Chromium not found at ${chromium}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`,
    };
  }
  const out = path.join(results, 'e2e.json');
  const r = spawnSync(bin('playwright', 'e2e'), ['test', '--reporter=list,json'], {
    cwd: path.join(root, 'e2e'),
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
  });
  if (!existsSync(out)) return { passed: 0, failed: 1, error: `playwright exited with ${r.status}` };
  const { stats } = JSON.parse(readFileSync(out, 'utf8'));
  const failed = (stats.unexpected ?? 0) + (stats.flaky ?? 0);
  return {
    passed: stats.expected ?? 0,
    failed,
    ...(r.status !== 0 && failed === 0 ? { error: `playwright exited with ${r.status}` } : {}),
  };
}
