import type { z } from 'zod';

/**
 * OpenAPI metadata of the module's routes, kept by the module itself: no `@nestjs/swagger` needed to load it, and
 * schemas are the contracts' zod schemas (openapi.document.ts turns them into the document). The names follow
 * `@nestjs/swagger`'s so a route reads the same.
 */
export interface ResponseDoc {
  description: string;
  /** The body of a 2xx answer; errors all have the contracts' apiErrorSchema. */
  schema?: z.ZodType;
}

/** How a route is authenticated: the host's supplier auth, the host's service, or Cin7's webhook secret. */
export type RouteSecurity = 'supplier' | 'hostService' | 'webhookSecret';

export const OPENAPI_RESPONSES = 'cin7-core:openapi:responses';
export const OPENAPI_TAGS = 'cin7-core:openapi:tags';
export const OPENAPI_SECURITY = 'cin7-core:openapi:security';
export const OPENAPI_SUMMARY = 'cin7-core:openapi:summary';
/** Set by JsonBody / OptionalJsonBody. */
export const OPENAPI_BODY = 'cin7-core:openapi:body';

export interface BodyDoc {
  schema: z.ZodType;
  optional: boolean;
}

type Decorator = (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => void;

/** Metadata lives on the handler for a method decorator and on the class for a class decorator. */
const holder = (target: object, descriptor?: PropertyDescriptor): object =>
  (descriptor?.value as object | undefined) ?? target;

function merge<T extends object>(key: string, value: T): Decorator {
  return (target, _key, descriptor) => {
    const on = holder(target, descriptor);
    Reflect.defineMetadata(key, { ...(Reflect.getOwnMetadata(key, on) ?? {}), ...value }, on);
  };
}

const response =
  (status: number) =>
  (doc: ResponseDoc): Decorator =>
    merge(OPENAPI_RESPONSES, { [status]: doc });

export const ApiOkResponse = response(200);
export const ApiCreatedResponse = response(201);
export const ApiAcceptedResponse = response(202);
export const ApiNoContentResponse = response(204);
export const ApiBadRequestResponse = response(400);
export const ApiUnauthorizedResponse = response(401);
export const ApiNotFoundResponse = response(404);
export const ApiConflictResponse = response(409);
export const ApiBadGatewayResponse = response(502);
export const ApiServiceUnavailableResponse = response(503);

export const ApiTags =
  (...tags: string[]): Decorator =>
  (target, _key, descriptor) =>
    Reflect.defineMetadata(OPENAPI_TAGS, tags, holder(target, descriptor));

export const ApiSecurity =
  (security: RouteSecurity): Decorator =>
  (target, _key, descriptor) =>
    Reflect.defineMetadata(OPENAPI_SECURITY, security, holder(target, descriptor));

/** A one-line summary of the operation (the handler's doc comment stays for readers of the code). */
export const ApiSummary =
  (summary: string): Decorator =>
  (target, _key, descriptor) =>
    Reflect.defineMetadata(OPENAPI_SUMMARY, summary, holder(target, descriptor));

/** The body of a route that reads it itself (the webhook Cin7 posts). */
export const ApiBody =
  (schema: z.ZodType): Decorator =>
  (target, _key, descriptor) =>
    Reflect.defineMetadata(
      OPENAPI_BODY,
      { schema, optional: false } satisfies BodyDoc,
      holder(target, descriptor),
    );
