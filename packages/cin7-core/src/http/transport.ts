import type { z } from 'zod';
import {
  Cin7ConnectionError,
  type Cin7Error,
  Cin7ServerError,
  Cin7ThrottledError,
  Cin7TimeoutError,
} from '../errors/cin7-error.js';
import type { CallBudget, CallPriority } from './call-budget.js';
import type { Clock } from './clock.js';
import { errorForStatus, errorInSuccess } from './error-mapping.js';
import type { Cin7Logger } from './logger.js';
import { createRedactor, describePath } from './redactor.js';
import { parseRetryAfter, type ResolvedRetryOptions, retryDelayMs, shouldRetry } from './retry-policy.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | Date | null | undefined;
export type QueryParams = Readonly<Record<string, QueryValue>>;

export interface TransportConfig {
  accountId: string;
  apiKey: string;
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
  logger: Cin7Logger;
  clock: Clock;
  budget: CallBudget;
  priority: CallPriority;
  retry: ResolvedRetryOptions;
  random?: () => number;
}

export interface Cin7Request<T> {
  method: HttpMethod;
  /** Endpoint relative to the base URL, e.g. `product` or `sale/fulfilment/pick`. */
  path: string;
  query?: QueryParams;
  body?: unknown;
  schema: z.ZodType<T>;
  priority?: CallPriority;
}

// Connect-phase failures: the request never left this machine, so nothing can have been applied.
const CONNECT_PHASE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_INVALID_URL',
]);

function errorCode(err: unknown): string | null {
  let current: unknown = err;
  for (let depth = 0; depth < 4 && current !== null && typeof current === 'object'; depth++) {
    if ('code' in current && typeof current.code === 'string') return current.code;
    current = 'cause' in current ? current.cause : null;
  }
  return null;
}

function isTimeout(err: unknown, signal: AbortSignal): boolean {
  if (signal.aborted) return true;
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}

function formatQueryValue(value: Exclude<QueryValue, null | undefined>): string {
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * The one place that talks HTTP to Cin7: base URL, the two auth headers, JSON, timeout, the call budget before
 * every attempt, error mapping, the retry policy, per-endpoint call counts and one log line per attempt.
 */
export class Cin7Transport {
  private readonly counts = new Map<string, number>();
  private readonly redact: (text: string) => string;
  private readonly baseUrl: string;

  constructor(private readonly config: TransportConfig) {
    this.redact = createRedactor([config.accountId, config.apiKey]);
    this.baseUrl = config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`;
  }

  callCounts(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  async request<T>(req: Cin7Request<T>): Promise<T> {
    const endpoint = req.path.replace(/^\/+/, '');
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value !== undefined && value !== null) query.append(key, formatQueryValue(value));
    }
    const url = new URL(endpoint, this.baseUrl);
    url.search = query.toString();
    const logPath = describePath(endpoint, query);
    const priority = req.priority ?? this.config.priority;
    const { retry, clock, logger } = this.config;

    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(req, url, endpoint, logPath, priority, attempt);
      } catch (err) {
        if (err instanceof Cin7ThrottledError) {
          await this.config.budget.onThrottled?.({
            status: err.status ?? 429,
            retryAfterMs: err.retryAfterMs,
          });
        }
        if (attempt >= retry.maxAttempts || !shouldRetry(err, req.method)) throw err;
        const delay = retryDelayMs(err, attempt, retry, this.config.random);
        logger.warn('cin7 retry', {
          method: req.method,
          path: logPath,
          attempt,
          error: err instanceof Error ? err.name : 'unknown',
          retryInMs: delay,
        });
        await clock.sleep(delay);
      }
    }
  }

  private async attempt<T>(
    req: Cin7Request<T>,
    url: URL,
    endpoint: string,
    logPath: string,
    priority: CallPriority,
    attempt: number,
  ): Promise<T> {
    const { clock, logger } = this.config;
    const ctxBase = { method: req.method, path: logPath, redact: this.redact };
    const slot = await this.config.budget.acquire({ method: req.method, path: endpoint, priority });

    const countKey = `${req.method} ${endpoint.toLowerCase()}`;
    this.counts.set(countKey, (this.counts.get(countKey) ?? 0) + 1);

    const headers: Record<string, string> = {
      'api-auth-accountid': this.config.accountId,
      'api-auth-applicationkey': this.config.apiKey,
      accept: 'application/json',
    };
    if (req.body !== undefined) headers['content-type'] = 'application/json';

    const signal = AbortSignal.timeout(this.config.timeoutMs);
    const started = clock.now();
    const log = (status: number | null, outcome: string) =>
      logger.debug('cin7 request', {
        method: req.method,
        path: logPath,
        status,
        ms: clock.now() - started,
        attempt,
        outcome,
      });

    let status: number | null = null;
    let text: string;
    let contentType: string | null;
    let retryAfterHeader: string | null;
    try {
      const res = await this.config.fetch(url, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal,
      });
      status = res.status;
      contentType = res.headers.get('content-type');
      retryAfterHeader = res.headers.get('retry-after');
      text = await res.text();
    } catch (err) {
      const mapped = this.transportError(err, signal, req.method, logPath, status);
      log(status, mapped.name);
      throw mapped;
    } finally {
      await this.config.budget.answered?.(slot);
    }

    if (status < 200 || status > 299) {
      const error = errorForStatus(status, text, {
        ...ctxBase,
        retryAfterMs: parseRetryAfter(retryAfterHeader, clock.now()),
      });
      log(status, error.name);
      throw error;
    }

    const outcome = errorInSuccess(status, contentType, text, { ...ctxBase, retryAfterMs: null });
    if ('error' in outcome) {
      log(status, outcome.error.name);
      throw outcome.error;
    }
    const parsed = req.schema.safeParse(outcome.body);
    if (!parsed.success) {
      log(status, 'Cin7ServerError');
      // Issue paths and kinds only: zod messages never quote the values, so no data leaks into the message.
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      throw new Cin7ServerError({
        status,
        cin7Message: `unexpected response shape (${issues})`,
        method: req.method,
        path: logPath,
        cause: parsed.error,
      });
    }
    log(status, 'ok');
    return parsed.data;
  }

  private transportError(
    err: unknown,
    signal: AbortSignal,
    method: string,
    path: string,
    status: number | null,
  ): Cin7Error {
    if (isTimeout(err, signal)) {
      return new Cin7TimeoutError({
        status,
        cin7Message: `no answer within ${this.config.timeoutMs} ms`,
        method,
        path,
      });
    }
    const code = errorCode(err);
    // Headers already received means the request was sent; otherwise only connect-phase codes are certain.
    const beforeSending = status === null && code !== null && CONNECT_PHASE_CODES.has(code);
    const detail = err instanceof Error ? err.message : String(err);
    return new Cin7ConnectionError({
      status,
      cin7Message: this.redact(`${code ?? 'network error'}: ${detail}`),
      method,
      path,
      code,
      beforeSending,
    });
  }
}
