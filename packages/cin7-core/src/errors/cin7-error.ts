// Status-typed errors, mapped once (see http/error-mapping.ts). Every error keeps what a caller needs to decide
// (status, Cin7's message, method, path) and never the credentials: the request headers are not stored, and the
// messages are passed through a redactor before they are built.

export interface Cin7ErrorInit {
  status: number | null;
  cin7Message: string;
  method: string;
  /** Endpoint path with query values that could carry personal data masked; never holds credentials. */
  path: string;
  cause?: unknown;
}

export class Cin7Error extends Error {
  readonly status: number | null;
  /** Cin7's own text (`Exception` of its error model), or a description of what went wrong on the wire. */
  readonly cin7Message: string;
  readonly method: string;
  readonly path: string;

  constructor(init: Cin7ErrorInit) {
    const statusPart = init.status === null ? '' : ` ${init.status}`;
    super(`Cin7 ${init.method} ${init.path} failed${statusPart}: ${init.cin7Message}`, { cause: init.cause });
    this.name = new.target.name;
    this.status = init.status;
    this.cin7Message = init.cin7Message;
    this.method = init.method;
    this.path = init.path;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      cin7Message: this.cin7Message,
      method: this.method,
      path: this.path,
    };
  }
}

/** 401/403: the Account ID / API key pair was refused (Cin7 answers `403 Incorrect credentials!`). */
export class Cin7AuthError extends Cin7Error {}

/** 400, or an `{ErrorCode, Exception}` body inside a 2xx answer. `cin7Message` is Cin7's validation text. */
export class Cin7ValidationError extends Cin7Error {}

/** 404: unknown endpoint or record. */
export class Cin7NotFoundError extends Cin7Error {}

/** 429 or 503: the 60 calls/minute limit. Cin7 refuses these before processing, so nothing was applied. */
export class Cin7ThrottledError extends Cin7Error {
  readonly retryAfterMs: number | null;
  constructor(init: Cin7ErrorInit & { retryAfterMs: number | null }) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/** Other 5xx, and success answers that are not the JSON we expect (an HTML page, a body of the wrong shape). */
export class Cin7ServerError extends Cin7Error {}

/** No answer within `timeoutMs`. The request may have reached Cin7. */
export class Cin7TimeoutError extends Cin7Error {}

/**
 * `fetch` itself failed (ECONNREFUSED, DNS, socket reset...). `beforeSending` is true when the failure happened
 * while connecting (refused, DNS), so the request certainly never reached Cin7.
 */
export class Cin7ConnectionError extends Cin7Error {
  readonly code: string | null;
  readonly beforeSending: boolean;
  constructor(init: Cin7ErrorInit & { code: string | null; beforeSending: boolean }) {
    super(init);
    this.code = init.code;
    this.beforeSending = init.beforeSending;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), code: this.code, beforeSending: this.beforeSending };
  }
}

/**
 * True when a write may or may not have been applied by Cin7: a timeout, a connection lost after the request
 * could have been sent, a 5xx, or a success answer we could not read. Cin7 has no idempotency key, so the caller
 * must look the record up (a sale by its ExternalID) before writing again. Throttling (429/503), 4xx and failures
 * while connecting are certain: nothing was applied.
 */
export function isUncertainWriteOutcome(err: unknown): boolean {
  if (err instanceof Cin7TimeoutError) return true;
  if (err instanceof Cin7ConnectionError) return !err.beforeSending;
  if (err instanceof Cin7ServerError) return true;
  return false;
}
