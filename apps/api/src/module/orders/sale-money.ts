/**
 * The money of a Cin7 sale computed the way Cin7 computes it, so what a push sends adds up in Cin7 to the cent:
 * - each line and additional charge carries `Tax` and `TaxRule` (BP L30634-30636, L30714-30716) and the order
 *   carries `TotalBeforeTax`, `Tax` and `Total` (BP L30622-30624);
 * - a tax rule's `TaxPercent` is its rate and `TaxInclusive` says whether prices include it (BP L27431-27432);
 * - `/me` `TaxCalculationMethod` (BP L3999): `Row Total` rounds each row's tax to the cent and sums them; `Total`
 *   computes the tax of the document's total per tax rule and rounds once (rows carry 4 dp shares).
 * Tax inclusive: a row's `Total` includes its tax, `TotalBeforeTax = Σ Total − Tax`, `Total = Σ Total`.
 * Tax exclusive: `TotalBeforeTax = Σ Total`, `Total = TotalBeforeTax + Tax`.
 */

export type TaxCalculationMethod = 'Row Total' | 'Total';

/** A Cin7 tax rule as a sale needs it (`GET /ref/tax`). */
export interface TaxRuleRate {
  name: string;
  percent: number;
  inclusive: boolean;
}

export interface MoneyRow {
  Total: number;
  TaxRule: string;
}

export interface SaleMoney {
  /** Per row, in the order given. */
  rowTax: number[];
  totalBeforeTax: number;
  tax: number;
  total: number;
}

/**
 * Rounds half up like decimal arithmetic (Cin7 is .NET `decimal`): 0.135 → 0.14, where binary floating point
 * holds 0.13499999… (the product is trimmed to 12 significant digits before rounding).
 */
function roundTo(n: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(Number((n * scale).toPrecision(12))) / scale;
}
export const round2 = (n: number): number => roundTo(n, 2);
export const round4 = (n: number): number => roundTo(n, 4);

/** Half a cent: amounts that round to the same cent are equal. */
export const CENT_TOLERANCE = 0.005;

export function exactTax(amount: number, percent: number, inclusive: boolean): number {
  return inclusive ? (amount * percent) / (100 + percent) : (amount * percent) / 100;
}

/** Tax of every row and the order totals; `rateOf` answers a rule's percent (the caller checked it exists). */
export function saleMoney(
  rows: readonly MoneyRow[],
  rateOf: (rule: string) => number,
  inclusive: boolean,
  method: TaxCalculationMethod,
): SaleMoney {
  const rowTax = rows.map((r) => {
    const exact = exactTax(r.Total, rateOf(r.TaxRule), inclusive);
    return method === 'Row Total' ? round2(exact) : round4(exact);
  });
  const sum = round4(rows.reduce((s, r) => s + r.Total, 0));
  let tax: number;
  if (method === 'Row Total') {
    tax = round2(rowTax.reduce((s, t) => s + t, 0));
  } else {
    const byRule = new Map<string, number>();
    for (const r of rows) byRule.set(r.TaxRule, (byRule.get(r.TaxRule) ?? 0) + r.Total);
    tax = round2(
      [...byRule].reduce((s, [rule, amount]) => s + round2(exactTax(amount, rateOf(rule), inclusive)), 0),
    );
  }
  return inclusive
    ? { rowTax, totalBeforeTax: round4(sum - tax), tax, total: sum }
    : { rowTax, totalBeforeTax: sum, tax, total: round4(sum + tax) };
}

/** `Row Total` unless Cin7 says `Total` (the two values BP L3999 allows). */
export function taxCalculationMethodOf(value: string | null | undefined): TaxCalculationMethod {
  return value?.trim().toLowerCase() === 'total' ? 'Total' : 'Row Total';
}
