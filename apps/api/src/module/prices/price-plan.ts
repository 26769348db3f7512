import { currencyBlockedReason } from '../catalog/import/customer.mapper.js';
import type { SkippedItem } from '../work/sync-run.entity.js';

// The desired state of a supplier's Upstock prices, computed from what the module knows of Cin7 (its mirror of
// tier prices, customers and custom prices) and the links. Pure: no I/O, so every pricing rule is unit-tested.

/** Cin7 has ten price tiers, codes 1-10 (reference §4.2). */
export const TIER_COUNT = 10;
/** Cin7 prices carry up to 4 decimals (reference §2.5); final prices are rounded to the same. */
const PRICE_DECIMALS = 4;

export interface TierState {
  code: number;
  name: string;
  /** Names this tier had before (customers hold their tier by name and may still carry an old one). */
  formerNames: string[];
}

export interface MirroredProduct {
  cin7Id: string;
  /** PriceTier1..PriceTier10, index 0 = Tier 1. */
  prices: number[];
}

export interface MirroredCustomer {
  cin7Id: string;
  name: string;
  /** Cin7 holds the tier by name (reference §3). */
  tierName: string | null;
  /** Customer-level discount, percent 0-100. */
  discount: number;
  currency: string | null;
  customPrices: { productId: string; price: number }[];
}

export interface PlanInput {
  tiers: TierState[];
  products: Iterable<MirroredProduct>;
  customers: Iterable<MirroredCustomer>;
  /** Cin7 product id → Upstock product id. */
  productLinks: ReadonlyMap<string, string>;
  /** Cin7 customer id → Upstock customer id. */
  customerLinks: ReadonlyMap<string, string>;
  baseCurrency: string;
  /** Keys of lists written before: they keep being maintained (emptied when nobody uses them any more). */
  existingListKeys: Iterable<string>;
}

export interface PlannedList {
  key: string;
  tierCode: number;
  /** 0 for a tier's own list; > 0 for the tier's prices less a customer-level discount. */
  discount: number;
  name: string;
  /** Upstock product id → price. */
  entries: Map<string, number>;
}

export interface PlannedCustomer {
  upstockCustomerId: string;
  cin7CustomerId: string;
  name: string;
  /** Price list key, or null for the base price (Tier 1 without discount). */
  listKey: string | null;
  /** The customer's own final prices (custom prices, less the customer discount). */
  entries: Map<string, number>;
  orderingBlockedReason: string | null;
}

export interface PricePlan {
  /** Upstock product id → base price (Cin7 has no base price: Tier 1 is used). */
  base: Map<string, number>;
  lists: Map<string, PlannedList>;
  customers: Map<string, PlannedCustomer>;
  issues: SkippedItem[];
}

/** Key of an Upstock price list: by tier code (stable across renames) and discount; null = the base price. */
export function listKeyFor(tierCode: number, discount: number): string | null {
  if (discount <= 0) return tierCode === 1 ? null : `cin7-tier-${tierCode}`;
  return `cin7-tier-${tierCode}-less-${formatPercent(discount)}`;
}

export function listName(tierName: string, discount: number): string {
  return discount > 0 ? `${tierName} less ${formatPercent(discount)}% customer discount` : tierName;
}

export function roundPrice(value: number): number {
  const factor = 10 ** PRICE_DECIMALS;
  return Math.round((value + Number.EPSILON) * factor) / factor;
}

/** The customer-level discount applied to a price: buyers only ever see the result. */
export function discounted(price: number, discount: number): number {
  return roundPrice(discount > 0 ? price * (1 - discount / 100) : price);
}

function formatPercent(discount: number): string {
  return String(roundPrice(discount));
}

/**
 * The tier code a customer's tier name points to: the current name, then a former one (Cin7 customers keep
 * the name they were given), then the default `Tier N` pattern; null when nothing matches.
 */
export function tierCodeFor(tierName: string | null, tiers: readonly TierState[]): number | null {
  const wanted = (tierName ?? '').trim().toLowerCase();
  if (wanted === '') return 1;
  const current = tiers.find((t) => t.name.trim().toLowerCase() === wanted);
  if (current) return current.code;
  const former = tiers.find((t) => t.formerNames.some((n) => n.trim().toLowerCase() === wanted));
  if (former) return former.code;
  const pattern = /^tier\s*(\d+)$/.exec(wanted);
  const code = pattern ? Number(pattern[1]) : Number.NaN;
  return code >= 1 && code <= TIER_COUNT ? code : null;
}

/**
 * A tier price of 0 means "not set" in Cin7 (tiers a supplier does not use are left at 0), so a tier list
 * leaves that product out and buyers fall back to the base price rather than getting it for free.
 */
