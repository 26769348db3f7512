/**
 * For fixtures that write sales straight to the sandbox (tests, benches, demo shells): the Blueprint-required money
 * of a quote/order body, computed independently of the sandbox's own checks (`sale-money.ts`) so the two can
 * disagree. Not part of any Cin7 behaviour.
 */

export interface TaxSetting {
  /** Rate of every row's tax rule, percent. */
  percent: number;
  inclusive: boolean;
  method: 'Row Total' | 'Total';
}

/** The demo NZ tenant: "GST on Income" 15 %, tax exclusive, tax by document Total. */
export const NZ_TAX: TaxSetting = { percent: 15, inclusive: false, method: 'Total' };

const r2 = (n: number) => Math.round(Number((n * 100).toPrecision(12))) / 100;
const r4 = (n: number) => Math.round(Number((n * 10000).toPrecision(12))) / 10000;

/**
 * Adds what the Blueprint requires of a quote/order body (BP L30618-30624, L30634, L30714): each row's Tax, Memo
 * and the order totals, computed here independently of the sandbox so the two can disagree.
 */
type Rows = { Total: unknown }[] | undefined;
type Taxed<R extends Rows> = (NonNullable<R>[number] & { Tax: number })[];

export function withMoney<T extends { Lines?: Rows; AdditionalCharges?: Rows }>(
  body: T,
  tax: TaxSetting = NZ_TAX,
): Omit<T, 'Lines' | 'AdditionalCharges'> & {
  Lines: Taxed<T['Lines']>;
  AdditionalCharges: Taxed<T['AdditionalCharges']>;
  Memo: string;
  TotalBeforeTax: number;
  Tax: number;
  Total: number;
} {
  const exact = (amount: number) =>
    tax.inclusive ? (amount * tax.percent) / (100 + tax.percent) : (amount * tax.percent) / 100;
  const rows = <R extends Rows>(list: R): Taxed<R> =>
    (list ?? []).map((row) => {
      const total = Number(row.Total);
      const t = tax.method === 'Row Total' ? r2(exact(total)) : r4(exact(total));
      return { ...row, Tax: t };
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
