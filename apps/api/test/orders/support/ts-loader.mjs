// Node ESM loader hooks that run the API's TypeScript sources in a child process (the fault test kills one replica
// with SIGKILL, which an in-process app cannot be). Same transform as the jest config: swc, legacy decorators
// with metadata, workspace packages resolved to their sources.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformSync } from '@swc/core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const WORKSPACE = {
  '@upstock/cin7-contracts': 'packages/contracts/src/index.ts',
  '@upstock/cin7-core': 'packages/cin7-core/src/index.ts',
  '@upstock/cin7-sandbox': 'packages/cin7-sandbox/src/index.ts',
};

export async function resolve(specifier, context, next) {
  const mapped = WORKSPACE[specifier];
  if (mapped) return { url: pathToFileURL(path.join(root, mapped)).href, shortCircuit: true };
  if (
    (specifier.startsWith('.') || specifier.startsWith('/')) &&
    specifier.endsWith('.js') &&
    context.parentURL
  ) {
    const candidate = new URL(specifier.replace(/\.js$/, '.ts'), context.parentURL);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const filename = fileURLToPath(url);
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'es6' },
  });
  return { format: 'module', source: code, shortCircuit: true };
}
