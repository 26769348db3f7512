import { createHash } from 'node:crypto';
import type { Cin7Sale } from '@upstock/cin7-core';
import type { HostOrder } from '../../ports/index.js';

/** Amounts are compared to the cent: Cin7 keeps 4 dp, Upstock shows 2. */
const MONEY_TOLERANCE = 0.005;
const QUANTITY_TOLERANCE = 0.00005;

export interface SaleDrift {
  /** Stable identity of this difference: the same drift seen again is not news. */
  key: string;
  /** What the supplier reads: which lines, which amounts, Upstock → Cin7. */
  explanation: string;
}

interface LineTotals {
  label: string;
  quantity: number;
  total: number;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
const money = (n: number): string => round2(n).toFixed(2);
const qty = (n: number): string => String(Math.round(n * 10_000) / 10_000);
const lineKey = (sku: string | null | undefined, name: string | null | undefined): string =>
  (sku ?? '').trim().toLowerCase() || `name:${(name ?? '').trim().toLowerCase()}`;

/** Cin7 sends `Total` "for validation"; when absent, compute it as Cin7 does (reference §5.3). */
function cin7LineTotal(l: {
  Quantity: number | null;
  Price: number | null;
  Discount: number | null;
  Total: number | null;
}) {
  return l.Total ?? (l.Quantity ?? 0) * (l.Price ?? 0) * (1 - (l.Discount ?? 0) / 100);
}

function upstockLines(order: HostOrder): Map<string, LineTotals> {
  const lines = new Map<string, LineTotals>();
  for (const l of order.lines) {
    const key = lineKey(l.sku, l.name);
    const line = lines.get(key) ?? { label: l.sku || l.name, quantity: 0, total: 0 };
    line.quantity += l.quantity;
    line.total += l.quantity * l.unitPrice;
    lines.set(key, line);
  }
  return lines;
}

function cin7Lines(sale: Cin7Sale): Map<string, LineTotals> {
  const lines = new Map<string, LineTotals>();
  for (const l of sale.Order?.Lines ?? []) {
    const key = lineKey(l.SKU, l.Name);
    const line = lines.get(key) ?? { label: l.SKU || l.Name || 'unnamed line', quantity: 0, total: 0 };
    line.quantity += l.Quantity ?? 0;
    line.total += cin7LineTotal(l);
    lines.set(key, line);
  }
  return lines;
}

/**
 * Compares the Cin7 sale's order lines, additional charges and total (in the sale's tax convention) with the
 * Upstock order.
 * Answers null when they match; otherwise every difference, in the order's currency.
 */
export function findSaleDrift(order: HostOrder, sale: Cin7Sale): SaleDrift | null {
  const ours = upstockLines(order);
  const theirs = cin7Lines(sale);
  const differences: string[] = [];

  for (const [key, u] of ours) {
    const c = theirs.get(key);
    if (!c) {
      differences.push(
        `${u.label}: ${qty(u.quantity)} × in Upstock (${money(u.total)}), not on the Cin7 sale`,
      );
      continue;
    }
    const changes: string[] = [];
    if (Math.abs(u.quantity - c.quantity) > QUANTITY_TOLERANCE) {
      changes.push(`quantity ${qty(u.quantity)} → ${qty(c.quantity)}`);
    }
    if (Math.abs(u.total - c.total) > MONEY_TOLERANCE)
      changes.push(`line total ${money(u.total)} → ${money(c.total)}`);
    if (changes.length > 0) differences.push(`${u.label}: ${changes.join(', ')}`);
  }
  for (const [key, c] of theirs) {
    if (!ours.has(key)) {
      differences.push(`${c.label}: added in Cin7, ${qty(c.quantity)} × (${money(c.total)})`);
    }
  }

  const charges = (sale.Order?.AdditionalCharges ?? []).reduce((sum, c) => sum + cin7LineTotal(c), 0);
  const freight = order.freight ?? 0;
  if (Math.abs(freight - charges) > MONEY_TOLERANCE) {
    differences.push(`freight and other charges ${money(freight)} → ${money(charges)}`);
  }

  // Upstock prices follow the tenant's convention (the order push sends TaxInclusive from the tax rule): a
  // tax-inclusive sale's Total is the Upstock total, a tax-exclusive sale's TotalBeforeTax is (BP L20708).
  const inclusive = sale.TaxCalculation?.toLowerCase() === 'inclusive';
  const linesTotal = [...theirs.values()].reduce((sum, l) => sum + l.total, 0);
  const cin7Total = (inclusive ? sale.Order?.Total : sale.Order?.TotalBeforeTax) ?? linesTotal + charges;
  const totalDiffers = Math.abs(order.total - cin7Total) > MONEY_TOLERANCE;
  if (differences.length === 0 && !totalDiffers) return null;

  const currency = order.currency;
  const saleName = sale.Order?.SaleOrderNumber ? `Cin7 sale ${sale.Order.SaleOrderNumber}` : 'The Cin7 sale';
  const explanation =
    `${saleName} no longer matches Upstock order ${order.number}. ` +
    `Total ${inclusive ? 'including' : 'before'} tax: Upstock ${money(order.total)} ${currency}, Cin7 ${money(cin7Total)} ${currency}.` +
    (differences.length > 0 ? ` Differences (Upstock → Cin7): ${differences.join('; ')}.` : '');
  const key = createHash('sha256')
    .update(JSON.stringify([differences, money(order.total), money(cin7Total)]))
    .digest('base64url')
    .slice(0, 22);
  return { key, explanation };
}
