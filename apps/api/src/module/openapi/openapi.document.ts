import { RequestMethod, type Type } from '@nestjs/common';
import { apiErrorSchema } from '@upstock/cin7-contracts';
import { z } from 'zod';
import { ZodPipe } from '../common/zod.pipe.js';
import { WEBHOOK_SECRET_HEADER } from '../shipments/webhooks/webhook-secret.js';
import {
  type BodyDoc,
  OPENAPI_BODY,
  OPENAPI_RESPONSES,
  OPENAPI_SECURITY,
  OPENAPI_SUMMARY,
  OPENAPI_TAGS,
  type ResponseDoc,
  type RouteSecurity,
} from './openapi.decorators.js';

// Nest's own route metadata keys (what @Controller, @Get... and parameter decorators write).
const PATH = 'path';
const METHOD = 'method';
const ROUTE_ARGS = '__routeArguments__';
/** RouteParamtypes.QUERY in Nest: the prefix of a query parameter's key in the route arguments. */
const QUERY_ARG = '4';

type Json = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: {
    schemas: Record<string, Record<string, unknown>>;
    securitySchemes: Record<string, Record<string, unknown>>;
  };
  tags: { name: string }[];
}

export interface OpenApiOptions {
  /** The prefix the module is mounted under. Default: 'integrations/cin7-core'. */
  routePrefix: string;
  title?: string;
  version?: string;
  description?: string;
}

const SECURITY_SCHEMES: Record<RouteSecurity, Json> = {
  supplier: {
    type: 'http',
    scheme: 'bearer',
    description:
      "The host's own sign-in, resolved to a supplier by the host's TenantResolver port (the reference host: a per-supplier token).",
  },
  hostService: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Host-Secret',
    description:
      "Calls from the host's own service, resolved by its HostCallsPort (the reference host: a shared secret, with the supplier in X-Supplier-Id). A supplier's token is refused.",
  },
  webhookSecret: {
    type: 'apiKey',
    in: 'header',
    name: WEBHOOK_SECRET_HEADER,
    description: 'The per-connection secret the module registered with Cin7 along with the webhook.',
  },
};

const METHODS: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

const ERROR_REF = { $ref: '#/components/schemas/ApiError' };

/** JSON Schema of a contracts schema, as a request (input) or a response (output) reads it. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

const join = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/**
 * The OpenAPI 3.1 document of the given controllers, built from their Nest route metadata, the module's own OpenAPI
 * decorators and the contracts' zod schemas (request bodies, queries, responses, the one error shape).
 */
