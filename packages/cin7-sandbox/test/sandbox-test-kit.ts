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

export interface TaxSetting {
  /** Rate of every row's tax rule, percent. */
  percent: number;
  inclusive: boolean;
  method: 'Row Total' | 'Total';
}

/** The demo NZ tenant: "GST on Income" 15 %, tax exclusive, tax by document Total. */
export const NZ_TAX: TaxSetting = { percent: 15, inclusive: false, method: 'Total' };

const r2 = (n: number) => Math.round(n * 100) / 100;
const r4 = (n: number) => Math.round(n * 10000) / 10000;

/**
 * Adds what the Blueprint requires of a quote/order body (BP L30618-30624, L30634, L30714): each row's Tax, Memo
 * and the order totals, computed here independently of the sandbox so the two can disagree.
 */
export function withMoney<T extends { Lines?: Row[]; AdditionalCharges?: Row[] }>(
  body: T,
  tax: TaxSetting = NZ_TAX,
): T & { Memo: string; TotalBeforeTax: number; Tax: number; Total: number } {
  const exact = (amount: number) =>
    tax.inclusive ? (amount * tax.percent) / (100 + tax.percent) : (amount * tax.percent) / 100;
  const rows = (list: Row[] | undefined): Row[] =>
    (list ?? []).map((row) => {
      const total = Number(row.Total);
      const t = tax.method === 'Row Total' ? r2(exact(total)) : r4(exact(total));
      return { ...row, Tax: row.Tax ?? t };
    });
  const lines = rows(body.Lines);
  const charges = rows(body.AdditionalCharges);
  const sum = r4([...lines, ...charges].reduce((s, l) => s + Number(l.Total), 0));
  const taxTotal =
    tax.method === 'Row Total'
      ? r2([...lines, ...charges].reduce((s, l) => s + r2(Number(l.Tax)), 0))
      : r2(exact(sum));
  return {
    Memo: '',
    ...body,
    Lines: lines,
    AdditionalCharges: charges,
    TotalBeforeTax: tax.inclusive ? r4(sum - taxTotal) : sum,
    Tax: taxTotal,
    Total: tax.inclusive ? sum : r4(sum + taxTotal),
  };
}

type Row = Record<string, unknown>;
