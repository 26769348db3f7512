// `pnpm test host-example` (or `node scripts/host-example.mjs`): the example host (examples/host-nest) installed as
// a host would, from `pnpm pack` tarballs of the contracts, the client, the sandbox and the module, in a folder
// outside the repository, then its smoke test against the sandbox and Postgres (DATABASE_URL, or the machine's).
// Prints the usual `N passed, N failed` line and exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const PACKAGES = {
  'upstock-cin7-contracts': 'packages/contracts',
  'upstock-cin7-core': 'packages/cin7-core',
  'upstock-cin7-sandbox': 'packages/cin7-sandbox',
  'upstock-cin7-api': 'apps/api',
  // Packing builds the panel's remote (its prepack script) with relative asset URLs.
  'upstock-cin7-settings-ui': 'apps/settings-ui',
};

export function runHostExample({ keep = false } = {}) {
  const work = mkdtempSync(path.join(tmpdir(), 'upstock-host-example-'));
  const host = path.join(work, 'host-nest');
  try {
    step(
      'build the packages',
      process.execPath,
      [path.join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'],
      root,
    );
    cpSync(path.join(root, 'examples/host-nest'), host, {
      recursive: true,
      filter: (src) => !/[/\\](node_modules|dist|packs)$/.test(src),
    });
    const packs = path.join(host, 'packs');
    mkdirSync(packs);
    for (const [name, dir] of Object.entries(PACKAGES)) {
      const out = path.join(work, name);
      mkdirSync(out);
      step(`pack ${dir}`, 'pnpm', ['pack', '--pack-destination', out], path.join(root, dir));
      const [file] = readdirSync(out);
      // Stable names, so the example's package.json does not change with every version.
      renameSync(path.join(out, file), path.join(packs, `${name}.tgz`));
    }
    step('install the example', 'pnpm', ['install', '--config.confirmModulesPurge=false'], host);
    const test = spawnSync('pnpm', ['test'], {
      cwd: host,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: adminDatabaseUrl() },
    });
    process.stdout.write(test.stdout);
    process.stderr.write(test.stderr);
    const count = (label) => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(test.stdout)?.[1] ?? 0);
    const passed = count('pass');
    const failed = count('fail') + (test.status !== 0 && count('fail') === 0 ? 1 : 0);
    return { passed, failed };
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
  }
}

/** The smoke test creates (and drops) its own database on this server. */
function adminDatabaseUrl() {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = '/postgres';
  return url.toString();
}

function step(what, cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stdout.write(r.stdout ?? '');
    process.stderr.write(r.stderr ?? '');
    throw new Error(`host example: could not ${what} (exit ${r.status})`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let outcome;
  try {
    outcome = runHostExample({ keep: process.argv.includes('--keep') });
  } catch (error) {
    console.error(error.message);
    outcome = { passed: 0, failed: 1 };
  }
  console.log(`\n${outcome.passed} passed, ${outcome.failed} failed`);
  process.exit(outcome.failed ? 1 : 0);
}