function tierPrice(product: MirroredProduct, tierCode: number): number | null {
  const price = product.prices[tierCode - 1] ?? 0;
  return price > 0 ? price : null;
}

/** What a buyer on this tier pays before a discount: the tier price, else the base price (Tier 1). */
function effectivePrice(product: MirroredProduct, tierCode: number): number | null {
  const own = product.prices[tierCode - 1] ?? 0;
  if (own > 0) return own;
  const base = product.prices[0] ?? 0;
  return base > 0 ? base : null;
}

/**
 * Only the Cin7 base currency can be ordered through the integration; the reason is the catalog's own text, so
 * the price sync and the import/matching never fight over its wording. A customer without a currency is in base.
 */
export function blockedReasonFor(currency: string | null, baseCurrency: string): string | null {
  if (!currency || currency.trim() === '') return null;
  return currencyBlockedReason(currency.trim().toUpperCase(), baseCurrency);
}

export function buildPricePlan(input: PlanInput): PricePlan {
  const tierByCode = new Map(input.tiers.map((t) => [t.code, t]));
  const tierNameOf = (code: number) => tierByCode.get(code)?.name ?? `Tier ${code}`;
  const linkedProducts: { upstockId: string; product: MirroredProduct }[] = [];
  for (const product of input.products) {
    const upstockId = input.productLinks.get(product.cin7Id);
    if (upstockId) linkedProducts.push({ upstockId, product });
  }

  const base = new Map<string, number>();
  for (const { upstockId, product } of linkedProducts)
    base.set(upstockId, roundPrice(product.prices[0] ?? 0));

  const issues: SkippedItem[] = [];
  const customers = new Map<string, PlannedCustomer>();
  // Lists to maintain; `inUse` false = a discount list nobody has any more, emptied rather than left stale
  // (the port cannot delete a list).
  const wantedLists = new Map<string, { tierCode: number; discount: number; inUse: boolean }>();
  for (const customer of input.customers) {
    const upstockCustomerId = input.customerLinks.get(customer.cin7Id);
    if (!upstockCustomerId) continue;
    let tierCode = tierCodeFor(customer.tierName, input.tiers);
    if (tierCode === null) {
      issues.push({
        cin7Id: customer.cin7Id,
        label: customer.name,
        reason: `Price tier "${customer.tierName}" is not one of the Cin7 price tiers; the base price (Tier 1) is used.`,
      });
      tierCode = 1;
    }
    const discount = Math.min(100, Math.max(0, customer.discount));
    const listKey = listKeyFor(tierCode, discount);
    if (listKey) wantedLists.set(listKey, { tierCode, discount, inUse: true });
    const entries = new Map<string, number>();
    for (const custom of customer.customPrices) {
      const productId = input.productLinks.get(custom.productId);
      if (productId) entries.set(productId, discounted(custom.price, discount));
    }
    customers.set(upstockCustomerId, {
      upstockCustomerId,
      cin7CustomerId: customer.cin7Id,
      name: customer.name,
      listKey,
      entries,
      orderingBlockedReason: blockedReasonFor(customer.currency, input.baseCurrency),
    });
  }

  // A tier's own list exists once any linked product has a price in it; lists written before are kept up to date.
  for (let code = 2; code <= TIER_COUNT; code++) {
    if (linkedProducts.some(({ product }) => tierPrice(product, code) !== null)) {
      wantedLists.set(`cin7-tier-${code}`, { tierCode: code, discount: 0, inUse: true });
    }
  }
  for (const key of input.existingListKeys) {
    const parsed = parseListKey(key);
    if (parsed && !wantedLists.has(key)) wantedLists.set(key, { ...parsed, inUse: parsed.discount === 0 });
  }

  const lists = new Map<string, PlannedList>();
  for (const [key, spec] of wantedLists) {
    const entries = new Map<string, number>();
    if (spec.inUse) {
      for (const { upstockId, product } of linkedProducts) {
        const price =
          spec.discount > 0 ? effectivePrice(product, spec.tierCode) : tierPrice(product, spec.tierCode);
        if (price !== null) entries.set(upstockId, discounted(price, spec.discount));
      }
    }
    lists.set(key, {
      key,
      tierCode: spec.tierCode,
      discount: spec.discount,
      name: listName(tierNameOf(spec.tierCode), spec.discount),
      entries,
    });
  }
  return { base, lists, customers, issues };
}

/** The inverse of listKeyFor, for keys read back from the database. */
export function parseListKey(key: string): { tierCode: number; discount: number } | null {
  const match = /^cin7-tier-(\d+)(?:-less-([\d.]+))?$/.exec(key);
  if (!match) return null;
  return { tierCode: Number(match[1]), discount: match[2] ? Number(match[2]) : 0 };
}
