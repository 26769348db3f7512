import {
  Cin7AuthError,
  Cin7Error,
  type Cin7ErrorInit,
  Cin7NotFoundError,
  Cin7ServerError,
  Cin7ThrottledError,
  Cin7ValidationError,
} from '../errors/cin7-error.js';

// Cin7 answers errors with its Error Model `{ErrorCode, Exception}`, alone or in an array, and sometimes with a
// 2xx status (reference sec. 2.2). Throttling bodies are undocumented (JSON or plain text), and a wrong path has
// been seen answering an HTML page with 200 (reference sec. 8.12). Everything is mapped here and nowhere else.

const MAX_MESSAGE_CHARS = 500;

interface ErrorModel {
  errorCode: number | null;
  exception: string;
}

function readErrorModel(value: unknown): ErrorModel | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  if (!('ErrorCode' in value) && !('Exception' in value)) return null;
  const code = 'ErrorCode' in value ? Number(value.ErrorCode) : Number.NaN;
  const exception = 'Exception' in value ? value.Exception : undefined;
  return {
    errorCode: Number.isFinite(code) ? code : null,
    exception: typeof exception === 'string' ? exception : String(exception ?? ''),
  };
}

/** The error models in a parsed body: `{ErrorCode, Exception}` or `[{...}, ...]`. Empty when there are none. */
export function findErrorModels(body: unknown): ErrorModel[] {
  if (Array.isArray(body)) return body.map(readErrorModel).filter((m): m is ErrorModel => m !== null);
  const one = readErrorModel(body);
  return one === null ? [] : [one];
}

export function looksLikeHtml(contentType: string | null, text: string): boolean {
  if (contentType?.toLowerCase().includes('text/html')) return true;
  return /^\s*</.test(text);
}

function textMessage(text: string): string {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > MAX_MESSAGE_CHARS ? `${plain.slice(0, MAX_MESSAGE_CHARS)}…` : plain;
}

export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export interface ErrorContext {
  method: string;
  path: string;
  redact: (text: string) => string;
  retryAfterMs: number | null;
}

/** The error for a non-2xx answer. */
export function errorForStatus(status: number, text: string, ctx: ErrorContext): Cin7Error {
  const parsed = tryParseJson(text);
  const models = parsed.ok ? findErrorModels(parsed.value) : [];
  const fromModels = models.map((m) => m.exception).filter((m) => m !== '');
  const raw = fromModels.length > 0 ? fromModels.join('; ') : textMessage(text) || `HTTP ${status}`;
  const init: Cin7ErrorInit = { status, cin7Message: ctx.redact(raw), method: ctx.method, path: ctx.path };
  if (status === 401 || status === 403) return new Cin7AuthError(init);
  if (status === 400) return new Cin7ValidationError(init);
  if (status === 404) return new Cin7NotFoundError(init);
  if (status === 429 || status === 503)
    return new Cin7ThrottledError({ ...init, retryAfterMs: ctx.retryAfterMs });
  if (status >= 500) return new Cin7ServerError(init);
  return new Cin7Error(init);
}

/**
 * The error hidden in a 2xx answer, or null when the body is a real success. An `{ErrorCode, Exception}` body is
 * a validation error whatever the status, unless its ErrorCode is 500 or more: then it is Cin7's server failing
 * (Error Model, BP L31250-31254), a server error whose outcome a write must treat as uncertain. A body that is
 * not JSON (an HTML page) is a server error.
 */
export function errorInSuccess(
  status: number,
  contentType: string | null,
  text: string,
  ctx: ErrorContext,
): { error: Cin7Error } | { body: unknown } {
  const parsed = tryParseJson(text);
  if (!parsed.ok || (looksLikeHtml(contentType, text) && text.trim() !== '')) {
    const detail = looksLikeHtml(contentType, text) ? 'an HTML page' : 'a body that is not JSON';
    return {
      error: new Cin7ServerError({
        status,
        cin7Message: `Cin7 answered ${status} with ${detail}`,
        method: ctx.method,
        path: ctx.path,
      }),
    };
  }
  const models = findErrorModels(parsed.value);
  if (models.length > 0) {
    const message = models.map((m) => m.exception).join('; ') || 'Cin7 returned an error model';
    if (models.some((m) => m.errorCode !== null && m.errorCode >= 500)) {
      return {
        error: new Cin7ServerError({
          status,
          cin7Message: ctx.redact(message),
          method: ctx.method,
          path: ctx.path,
        }),
      };
    }
    return {
      error: new Cin7ValidationError({
        status,
        cin7Message: ctx.redact(message),
        method: ctx.method,
        path: ctx.path,
      }),
    };
  }
  return { body: parsed.value };
}
