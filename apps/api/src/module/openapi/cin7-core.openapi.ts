import type { Type } from '@nestjs/common';
import { Cin7CoreModule } from '../cin7-core.module.js';
import { DEFAULT_ROUTE_PREFIX } from '../cin7-core.module-definition.js';
import { buildOpenApiDocument, type OpenApiDocument, type OpenApiOptions } from './openapi.document.js';

/**
 * The module's routes as an OpenAPI 3.1 document, with the contracts' schemas. A host merges it into its own
 * documentation or serves it as it is (with any OpenAPI viewer: `@nestjs/swagger` is not needed).
 */
export function cin7CoreOpenApiDocument(options: Partial<OpenApiOptions> = {}): OpenApiDocument {
  const modules: Type[] = Reflect.getMetadata('imports', Cin7CoreModule) ?? [];
  const controllers = modules.flatMap((m): Type[] => Reflect.getMetadata('controllers', m) ?? []);
  return buildOpenApiDocument(controllers, { routePrefix: DEFAULT_ROUTE_PREFIX, ...options });
}
