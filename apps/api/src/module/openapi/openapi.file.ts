import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cin7CoreOpenApiDocument } from './cin7-core.openapi.js';
import type { OpenApiDocument } from './openapi.document.js';

const apiPackage = path.resolve(import.meta.dirname, '../../../package.json');
/** docs/openapi.json at the repository root: written by `pnpm openapi`, checked current by the unit tests. */
export const OPENAPI_FILE = path.resolve(import.meta.dirname, '../../../../../docs/openapi.json');

/** The document as the repository keeps it: the module's routes, versioned with its package. */
export function repositoryOpenApiDocument(): OpenApiDocument {
  const { version } = JSON.parse(readFileSync(apiPackage, 'utf8')) as { version: string };
  return cin7CoreOpenApiDocument({
    version,
    description:
      'Routes of the Cin7 Core module, mounted by a host (here under the default prefix /integrations/cin7-core). Every error answers the ApiError shape.',
  });
}

export const serialise = (doc: OpenApiDocument) => `${JSON.stringify(doc, null, 2)}\n`;
