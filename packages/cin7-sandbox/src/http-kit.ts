import type { IncomingMessage, ServerResponse } from 'node:http';

/** A Cin7-style failure: rendered as `[{"ErrorCode":status,"Exception":message}]` (reference §2.2). */
export class Cin7HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function errorBody(status: number, message: string): { ErrorCode: number; Exception: string }[] {
  return [{ ErrorCode: status, Exception: message }];
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Query parameters with case-insensitive names (Cin7 accepts `page`, `Page`, `PAGE`: reference §2.3). */
export class Query {
  private readonly values = new Map<string, string>();

  constructor(params: URLSearchParams) {
    for (const [key, value] of params) this.values.set(key.toLowerCase(), value);
  }

  str(name: string): string | undefined {
    const value = this.values.get(name.toLowerCase());
    return value === undefined || value === '' ? undefined : value;
  }

  bool(name: string, fallback = false): boolean {
    const value = this.str(name);
    if (value === undefined) return fallback;
    return value.toLowerCase() === 'true' || value === '1';
  }

  int(name: string): number | undefined {
    const value = this.str(name);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n)) throw new Cin7HttpError(400, `Parameter ${name} is not a valid integer.`);
    return n;
  }
}

/**
 * A JSON object read leniently, like Cin7's .NET binder: property names are case-insensitive, and numbers and
 * booleans may arrive as strings (the docs' own examples send `"CurrencyRate":"1"`, reference §2.5).
 */
export class Fields {
  private readonly lower = new Map<string, unknown>();

  constructor(readonly raw: Record<string, unknown>) {
    for (const [key, value] of Object.entries(raw)) this.lower.set(key.toLowerCase(), value);
  }

  static from(value: unknown): Fields {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new Cin7HttpError(400, 'The request body must be a JSON object.');
    }
    return new Fields(value as Record<string, unknown>);
  }

  has(name: string): boolean {
    const value = this.lower.get(name.toLowerCase());
    return value !== undefined && value !== null;
  }

  get(name: string): unknown {
    return this.lower.get(name.toLowerCase());
  }

  str(name: string): string | undefined {
    const value = this.get(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new Cin7HttpError(400, `Attribute ${name} must be a string.`);
  }

  num(name: string): number | undefined {
    const value = this.get(name);
    if (value === undefined || value === null || value === '') return undefined;
    const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    if (!Number.isFinite(n)) throw new Cin7HttpError(400, `Attribute ${name} must be a number.`);
    return n;
  }

  bool(name: string): boolean | undefined {
    const value = this.get(name);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
    throw new Cin7HttpError(400, `Attribute ${name} must be a boolean.`);
  }

  obj(name: string): Fields | undefined {
    const value = this.get(name);
    if (value === undefined || value === null) return undefined;
    return Fields.from(value);
  }

  list(name: string): Fields[] {
    const value = this.get(name);
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new Cin7HttpError(400, `Attribute ${name} must be an array.`);
    return value.map((item) => Fields.from(item));
  }
}

export function sameId(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

export interface PageOf<T> {
  Total: number;
  Page: number;
  rows: T[];
}

/** Page/Limit per reference §2.3: Page default 1, Limit default 100 (25 for deals/discounts), 1..1000. */
export function paginate<T>(query: Query, rows: readonly T[], defaultLimit = 100): PageOf<T> {
  const page = query.int('Page') ?? 1;
  const limit = query.int('Limit') ?? defaultLimit;
  if (limit < 1 || limit > 1000) throw new Cin7HttpError(400, 'Limit must be between 1 and 1000.');
  if (page < 1) throw new Cin7HttpError(400, 'Page must be greater than 0.');
  const start = (page - 1) * limit;
  return { Total: rows.length, Page: page, rows: rows.slice(start, start + limit) };
}
