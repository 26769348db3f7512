import type { Cin7Client, Cin7Customer, Cin7Deal, Cin7DiscountRule, Cin7Product } from '@upstock/cin7-core';
import type { CustomerRow, ProductRow } from './price.store.js';
import { TIER_COUNT, type TierState } from './price-plan.js';
import type { UnsupportedFinding } from './price-sync-state.entity.js';

/** The part of the Cin7 client a price sync uses (tests pass a fake that satisfies it). */
export type PriceCin7Client = {
  reference: Pick<Cin7Client['reference'], 'priceTiers' | 'discountRules' | 'deals'>;
  products: Pick<Cin7Client['products'], 'pages'>;
  customers: Pick<Cin7Client['customers'], 'pages' | 'get'>;
  callCounts(): Record<string, number>;
};

/** Examples listed per unsupported feature in the status. */
const MAX_EXAMPLES = 5;

export function toProductRow(p: Cin7Product): ProductRow {
  const prices = [
    p.PriceTier1,
    p.PriceTier2,
    p.PriceTier3,
    p.PriceTier4,
    p.PriceTier5,
    p.PriceTier6,
    p.PriceTier7,
    p.PriceTier8,
    p.PriceTier9,
    p.PriceTier10,
  ].map((v) => v ?? 0);
  return {
    cin7Id: p.ID,
    sku: p.SKU,
    prices,
    discountRule: p.DiscountRule || null,
    lastModifiedOn: p.LastModifiedOn,
  };
}

export function toCustomerRow(c: Cin7Customer): CustomerRow {
  return {
    cin7Id: c.ID,
    name: c.Name,
    tierName: c.PriceTier || null,
    discount: c.Discount ?? 0,
    currency: c.Currency || null,
    customPrices: c.ProductPrices.filter((p) => p.Price !== null).map((p) => ({
      productId: p.ProductID,
      price: p.Price as number,
    })),
    lastModifiedOn: c.LastModifiedOn,
  };
}

export function isActive(status: string | null): boolean {
  return status === null || status.toLowerCase() === 'active';
}

/**
 * Merges Cin7's tier names into what we know: a renamed tier keeps its former names, because Cin7 customers
 * hold their tier by name and may still carry the old one.
 */
export function mergeTiers(
  known: readonly TierState[],
  fromCin7: readonly { Code: number; Name: string }[],
): TierState[] {
  const out: TierState[] = [];
  for (let code = 1; code <= TIER_COUNT; code++) {
    const before = known.find((t) => t.code === code);
    const name = fromCin7.find((t) => t.Code === code)?.Name ?? before?.name ?? `Tier ${code}`;
    const formerNames = [...(before?.formerNames ?? [])];
    if (before && before.name !== name && !formerNames.includes(before.name)) formerNames.push(before.name);
    out.push({ code, name, formerNames: formerNames.filter((n) => n !== name) });
  }
  return out;
}

/**
 * Discount rules (product-level and volume) and deals are not applied to Upstock prices; the status says which
 * exist. Quantity-based rules are volume discounts; every other active rule is a product-level discount.
 */
export function findUnsupported(
  rules: readonly Cin7DiscountRule[],
  deals: readonly Cin7Deal[],
): UnsupportedFinding[] {
  const activeRules = rules.filter((r) => r.IsActive !== false);
  const volume = activeRules.filter((r) => (r.Type ?? '').toLowerCase() === 'quantitybased');
  const product = activeRules.filter((r) => (r.Type ?? '').toLowerCase() !== 'quantitybased');
  // A deal switched on counts even outside its dates: seasonal deals come back with new dates.
  const activeDeals = deals.filter((d) => d.IsActive !== false);
  const findings: UnsupportedFinding[] = [];
  const add = (feature: UnsupportedFinding['feature'], names: string[]) => {
    if (names.length > 0)
      findings.push({ feature, count: names.length, examples: names.slice(0, MAX_EXAMPLES) });
  };
  add(
    'product-discounts',
    product.map((r) => r.Name),
  );
  add(
    'volume-discounts',
    volume.map((r) => r.Name),
  );
  add(
    'deals',
    activeDeals.map((d) => d.Name),
  );
  return findings;
}

export function totalCalls(client: Pick<PriceCin7Client, 'callCounts'>): number {
  return Object.values(client.callCounts()).reduce((sum, n) => sum + n, 0);
}
