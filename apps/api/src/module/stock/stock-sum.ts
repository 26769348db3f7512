import type { StockDisplay } from '@upstock/cin7-contracts';
import type { Cin7AvailabilityRow, Cin7AvailabilityWebhookRow } from '@upstock/cin7-core';
import type { ProductAvailability } from '../ports/index.js';

/** One product's stock in the chosen locations: every bin and batch added up. */
export interface StockSum {
  sku: string | null;
  available: number;
  onOrder: number;
  /** Earliest `NextDeliveryDate` of rows with goods on order (`YYYY-MM-DD`); null when none is known. */
  nextDeliveryDate: string | null;
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** Location names compare case-insensitively (Cin7's own `Location` filter does, BP L6158). */
export function locationMatcher(locations: readonly string[]): (name: string) => boolean {
  const wanted = new Set(locations.map((l) => l.trim().toLowerCase()));
  return (name) => wanted.has(name.trim().toLowerCase());
}

/** Sums rows per product (lowercase Cin7 id) over the chosen locations; rows elsewhere are left out. */
export function sumRows(
  rows: readonly Pick<
    Cin7AvailabilityRow,
    'ID' | 'SKU' | 'Location' | 'Available' | 'OnOrder' | 'NextDeliveryDate'
  >[],
  locations: readonly string[],
): Map<string, StockSum> {
  const chosen = locationMatcher(locations);
  const sums = new Map<string, StockSum>();
  for (const row of rows) {
    if (!chosen(row.Location)) continue;
    const sum = sums.get(row.ID) ?? { sku: row.SKU, available: 0, onOrder: 0, nextDeliveryDate: null };
    sum.available = round4(sum.available + (row.Available ?? 0));
    sum.onOrder = round4(sum.onOrder + (row.OnOrder ?? 0));
    if ((row.OnOrder ?? 0) > 0 && row.NextDeliveryDate) {
      const date = row.NextDeliveryDate.slice(0, 10);
      if (!sum.nextDeliveryDate || date < sum.nextDeliveryDate) sum.nextDeliveryDate = date;
    }
    sums.set(row.ID, sum);
  }
  return sums;
}

/**
 * Splits a `Stock/AvailableStockLevelChanged` payload by product: a product is complete when the payload carries as
 * many of its rows as its `MaxRows` says it has (BP L28483); otherwise the payload was cut and only hints that the
 * product changed.
 */
export function splitWebhookRows(rows: readonly Cin7AvailabilityWebhookRow[]): {
  complete: Map<string, Cin7AvailabilityWebhookRow[]>;
  incomplete: Set<string>;
} {
  const byProduct = new Map<string, Cin7AvailabilityWebhookRow[]>();
  for (const row of rows) byProduct.set(row.ID, [...(byProduct.get(row.ID) ?? []), row]);
  const complete = new Map<string, Cin7AvailabilityWebhookRow[]>();
  const incomplete = new Set<string>();
  for (const [id, productRows] of byProduct) {
    const max = Math.max(...productRows.map((r) => r.MaxRows ?? Number.POSITIVE_INFINITY));
    if (productRows.length >= max) complete.set(id, productRows);
    else incomplete.add(id);
  }
  return { complete, incomplete };
}

/** What the host is told, as the supplier chose to show it. Negative stock (oversold) shows as none. */
export function toAvailability(
  productId: string,
  sum: Omit<StockSum, 'sku'>,
  display: StockDisplay,
): ProductAvailability {
  const available = Math.max(0, sum.available);
  return {
    productId,
    available: display === 'QUANTITY' ? available : null,
    inStock: available > 0,
    onOrder: Math.max(0, sum.onOrder),
    nextDeliveryDate: sum.onOrder > 0 ? sum.nextDeliveryDate : null,
  };
}
