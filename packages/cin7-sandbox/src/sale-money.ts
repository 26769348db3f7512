import { Cin7HttpError } from './http-kit.js';
import type {
  AccountState,
  AdditionalChargeRecord,
  SaleLineRecord,
  SaleRecord,
  TaxRuleRecord,
} from './store.types.js';
import { round2, round4 } from './wire-format.js';

/**
 * The money of a sale order as the sandbox reads the Blueprint:
 * - every line and additional charge carries `Tax` and `TaxRule` (BP L30645-30646, L30714-30716);
 * - the order carries `TotalBeforeTax`, `Tax` and `Total` (BP L30622-30624);
 * - a tax rule's `TaxPercent` is the rate, and `TaxInclusive` says whether prices include it (BP L27431-27432);
 *   a sale is tax inclusive when it says so (`TaxInclusive`, BP L20782), else when its tax rule is;
 * - `/me` `TaxCalculationMethod` is `Row Total` (tax rounded to the cent on each row, then summed) or `Total`
 *   (tax computed on the document's total per tax rule, rounded once) (BP L3999).
 * Inclusive: a line's `Total` includes its tax, `TotalBeforeTax = Σ Total − Tax`, `Total = Σ Total`.
 * Exclusive: `TotalBeforeTax = Σ Total`, `Total = TotalBeforeTax + Tax`. Sent values must match to the cent.
 */

type MoneyLine = Pick<SaleLineRecord | AdditionalChargeRecord, 'Total' | 'Tax' | 'TaxRule'>;

export function taxRuleNamed(state: AccountState, name: string): TaxRuleRecord {
  const rule = state.taxRules.find((t) => t.Name.toLowerCase() === name.toLowerCase());
  if (!rule) throw new Cin7HttpError(400, `Tax rule '${name}' not found.`);
  return rule;
}

/** The unrounded tax of an amount at a rate: part of it when the amount includes tax, on top of it otherwise. */
export function exactTax(amount: number, percent: number, inclusive: boolean): number {
  return inclusive ? (amount * percent) / (100 + percent) : (amount * percent) / 100;
}

/** The tax Cin7 stores on a row: to the cent by `Row Total`, a 4 dp share of the document's tax by `Total`. */
export function rowTax(state: AccountState, sale: SaleRecord, total: number, ruleName: string): number {
  const exact = exactTax(total, taxRuleNamed(state, ruleName).TaxPercent, sale.TaxInclusive);
  return state.me.TaxCalculationMethod === 'Row Total' ? round2(exact) : round4(exact);
}

export function computeTotals(state: AccountState, sale: SaleRecord, lines: readonly MoneyLine[]) {
  const sum = round4(lines.reduce((s, l) => s + l.Total, 0));
  let tax: number;
  if (state.me.TaxCalculationMethod === 'Row Total') {
    tax = round2(lines.reduce((s, l) => s + round2(l.Tax), 0));
  } else {
    const byRule = new Map<string, number>();
    for (const l of lines) byRule.set(l.TaxRule, (byRule.get(l.TaxRule) ?? 0) + l.Total);
    tax = 0;
    for (const [rule, amount] of byRule) {
      tax += round2(exactTax(amount, taxRuleNamed(state, rule).TaxPercent, sale.TaxInclusive));
    }
    tax = round2(tax);
  }
  return sale.TaxInclusive
    ? { TotalBeforeTax: round4(sum - tax), Tax: tax, Total: sum }
    : { TotalBeforeTax: sum, Tax: tax, Total: round4(sum + tax) };
}

/** The order's totals as Cin7 computes them from its stored rows. */
export function orderTotals(state: AccountState, sale: SaleRecord) {
  return computeTotals(state, sale, [...sale.order.Lines, ...sale.order.AdditionalCharges]);
}

const CENT = 0.005 + 1e-9;

/** Refuses a row whose sent `Tax` is not its tax rule's rate of its `Total` (BP L30645, L30714). */
export function checkRowTax(state: AccountState, sale: SaleRecord, what: string, row: MoneyLine): void {
  const expected = rowTax(state, sale, row.Total, row.TaxRule);
  // By `Total` a row's tax is only a share of the document's (rounded once), so a cent either way is Cin7's.
  const tolerance = state.me.TaxCalculationMethod === 'Row Total' ? CENT : 0.01 + 1e-9;
  if (Math.abs(row.Tax - expected) > tolerance) {
    throw new Cin7HttpError(
      400,
      `${what}: Tax ${row.Tax} does not match tax rule '${row.TaxRule}' (${expected}).`,
    );
  }
}

/** Refuses an order whose sent totals differ from the rows' by a cent or more (BP L30622-30624). */
export function checkOrderTotals(
  state: AccountState,
  sale: SaleRecord,
  rows: readonly MoneyLine[],
  sent: { TotalBeforeTax: number; Tax: number; Total: number },
): void {
  const expected = computeTotals(state, sale, rows);
  for (const key of ['TotalBeforeTax', 'Tax', 'Total'] as const) {
    if (Math.abs(sent[key] - expected[key]) > CENT) {
      throw new Cin7HttpError(
        400,
        `${key} ${sent[key]} does not match the order lines and additional charges (${expected[key]}, ${state.me.TaxCalculationMethod}, ${sale.TaxInclusive ? 'tax inclusive' : 'tax exclusive'}).`,
      );
    }
  }
}
