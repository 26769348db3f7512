import type { PriceChanges } from '@upstock/cin7-contracts';
import type { PriceWritePlan } from './price-diff.js';

export type PriceChangesRecord = PriceChanges;

/** The supplier-facing summary of a write plan ("what changed"), kept on the run and shown in the status. */
export function summariseChanges(
  plan: PriceWritePlan,
  written: { blockedBefore: (id: string) => boolean },
): PriceChanges {
  return {
    basePrices: plan.baseDelta,
    lists: plan.lists.map((w) => ({
      name: w.list.name,
      created: w.created,
      renamedFrom: w.renamedFrom,
      ...w.delta,
    })),
    customersReassigned: plan.assignments.length,
    customerPricesReplaced: plan.customerPrices.length,
    orderingBlocked: plan.blocked.filter((b) => b.reason !== null).length,
    orderingUnblocked: plan.blocked.filter(
      (b) => b.reason === null && written.blockedBefore(b.upstockCustomerId),
    ).length,
  };
}

export function noChanges(): PriceChanges {
  return {
    basePrices: { added: 0, changed: 0, removed: 0 },
    lists: [],
    customersReassigned: 0,
    customerPricesReplaced: 0,
    orderingBlocked: 0,
    orderingUnblocked: 0,
  };
}
