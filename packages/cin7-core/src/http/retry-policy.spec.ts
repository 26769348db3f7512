import { describe, expect, it } from '@jest/globals';
import {
  Cin7AuthError,
  Cin7ConnectionError,
  Cin7ServerError,
  Cin7ThrottledError,
  Cin7TimeoutError,
  Cin7ValidationError,
} from '../errors/cin7-error.js';
import {
  parseRetryAfter,
  resolveRetryOptions,
  retryDelayMs,
  shouldRetry,
  THROTTLE_MIN_DELAY_MS,
} from './retry-policy.js';

const base = { method: 'GET', path: 'product', cin7Message: 'x' };
const throttled = (retryAfterMs: number | null) =>
  new Cin7ThrottledError({ ...base, status: 503, retryAfterMs });
const server = new Cin7ServerError({ ...base, status: 500 });
const htmlOk = new Cin7ServerError({ ...base, status: 200 });
const timeout = new Cin7TimeoutError({ ...base, status: null });
const reset = new Cin7ConnectionError({ ...base, status: null, code: 'ECONNRESET', beforeSending: false });

describe('shouldRetry', () => {
  it('retries reads on throttling, 5xx, timeouts and connection errors', () => {
    for (const err of [throttled(null), server, timeout, reset]) expect(shouldRetry(err, 'GET')).toBe(true);
  });

  it('does not retry reads on 4xx or unreadable success bodies', () => {
    const validation = new Cin7ValidationError({ ...base, status: 400 });
    const auth = new Cin7AuthError({ ...base, status: 403 });
    for (const err of [validation, auth, htmlOk, new Error('bug')])
      expect(shouldRetry(err, 'GET')).toBe(false);
  });

  it('retries writes only on throttling', () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      expect(shouldRetry(throttled(null), method)).toBe(true);
      for (const err of [server, timeout, reset]) expect(shouldRetry(err, method)).toBe(false);
    }
  });
});

describe('retryDelayMs', () => {
  const opts = resolveRetryOptions({ baseDelayMs: 100, maxDelayMs: 30_000 });

  it('uses full jitter under an exponential ceiling', () => {
    expect(retryDelayMs(server, 1, opts, () => 0.999)).toBe(99);
    expect(retryDelayMs(server, 3, opts, () => 0.999)).toBe(399);
    expect(retryDelayMs(server, 3, opts, () => 0)).toBe(0);
    expect(retryDelayMs(server, 30, opts, () => 0.5)).toBe(15_000);
  });

  it('waits at least 5 s after a throttle without Retry-After, growing with attempts', () => {
    expect(retryDelayMs(throttled(null), 1, opts, () => 0.999)).toBe(THROTTLE_MIN_DELAY_MS);
    expect(retryDelayMs(throttled(null), 2, opts, () => 0)).toBe(THROTTLE_MIN_DELAY_MS);
    expect(retryDelayMs(throttled(null), 3, opts, () => 0.5)).toBe(12_500);
  });

  it('honours Retry-After exactly, within the cap', () => {
    expect(retryDelayMs(throttled(2_000), 1, opts, () => 0.9)).toBe(2_000);
    expect(retryDelayMs(throttled(90_000), 1, opts, () => 0.9)).toBe(30_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2025-06-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('Sun, 01 Jun 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
