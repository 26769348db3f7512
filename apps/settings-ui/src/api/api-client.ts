import { type ApiError, apiErrorSchema } from '@upstock/cin7-contracts';
import { z } from 'zod';

// Each answer is parsed once or a few times, so zod's JIT (a parser compiled per object schema with `new Function`
// on first use) costs more than it saves: about 0.1 s of main thread on the first screen of a loaded machine. The
// setting is global to zod, and this zod is the panel's own (not shared with the host through federation).
z.config({ jitless: true });

/** An API answer that is not 2xx, or no answer at all (`status` 0), with the module's error body when it sent one. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    readonly status: number,
    message: string,
    readonly body: ApiError | null = null,
  ) {
    super(message);
  }

  /** The input at fault, when the module named one (e.g. `accountId`). */
  get field(): string | undefined {
    return this.body?.field;
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiClient {
  readonly baseUrl: string;
  request<S extends z.ZodType>(
    method: HttpMethod,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.infer<S>>;
  /** For routes that answer 204 / an ignored body. */
  send(method: HttpMethod, path: string, body?: unknown): Promise<void>;
}

const UNREACHABLE = 'Could not reach the Cin7 Core integration. Check your connection and try again.';

/**
 * The panel's only door to the module: the host's authenticated `fetch` plus the base URL (mount props),
 * every answer parsed with the shared zod schemas so a contract drift shows up as a clear error, not `undefined`.
 */
export function createApiClient(baseUrl: string, fetchFn: typeof fetch): ApiClient {
  const root = baseUrl.replace(/\/+$/, '');

  async function call(method: HttpMethod, path: string, body: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await fetchFn(`${root}${path}`, {
        method,
        headers:
          body === undefined
            ? { accept: 'application/json' }
            : { 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiRequestError(0, UNREACHABLE);
    }
    if (!response.ok) throw await toError(response);
    return response;
  }

  return {
    baseUrl: root,
    async request(method, path, schema, body) {
      const response = await call(method, path, body);
      const json: unknown = await response.json().catch(() => undefined);
      const parsed = schema.safeParse(json);
      if (!parsed.success) {
        throw new ApiRequestError(response.status, `Unexpected answer from ${method} ${path}.`);
      }
      return parsed.data;
    },
    async send(method, path, body) {
      await call(method, path, body);
    },
  };
}

async function toError(response: Response): Promise<ApiRequestError> {
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = apiErrorSchema.safeParse(json);
  if (parsed.success) return new ApiRequestError(response.status, parsed.data.message, parsed.data);
  const fallback =
    response.status === 401 || response.status === 403
      ? 'You are not signed in to Upstock any more. Reload the page and sign in again.'
      : `The Cin7 Core integration answered ${response.status}. Try again in a moment.`;
  return new ApiRequestError(response.status, fallback);
}

/** Plain words for any error a query or mutation throws. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.message;
  return 'Something went wrong. Try again in a moment.';
}
