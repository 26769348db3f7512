import { DEMO_ACCOUNTS, type RunningSandbox } from '../src/index.js';

export const NZ = DEMO_ACCOUNTS[0];
export const AU = DEMO_ACCOUNTS[1];

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** Plain `fetch` against the sandbox with one account's credentials: the sandbox is tested as a black box. */
export function apiFor(sandbox: RunningSandbox, account: { accountId: string; apiKey: string } = NZ) {
  return async function api<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiAnswer<T>> {
    const res = await fetch(`${sandbox.baseUrl}${path}`, {
      method,
      headers: {
        'api-auth-accountid': account.accountId,
        'api-auth-applicationkey': account.apiKey,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
  };
}

/** Polls until `check` returns a value (not a timing assertion: it only bounds how long a test may hang). */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

export { NZ_TAX, type TaxSetting, withMoney } from '../src/money-kit.js';
