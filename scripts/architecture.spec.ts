// Architecture rules checked by a test, so they hold as the code grows (STYLE.md practice 11).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

const root = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (name === 'node_modules' || name === 'dist') continue;
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(name)) out.push(full);
    }
  };
  walk(path.join(root, dir));
  return out;
}

const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map(
    (m) => m[1] as string,
  );
const rel = (file: string) => path.relative(root, file);

describe('architecture', () => {
  it('keeps contracts a browser-safe leaf: no app, no Nest, no TypeORM, no Node built-ins', () => {
    const offenders = sources('packages/contracts/src').flatMap((file) =>
      importsOf(file)
        .filter((i) => /^@upstock\/|^@nestjs\/|^typeorm|^node:|apps\//.test(i))
        .map((i) => `${rel(file)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the panel away from the API: it talks HTTP through contracts only', () => {
    const offenders = sources('apps/settings-ui/src').flatMap((file) =>
      importsOf(file)
        .filter((i) => /@upstock\/cin7-api|apps\/api|@upstock\/cin7-core|@nestjs\//.test(i))
        .map((i) => `${rel(file)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the sandbox and the client apart: neither imports the other, so they cannot drift together', () => {
    const offenders = [
      ...sources('packages/cin7-sandbox/src').flatMap((file) =>
        importsOf(file)
          .filter((i) => /@upstock\/cin7-core|cin7-core\//.test(i))
          .map((i) => `${rel(file)} imports ${i}`),
      ),
      ...sources('packages/cin7-core/src').flatMap((file) =>
        importsOf(file)
          .filter((i) => /@upstock\/cin7-sandbox|cin7-sandbox\//.test(i))
          .map((i) => `${rel(file)} imports ${i}`),
      ),
    ];
    expect(offenders).toEqual([]);
  });

  it('keeps the module out of the host: it reaches host data through ports only', () => {
    const offenders = sources('apps/api/src/module').flatMap((file) =>
      importsOf(file)
        .filter((i) => /\/host\/|\/standalone\/|host_/.test(i))
        .map((i) => `${rel(file)} imports ${i}`),
    );
    const hostTables = sources('apps/api/src/module').filter((file) =>
      /\bhost_[a-z_]+\b/.test(readFileSync(file, 'utf8')),
    );
    expect([...offenders, ...hostTables.map((f) => `${rel(f)} names a host table`)]).toEqual([]);
  });

  it('reads process.env only in configuration files', () => {
    const offenders = [
      'apps/api/src',
      'packages/cin7-core/src',
      'packages/contracts/src',
      'apps/settings-ui/src',
    ]
      .flatMap(sources)
      .filter((file) => !/(config|env)[^/]*\.tsx?$/.test(file) && !/\.spec\.tsx?$/.test(file))
      .filter((file) => /process\.env/.test(readFileSync(file, 'utf8')))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('marks every module controller as supplier-scoped, host-to-host (the host service guard), or the Cin7 webhook', () => {
    const offenders = sources('apps/api/src/module')
      .filter((file) => file.endsWith('.controller.ts'))
      .filter((file) => {
        const text = readFileSync(file, 'utf8');
        return (
          !/@SupplierScoped\(\)/.test(text) &&
          !/@Cin7Webhook\(\)/.test(text) &&
          !/@UseGuards\(HostCallGuard, InputEdgeGuard\)/.test(text)
        );
      })
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('keeps the catalog from importing prices: prices listen to CatalogChanges instead, so the dependency runs one way', () => {
    const offenders = sources('apps/api/src/module/catalog')
      .filter((file) => /from '(\.\.\/)+prices\//.test(readFileSync(file, 'utf8')))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('loads the module without @nestjs/swagger (a host may not have it): only the standalone server uses it', () => {
    const offenders = sources('apps/api/src/module')
      .filter((file) => /from '@nestjs\/swagger'/.test(readFileSync(file, 'utf8')))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it('imports only packages the module declares, through their public entry points (no other package internals)', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'apps/api/package.json'), 'utf8'));
    const declared = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    // Statement-level imports only: the loose matcher above also catches "import" in prose.
    const moduleImports = (file: string) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
        ),
      ].map((m) => (m[1] ?? m[2]) as string);
    const offenders = sources('apps/api/src/module')
      .filter((file) => !/\.spec\.tsx?$/.test(file))
      .flatMap((file) =>
        moduleImports(file)
          .filter((i) => !i.startsWith('.') && !i.startsWith('node:'))
          .filter((i) => {
            const name = i.startsWith('@') ? i.split('/').slice(0, 2).join('/') : (i.split('/')[0] as string);
            return !declared.has(name) || i !== name;
          })
          .map((i) => `${rel(file)} imports ${i}`),
      );
    expect(offenders).toEqual([]);
  });
});
