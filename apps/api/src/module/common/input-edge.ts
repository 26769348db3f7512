import {
  applyDecorators,
  BadRequestException,
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  UnsupportedMediaTypeException,
  UseGuards,
} from '@nestjs/common';
import { z } from 'zod';
import { type BodyDoc, OPENAPI_BODY } from '../openapi/openapi.decorators.js';
import { parseOrThrow } from './zod.pipe.js';

/** Longest text accepted anywhere at the edge: far above any field's own limit, far below what hurts. */
const MAX_TEXT = 100_000;
// A NUL cannot be stored in Postgres text; a lone surrogate cannot be encoded as UTF-8 (both would fail in SQL).
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is refused
const UNSAFE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (key or value) that cannot be stored as text, or null when everything can. */
export function findUnsafeText(
  value: unknown,
  path: string,
  depth = 0,
): { field: string; why: string } | null {
  if (typeof value === 'string') {
    if (UNSAFE_TEXT.test(value)) return { field: path, why: 'contains a NUL character or broken Unicode' };
    if (value.length > MAX_TEXT) return { field: path, why: `is longer than ${MAX_TEXT} characters` };
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth > 20) return { field: path, why: 'is nested too deeply' };
  for (const [key, inner] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const bad = findUnsafeText(key, at) ?? findUnsafeText(inner, at, depth + 1);
    if (bad) return bad;
  }
  return null;
}

interface EdgeRequest {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/**
 * Every route's first check on what it was sent: path ids, query and body hold only text Postgres can store. Runs
 * before any handler, so a future route is covered without remembering to.
 */
@Injectable()
export class InputEdgeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<EdgeRequest>();
    const bad =
      findUnsafeText(request.params ?? {}, '') ??
      findUnsafeText(request.query ?? {}, '') ??
      findUnsafeText(request.body, '');
    if (bad) {
      throw new BadRequestException({
        error: 'Bad Request',
        message: `${bad.field || 'The request'} ${bad.why}`,
        ...(bad.field ? { field: bad.field } : {}),
      });
    }
    return true;
  }
}

interface BodyRequest {
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
}

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

function bodyOf(context: ExecutionContext, optional: boolean): unknown {
  const request = context.switchToHttp().getRequest<BodyRequest>();
  const type = request.headers['content-type'];
  const sent = type !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  if (!sent) {
    if (optional) return {};
    throw new BadRequestException({ error: 'Bad Request', message: 'A JSON body is required' });
  }
  if (typeof type !== 'string' || !JSON_TYPE.test(type)) {
    throw new UnsupportedMediaTypeException('Send the body as JSON (Content-Type: application/json)');
  }
  if (request.body === undefined || request.body === null) {
    throw new BadRequestException({ error: 'Bad Request', message: 'A JSON body is required' });
  }
  return request.body;
}

// The schema travels wrapped: Nest takes a bare zod schema (it has a `transform` method) for a pipe.
const jsonBody = createParamDecorator(
  ({ schema, optional }: { schema: z.ZodType; optional: boolean }, context: ExecutionContext) =>
    parseOrThrow(schema, bodyOf(context, optional)),
);

/**
 * A JSON body validated with a contracts schema. A body of another content type is refused (415) and a missing one
 * is a 400: neither is ever read as "all defaults".
 */
export const JsonBody = (schema: z.ZodType): ParameterDecorator => withBodyDoc(schema, false);

/** A JSON body the route may go without (no body at all reads as `{}`); a body of another type is still a 415. */
export const OptionalJsonBody = (schema: z.ZodType): ParameterDecorator => withBodyDoc(schema, true);

/** The body's schema is also recorded on the handler, for the OpenAPI document. */
function withBodyDoc(schema: z.ZodType, optional: boolean): ParameterDecorator {
  return (target, key, index) => {
    jsonBody({ schema, optional })(target, key, index);
    if (key !== undefined) {
      const handler = (target as Record<string | symbol, object>)[key] as object;
      Reflect.defineMetadata(OPENAPI_BODY, { schema, optional } satisfies BodyDoc, handler);
    }
  };
}

const noBodySchema = z.object({}).strict();

/** A route that takes no body: none, or an empty JSON object; anything else is refused rather than ignored. */
@Injectable()
class NoBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    parseOrThrow(noBodySchema, bodyOf(context, true));
    return true;
  }
}

export const NoBody = () =>
  applyDecorators(
    UseGuards(NoBodyGuard),
    SetMetadata(OPENAPI_BODY, { schema: noBodySchema, optional: true } satisfies BodyDoc),
  );
