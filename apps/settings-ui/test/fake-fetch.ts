/**
 * A fake of the host's authenticated fetch: answers by "METHOD /path" (path relative to the module base URL, query
 * string included when the route key has one) and records every call, so a test asserts what the panel sent.
 */
export const BASE_URL = 'https://api.upstock.test/integrations/cin7-core';

export interface RecordedCall {
  method: string;
  path: string;
  body: unknown;
}

export type FakeAnswer =
  | { status?: number; body?: unknown }
  | ((call: RecordedCall) => { status?: number; body?: unknown });

export interface FakeFetch {
  fetch: typeof fetch;
  calls: RecordedCall[];
  /** Replaces (or adds) the answer of one route. */
  on(route: string, answer: FakeAnswer): void;
}

export function createFakeFetch(routes: Record<string, FakeAnswer> = {}): FakeFetch {
  const table = new Map(Object.entries(routes));
  const calls: RecordedCall[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? 'GET').toUpperCase();
    const relative = url.href.slice(BASE_URL.length);
    const pathOnly = relative.split('?')[0] ?? relative;
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const call = { method, path: relative, body };
    calls.push(call);
    const answer = table.get(`${method} ${relative}`) ?? table.get(`${method} ${pathOnly}`);
    if (!answer) {
      return jsonResponse(404, {
        statusCode: 404,
        error: 'Not Found',
        message: `No fake for ${method} ${relative}`,
      });
    }
    const { status = 200, body: responseBody } = typeof answer === 'function' ? answer(call) : answer;
    if (status === 0) throw new TypeError('Failed to fetch');
    return jsonResponse(status, responseBody);
  };
  return { fetch: fetchFn, calls, on: (route, answer) => table.set(route, answer) };
}

/**
 * jsdom has no `Response`, so the fake answers with the part of it the panel's client reads
 * (`ok`, `status`, `json()`); the text round-trip keeps the body a copy, as over the wire.
 */
function jsonResponse(status: number, body: unknown): Response {
  const text = status === 204 || body === undefined ? '' : JSON.stringify(body);
  const response: Pick<Response, 'ok' | 'status' | 'json' | 'text'> = {
    ok: status >= 200 && status < 300,
    status,
    json: async () => JSON.parse(text),
    text: async () => text,
  };
  return response as Response;
}

/** The module's error body (contracts `apiErrorSchema`). */
export const apiError = (statusCode: number, message: string, field?: string) => ({
  status: statusCode,
  body: { statusCode, error: 'Error', message, ...(field ? { field } : {}) },
});
