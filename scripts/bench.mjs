// `pnpm bench [scenario …]`: runs the named scenarios (all by default) against the built code, prints a table and
// writes bench/results/latest.json as [{ scenario, metric, value, unit }]. Scenarios: bench/scenarios/<name>.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, 'bench/scenarios');
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => f.replace(/\.mjs$/, ''))
  .sort();
const wanted = process.argv.slice(2).filter((a) => a !== '--');
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length) {
  console.error(`Unknown scenario(s): ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}

console.log('Building…');
const build = spawnSync(path.join(root, 'node_modules/.bin/tsc'), ['-b', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(1);

const rows = [];
for (const name of wanted.length ? wanted : available) {
  console.log(`\n▶ ${name}`);
  const { default: scenario } = await import(path.join(dir, `${name}.mjs`));
  const started = Date.now();
  const metrics = await scenario.run({ root, log: (line) => console.log(`  ${line}`) });
  for (const m of metrics)
    rows.push({ scenario: name, metric: m.metric, value: round(m.value), unit: m.unit });
  console.log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

console.log('');
console.table(rows);
// A run of some scenarios keeps the latest figures of the others.
const file = path.join(root, 'bench/results/latest.json');
const ran = new Set(rows.map((r) => r.scenario));
const kept = existsSync(file)
  ? JSON.parse(readFileSync(file, 'utf8')).filter((r) => !ran.has(r.scenario))
  : [];
const merged = [...kept, ...rows].sort((a, b) => a.scenario.localeCompare(b.scenario));
mkdirSync(path.dirname(file), { recursive: true });
writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
console.log('Wrote bench/results/latest.json');
process.exit(0);

function round(value) {
  return Math.round(value * 100) / 100;
}
