import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { openApiProblems } from './openapi.document.js';
import { OPENAPI_FILE, repositoryOpenApiDocument, serialise } from './openapi.file.js';

describe('OpenAPI document', () => {
  const doc = repositoryOpenApiDocument();

  it('gives every operation a 2xx schema, every write a body schema, and a security scheme', () => {
    expect(openApiProblems(doc)).toEqual([]);
    expect(Object.keys(doc.paths).length).toBeGreaterThan(15);
  });

  it('describes connecting well enough to try it out', () => {
    const connect = doc.paths['/integrations/cin7-core/connection']?.post as {
      requestBody: { content: { 'application/json': { schema: { required: string[] } } } };
      security: unknown[];
    };
    expect(connect.requestBody.content['application/json'].schema.required).toEqual(['accountId', 'apiKey']);
    expect(connect.security).toEqual([{ supplier: [] }]);
    expect(doc.components.securitySchemes.supplier).not.toHaveProperty('bearerFormat');
    const approved = doc.paths['/integrations/cin7-core/orders/{orderId}/approved']?.post as {
      security: unknown[];
    };
    expect(approved.security).toEqual([{ hostService: [] }]);
  });

  it('is current in docs/openapi.json (run `pnpm openapi` after changing a route)', () => {
    expect(existsSync(OPENAPI_FILE)).toBe(true);
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(serialise(doc));
  });
});
