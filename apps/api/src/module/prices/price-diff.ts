import type { PlannedCustomer, PlannedList, PricePlan } from './price-plan.js';

// What must be written to Upstock to go from what was written last time to the plan. Pure. Only what differs is
// written, so a sync touches exactly the lists and customers whose prices changed.

export interface WrittenList {
  key: string;
  name: string;
  priceListId: string;
  /** Upstock product id → price. */
  entries: Record<string, number>;
}

export interface WrittenCustomer {
  upstockCustomerId: string;
  /** undefined = never assigned by the module; null = the base price. */
  listKey: string | null | undefined;
  entries: Record<string, number>;
  /** undefined = never written by the module. */
  blockedReason: string | null | undefined;
}

export interface WrittenState {
  /** Upstock product id → base price last written. */
  base: Record<string, number>;
  lists: Map<string, WrittenList>;
  customers: Map<string, WrittenCustomer>;
}

export interface EntryDelta {
  added: number;
  changed: number;
  removed: number;
}

export interface ListWrite {
  list: PlannedList;
  created: boolean;
  renamedFrom: string | null;
  delta: EntryDelta;
}

export interface PriceWritePlan {
  basePrices: { productId: string; price: number }[];
  baseDelta: EntryDelta;
  lists: ListWrite[];
  assignments: { upstockCustomerId: string; listKey: string | null }[];
  customerPrices: { customer: PlannedCustomer; delta: EntryDelta }[];
  blocked: { upstockCustomerId: string; reason: string | null }[];
}

export function entryDelta(before: Record<string, number>, after: ReadonlyMap<string, number>): EntryDelta {
  let added = 0;
  let changed = 0;
  for (const [id, price] of after) {
    const old = before[id];
    if (old === undefined) added++;
    else if (old !== price) changed++;
  }
  let removed = 0;
  for (const id of Object.keys(before)) if (!after.has(id)) removed++;
  return { added, changed, removed };
}

export function isEmptyDelta(d: EntryDelta): boolean {
  return d.added === 0 && d.changed === 0 && d.removed === 0;
}

/**
 * The writes that bring Upstock to the plan. With `onlyCustomer`, only that customer's assignment, own prices
 * and ordering block, and the list it is assigned to when that list is missing or out of date.
 */
export function diffPrices(
  plan: PricePlan,
  written: WrittenState,
  onlyCustomer?: string,
  unlinked: Iterable<string> = [],
): PriceWritePlan {
  const scoped = onlyCustomer !== undefined;
  const customers = scoped
    ? [plan.customers.get(onlyCustomer)].filter((c): c is PlannedCustomer => c !== undefined)
    : [...plan.customers.values()];
  const listKeys = scoped
    ? new Set(customers.map((c) => c.listKey).filter((k): k is string => k !== null))
    : new Set(plan.lists.keys());

  const basePrices: { productId: string; price: number }[] = [];
  if (!scoped) {
    for (const [productId, price] of plan.base)
      if (written.base[productId] !== price) basePrices.push({ productId, price });
  }
  // Base prices are never removed (a product that left the plan keeps the base price the import or we gave it).
  const baseDelta = scoped
    ? { added: 0, changed: 0, removed: 0 }
    : { ...entryDelta(written.base, plan.base), removed: 0 };

  const lists: ListWrite[] = [];
  for (const key of listKeys) {
    const list = plan.lists.get(key);
    if (!list) continue;
    const before = written.lists.get(key);
    const delta = entryDelta(before?.entries ?? {}, list.entries);
    const renamedFrom = before && before.name !== list.name ? before.name : null;
    if (!before || renamedFrom !== null || !isEmptyDelta(delta)) {
      lists.push({ list, created: !before, renamedFrom, delta });
    }
  }

  const assignments: PriceWritePlan['assignments'] = [];
  const customerPrices: PriceWritePlan['customerPrices'] = [];
  const blocked: PriceWritePlan['blocked'] = [];
  for (const customer of customers) {
    const before = written.customers.get(customer.upstockCustomerId);
    if (before?.listKey !== customer.listKey) {
      assignments.push({ upstockCustomerId: customer.upstockCustomerId, listKey: customer.listKey });
    }
    const delta = entryDelta(before?.entries ?? {}, customer.entries);
    if (!isEmptyDelta(delta)) customerPrices.push({ customer, delta });
    if (before?.blockedReason !== customer.orderingBlockedReason) {
      blocked.push({ upstockCustomerId: customer.upstockCustomerId, reason: customer.orderingBlockedReason });
    }
  }
  // A customer whose link was removed (unlinked, or its link moved to another customer) no longer has Cin7
  // prices: back to the base price, without its own prices.
  for (const id of unlinked) {
    if (scoped && id !== onlyCustomer) continue;
    const before = written.customers.get(id);
    if (!before) continue;
    if (before.listKey !== undefined && before.listKey !== null) {
      assignments.push({ upstockCustomerId: id, listKey: null });
    }
    const delta = entryDelta(before.entries, new Map());
    if (!isEmptyDelta(delta)) customerPrices.push({ customer: released(id), delta });
  }
  return { basePrices, baseDelta, lists, assignments, customerPrices, blocked };
}

export function isEmptyWritePlan(w: PriceWritePlan): boolean {
  return (
    w.basePrices.length === 0 &&
    w.lists.length === 0 &&
    w.assignments.length === 0 &&
    w.customerPrices.length === 0 &&
    w.blocked.length === 0
  );
}

function released(upstockCustomerId: string): PlannedCustomer {
  return {
    upstockCustomerId,
    cin7CustomerId: '',
    name: '',
    listKey: null,
    entries: new Map(),
    orderingBlockedReason: null,
  };
}