export function buildOpenApiDocument(controllers: Type[], options: OpenApiOptions): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const tags = new Set<string>();
  const used = new Set<RouteSecurity>();
  for (const controller of controllers) {
    const base: string = Reflect.getMetadata(PATH, controller) ?? '';
    const classTags: string[] = Reflect.getMetadata(OPENAPI_TAGS, controller) ?? [];
    const classResponses: Record<string, ResponseDoc> =
      Reflect.getMetadata(OPENAPI_RESPONSES, controller) ?? {};
    const security: RouteSecurity | undefined = Reflect.getMetadata(OPENAPI_SECURITY, controller);
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (typeof handler !== 'function' || name === 'constructor') continue;
      const method = METHODS[Reflect.getMetadata(METHOD, handler) as RequestMethod];
      const routePaths: string | string[] | undefined = Reflect.getMetadata(PATH, handler);
      if (!method || routePaths === undefined) continue;
      const responses = { ...classResponses, ...(Reflect.getMetadata(OPENAPI_RESPONSES, handler) ?? {}) };
      const body: BodyDoc | undefined = Reflect.getMetadata(OPENAPI_BODY, handler);
      const query = queryOf(handler, controller);
      for (const [i, routePath] of [routePaths].flat().entries()) {
        const path = join(options.routePrefix, base, routePath);
        const pathParams = [...path.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
        const operation: Json = {
          operationId: `${controller.name.replace(/Controller$/, '')}_${name}${i ? `_${i}` : ''}`,
          tags: classTags,
          ...(Reflect.getMetadata(OPENAPI_SUMMARY, handler)
            ? { summary: Reflect.getMetadata(OPENAPI_SUMMARY, handler) }
            : {}),
          parameters: [
            ...pathParams.map((p) => ({ name: p, in: 'path', required: true, schema: { type: 'string' } })),
            ...query,
          ],
          ...(body
            ? {
                requestBody: {
                  required: !body.optional,
                  content: { 'application/json': { schema: jsonSchema(body.schema, 'input') } },
                },
              }
            : {}),
          responses: responsesOf(responses, {
            hasInput: !!body || query.length + pathParams.length > 0,
            body,
          }),
          ...(security ? { security: [{ [security]: [] }] } : {}),
        };
        for (const t of classTags) tags.add(t);
        if (security) used.add(security);
        const key = path.replace(/:(\w+)/g, '{$1}');
        paths[key] = { ...(paths[key] ?? {}), [method]: operation };
      }
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'Upstock × Cin7 Core integration',
      version: options.version ?? '0.0.0',
      ...(options.description ? { description: options.description } : {}),
    },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: { ApiError: jsonSchema(apiErrorSchema, 'output') },
      securitySchemes: Object.fromEntries([...used].sort().map((s) => [s, SECURITY_SCHEMES[s]])),
    },
    tags: [...tags].sort().map((name) => ({ name })),
  };
}

function queryOf(handler: object, controller: Type): Json[] {
  const args: Record<string, { pipes?: unknown[] }> =
    Reflect.getMetadata(ROUTE_ARGS, controller, (handler as { name: string }).name) ?? {};
  const pipe = Object.entries(args)
    .filter(([key]) => key.split(':')[0] === QUERY_ARG)
    .flatMap(([, arg]) => arg.pipes ?? [])
    .find((p): p is ZodPipe<z.ZodType> => p instanceof ZodPipe);
  if (!pipe) return [];
  const schema = jsonSchema(pipe.schema, 'input') as {
    properties?: Record<string, Json>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: s,
  }));
}

function responsesOf(
  declared: Record<string, ResponseDoc>,
  route: { hasInput: boolean; body: BodyDoc | undefined },
): Json {
  const out: Json = {};
  const all: Record<string, ResponseDoc> = {
    ...(route.hasInput ? { 400: { description: 'Invalid input; `field` names the input at fault' } } : {}),
    ...(route.body ? { 415: { description: 'The body is not JSON' } } : {}),
    ...declared,
  };
  for (const [status, doc] of Object.entries(all).sort(([a], [b]) => a.localeCompare(b))) {
    const success = Number(status) < 300;
    const schema = success ? (doc.schema ? jsonSchema(doc.schema, 'output') : null) : ERROR_REF;
    out[status] = {
      description: doc.description,
      ...(schema ? { content: { 'application/json': { schema } } } : {}),
    };
  }
  return out;
}

/** What a host can rely on in the document: each problem found, or none. */
export function openApiProblems(doc: OpenApiDocument): string[] {
  const problems: string[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const at = `${method.toUpperCase()} ${path}`;
      const responses = (operation.responses ?? {}) as Record<string, { content?: unknown }>;
      const success = Object.entries(responses).filter(([s]) => s.startsWith('2'));
      if (success.length === 0) problems.push(`${at}: no 2xx response`);
      for (const [status, r] of success) {
        if (status !== '204' && !r.content) problems.push(`${at}: ${status} has no schema`);
      }
      if (['post', 'put', 'patch'].includes(method) && !operation.requestBody) {
        problems.push(`${at}: no request body schema`);
      }
      if (!operation.security) problems.push(`${at}: no security scheme`);
    }
  }
  return problems;
}
