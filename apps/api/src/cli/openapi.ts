// `pnpm openapi`: writes docs/openapi.json from the module's routes and the contracts' zod schemas.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { openApiProblems } from '../module/openapi/openapi.document.js';
import { OPENAPI_FILE, repositoryOpenApiDocument, serialise } from '../module/openapi/openapi.file.js';

const doc = repositoryOpenApiDocument();
const problems = openApiProblems(doc);
if (problems.length) {
  console.error(`The OpenAPI document is incomplete:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
writeFileSync(OPENAPI_FILE, serialise(doc));
console.log(`Wrote ${OPENAPI_FILE} (${Object.keys(doc.paths).length} paths).`);
