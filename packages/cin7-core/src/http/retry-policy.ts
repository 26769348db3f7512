import {
  Cin7ConnectionError,
  Cin7ServerError,
  Cin7ThrottledError,
  Cin7TimeoutError,
} from '../errors/cin7-error.js';

// The retry policy, as code. Sources: ../shared/reference/cin7-core-api.md sec. 2.1-2.2 and 5.7.
//
// Reads (GET) are idempotent, so they are retried on anything that may be transient: throttling (429/503),
// other 5xx, timeouts and connection failures.
//
// Writes (POST/PUT/DELETE) are NEVER retried automatically, with one exception: a throttling answer (429/503).
// Cin7 refuses those before doing any work, so sending again cannot apply the write twice. Every other failure of
// a write (timeout, lost connection, 5xx) is an *uncertain outcome*: Cin7 has no idempotency key, so a blind
// retry could create a second sale. The caller looks the record up (a sale by ExternalID) and decides; see
// `isUncertainWriteOutcome`.
//
// Known limitation of this choice: a 503 that is a genuine outage (not throttling) on a write is also retried,
// because Cin7 uses 503 for throttling without any header to tell them apart (HV connector.md, N1).

/** Total attempts for one call, the first included. HV uses 4 against live Cin7. */
export const DEFAULT_MAX_ATTEMPTS = 4;
/** Base of the exponential backoff for 5xx, timeouts and connection errors. */
export const DEFAULT_BASE_DELAY_MS = 500;
/** Cap of any single backoff wait (a throttled minute drains in at most 60 s). */
export const DEFAULT_MAX_DELAY_MS = 60_000;
/**
 * Smallest wait after a throttle without Retry-After. Cin7 sends no Retry-After with 503 (HV connector.md); HV
 * waits 5 s and the reference notes ask for 5 s or more.
 */
export const THROTTLE_MIN_DELAY_MS = 5_000;

export interface RetryOptions {
  /** Total attempts, first included. Default 4. */
  maxAttempts?: number;
  /** Base delay of the exponential backoff. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap of one wait. Default 60 s. */
  maxDelayMs?: number;
}

export interface ResolvedRetryOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export function resolveRetryOptions(opts: RetryOptions | undefined): ResolvedRetryOptions {
  return {
    maxAttempts: Math.max(1, Math.floor(opts?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)),
    baseDelayMs: Math.max(0, opts?.baseDelayMs ?? DEFAULT_BASE_DELAY_MS),
    maxDelayMs: Math.max(0, opts?.maxDelayMs ?? DEFAULT_MAX_DELAY_MS),
  };
}

export function isReadMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

/** Whether this failure of this attempt may be retried. */
export function shouldRetry(err: unknown, method: string): boolean {
  if (err instanceof Cin7ThrottledError) return true; // refused before processing: safe for reads and writes
  if (!isReadMethod(method)) return false; // never guess with a write; the caller looks the record up
  if (err instanceof Cin7TimeoutError || err instanceof Cin7ConnectionError) return true;
  // 5xx are transient on reads; a 2xx we could not read (status < 500) will not change on a retry.
  if (err instanceof Cin7ServerError) return err.status !== null && err.status >= 500;
  return false;
}

/**
 * Wait before attempt `attempt + 1` (attempt is 1-based, the one that just failed).
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): a random wait
 * in [0, min(cap, base * 2^(attempt-1))], so replicas throttled together do not retry together.
 * Throttling waits exactly Retry-After when Cin7 sends one; otherwise the same backoff on a THROTTLE_MIN_DELAY_MS
 * base, never less than THROTTLE_MIN_DELAY_MS: a random wait in [5 s, min(cap, 5 s * 2^(attempt-1))].
 */
export function retryDelayMs(
  err: unknown,
  attempt: number,
  opts: ResolvedRetryOptions,
  random: () => number = Math.random,
): number {
  const growth = 2 ** Math.max(0, attempt - 1);
  if (err instanceof Cin7ThrottledError) {
    if (err.retryAfterMs !== null) return Math.min(opts.maxDelayMs, Math.max(0, err.retryAfterMs));
    const ceiling = Math.max(
      THROTTLE_MIN_DELAY_MS,
      Math.min(opts.maxDelayMs, THROTTLE_MIN_DELAY_MS * growth),
    );
    return THROTTLE_MIN_DELAY_MS + Math.floor(random() * (ceiling - THROTTLE_MIN_DELAY_MS));
  }
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * growth);
  return Math.floor(random() * ceiling);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 sec. 10.2.3); null when absent or bad. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}
