import { describe, expect, it } from '@jest/globals';
import {
  Cin7AuthError,
  Cin7NotFoundError,
  Cin7ServerError,
  Cin7ThrottledError,
  Cin7ValidationError,
  isUncertainWriteOutcome,
} from '../errors/cin7-error.js';
import { errorForStatus, errorInSuccess } from './error-mapping.js';

const ctx = {
  method: 'POST',
  path: 'sale',
  redact: (t: string) => t.replaceAll('SECRET', '[redacted]'),
  retryAfterMs: null,
};

describe('error mapping', () => {
  it('reads the error model as an object or an array', () => {
    const one = errorForStatus(
      400,
      '{"ErrorCode":400,"Exception":"Required attribute X is not provided."}',
      ctx,
    );
    expect(one).toBeInstanceOf(Cin7ValidationError);
    expect(one.cin7Message).toBe('Required attribute X is not provided.');
    const many = errorForStatus(
      400,
      '[{"ErrorCode":400,"Exception":"A"},{"ErrorCode":400,"Exception":"B"}]',
      ctx,
    );
    expect(many.cin7Message).toBe('A; B');
  });

  it('maps statuses by meaning', () => {
    expect(
      errorForStatus(403, '[{"ErrorCode":403,"Exception":"Incorrect credentials!"}]', ctx),
    ).toBeInstanceOf(Cin7AuthError);
    expect(errorForStatus(401, '', ctx)).toBeInstanceOf(Cin7AuthError);
    expect(errorForStatus(404, '', ctx)).toBeInstanceOf(Cin7NotFoundError);
    expect(errorForStatus(429, 'You reached 60 calls per minute API limit', ctx)).toBeInstanceOf(
      Cin7ThrottledError,
    );
    expect(errorForStatus(503, '', ctx)).toBeInstanceOf(Cin7ThrottledError);
    expect(errorForStatus(500, '<html><body>Oops</body></html>', ctx)).toBeInstanceOf(Cin7ServerError);
    expect(errorForStatus(502, '', ctx).cin7Message).toBe('HTTP 502');
  });

  it('treats an error model inside a 2xx as a validation error and an HTML 200 as a server error', () => {
    const inside = errorInSuccess(200, 'application/json', '[{"ErrorCode":400,"Exception":"Nope"}]', ctx);
    expect('error' in inside && inside.error).toBeInstanceOf(Cin7ValidationError);
    const html = errorInSuccess(200, 'text/html', '<!DOCTYPE html><html></html>', ctx);
    expect('error' in html && html.error).toBeInstanceOf(Cin7ServerError);
    const ok = errorInSuccess(200, 'application/json', '[{"ID":"x"}]', ctx);
    expect(ok).toEqual({ body: [{ ID: 'x' }] });
  });

  it('treats an error model with ErrorCode 500 or more inside a 200 as a server error: an uncertain write (BP L31250-31254)', () => {
    const inside = errorInSuccess(
      200,
      'application/json',
      '[{"ErrorCode":500,"Exception":"Try later"}]',
      ctx,
    );
    expect('error' in inside && inside.error).toBeInstanceOf(Cin7ServerError);
    expect('error' in inside && isUncertainWriteOutcome(inside.error)).toBe(true);
    const lowCode = errorInSuccess(200, 'application/json', '{"ErrorCode":499,"Exception":"No"}', ctx);
    expect('error' in lowCode && lowCode.error).toBeInstanceOf(Cin7ValidationError);
  });

  it('redacts secrets from Cin7 messages', () => {
    const err = errorForStatus(400, '{"ErrorCode":400,"Exception":"bad key SECRET"}', ctx);
    expect(err.cin7Message).toBe('bad key [redacted]');
    expect(err.message).not.toContain('SECRET');
  });
});
