import { describe, expect, it } from '@jest/globals';
import { diffPrices, isEmptyWritePlan, type WrittenCustomer, type WrittenState } from './price-diff.js';
import type { PricePlan } from './price-plan.js';

function plan(): PricePlan {
  return {
    base: new Map([
      ['P1', 100],
      ['P2', 50],
    ]),
    lists: new Map([
      [
        'cin7-tier-2',
        { key: 'cin7-tier-2', tierCode: 2, discount: 0, name: 'Trade', entries: new Map([['P1', 80]]) },
      ],
      [
        'cin7-tier-3',
        { key: 'cin7-tier-3', tierCode: 3, discount: 0, name: 'Distributor', entries: new Map([['P1', 70]]) },
      ],
    ]),
    customers: new Map([
      [
        'C1',
        {
          upstockCustomerId: 'C1',
          cin7CustomerId: 'c1',
          name: 'One',
          listKey: 'cin7-tier-2',
          entries: new Map([['P1', 75]]),
          orderingBlockedReason: null,
        },
      ],
      [
        'C2',
        {
          upstockCustomerId: 'C2',
          cin7CustomerId: 'c2',
          name: 'Two',
          listKey: 'cin7-tier-3',
          entries: new Map(),
          orderingBlockedReason: 'AUD',
        },
      ],
    ]),
    issues: [],
  };
}

function writtenAsPlanned(): WrittenState {
  return {
    base: { P1: 100, P2: 50 },
    lists: new Map([
      ['cin7-tier-2', { key: 'cin7-tier-2', name: 'Trade', priceListId: 'L2', entries: { P1: 80 } }],
      ['cin7-tier-3', { key: 'cin7-tier-3', name: 'Distributor', priceListId: 'L3', entries: { P1: 70 } }],
    ]),
    customers: new Map<string, WrittenCustomer>([
      ['C1', { upstockCustomerId: 'C1', listKey: 'cin7-tier-2', entries: { P1: 75 }, blockedReason: null }],
      ['C2', { upstockCustomerId: 'C2', listKey: 'cin7-tier-3', entries: {}, blockedReason: 'AUD' }],
    ]),
  };
}

describe('diffPrices', () => {
  it('writes everything the first time', () => {
    const w = diffPrices(plan(), { base: {}, lists: new Map(), customers: new Map() });
    expect(w.basePrices).toHaveLength(2);
    expect(w.lists.map((l) => [l.list.key, l.created])).toEqual([
      ['cin7-tier-2', true],
      ['cin7-tier-3', true],
    ]);
    expect(w.assignments).toHaveLength(2);
    // C2 has no own prices: nothing to replace (Upstock's own customer prices are not wiped for nothing).
    expect(w.customerPrices.map((c) => c.customer.upstockCustomerId)).toEqual(['C1']);
    expect(w.blocked).toEqual([
      { upstockCustomerId: 'C1', reason: null },
      { upstockCustomerId: 'C2', reason: 'AUD' },
    ]);
  });

  it('writes nothing when nothing changed', () => {
    expect(isEmptyWritePlan(diffPrices(plan(), writtenAsPlanned()))).toBe(true);
  });

  it('writes only the list whose price changed, with the delta', () => {
    const p = plan();
    p.lists.get('cin7-tier-3')?.entries.set('P1', 72);
    const w = diffPrices(p, writtenAsPlanned());
    expect(w.lists.map((l) => [l.list.key, l.delta])).toEqual([
      ['cin7-tier-3', { added: 0, changed: 1, removed: 0 }],
    ]);
    expect(w.basePrices).toEqual([]);
    expect(w.assignments).toEqual([]);
  });

  it('rewrites a renamed list even when its prices are the same', () => {
    const p = plan();
    const list = p.lists.get('cin7-tier-2');
    if (list) list.name = 'Wholesale';
    const w = diffPrices(p, writtenAsPlanned());
    expect(w.lists.map((l) => [l.list.key, l.renamedFrom])).toEqual([['cin7-tier-2', 'Trade']]);
  });

  it('limits a customer-scoped diff to that customer and its list', () => {
    const p = plan();
    p.base.set('P1', 999);
    p.lists.get('cin7-tier-3')?.entries.set('P1', 1);
    const c1 = p.customers.get('C1');
    if (c1) c1.entries.set('P1', 60);
    const w = diffPrices(p, writtenAsPlanned(), 'C1');
    expect(w.basePrices).toEqual([]);
    expect(w.lists).toEqual([]);
    expect(w.customerPrices.map((c) => [c.customer.upstockCustomerId, c.delta])).toEqual([
      ['C1', { added: 0, changed: 1, removed: 0 }],
    ]);
  });

  it('counts removed entries and unblocks', () => {
    const written = writtenAsPlanned();
    written.customers.set('C1', {
      upstockCustomerId: 'C1',
      listKey: 'cin7-tier-2',
      entries: { P1: 75, P2: 1 },
      blockedReason: 'old',
    });
    const w = diffPrices(plan(), written);
    expect(w.customerPrices[0]?.delta).toEqual({ added: 0, changed: 0, removed: 1 });
    expect(w.blocked).toEqual([{ upstockCustomerId: 'C1', reason: null }]);
  });

  it('puts an unlinked customer back on the base price without its own prices, once', () => {
    const p = plan();
    p.customers.delete('C1');
    const written = writtenAsPlanned();
    const writes = diffPrices(p, written, undefined, ['C1']);
    expect(writes.assignments).toEqual([{ upstockCustomerId: 'C1', listKey: null }]);
    expect(writes.customerPrices).toHaveLength(1);
    expect(writes.customerPrices[0]?.customer.entries.size).toBe(0);
    expect(writes.customerPrices[0]?.delta).toEqual({ added: 0, changed: 0, removed: 1 });
    // Scoped to another customer, the unlinked one is left for its own sync.
    expect(diffPrices(p, written, 'C2', ['C1']).assignments).toEqual([]);
    written.customers.set('C1', { upstockCustomerId: 'C1', listKey: null, entries: {}, blockedReason: null });
    expect(isEmptyWritePlan(diffPrices(p, written, undefined, ['C1']))).toBe(true);
  });
});
