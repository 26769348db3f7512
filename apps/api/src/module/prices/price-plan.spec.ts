import { describe, expect, it } from '@jest/globals';
import {
  blockedReasonFor,
  buildPricePlan,
  discounted,
  listKeyFor,
  type MirroredCustomer,
  type MirroredProduct,
  type PlanInput,
  parseListKey,
  type TierState,
  tierCodeFor,
} from './price-plan.js';

const tiers: TierState[] = [
  { code: 1, name: 'Retail', formerNames: [] },
  { code: 2, name: 'Trade', formerNames: ['Wholesale'] },
  { code: 3, name: 'Distributor', formerNames: [] },
  ...Array.from({ length: 7 }, (_, i) => ({ code: i + 4, name: `Tier ${i + 4}`, formerNames: [] })),
];

const product = (id: string, prices: number[]): MirroredProduct => ({
  cin7Id: id,
  prices: [...prices, ...Array(10 - prices.length).fill(0)],
});
const customer = (id: string, over: Partial<MirroredCustomer> = {}): MirroredCustomer => ({
  cin7Id: id,
  name: `Customer ${id}`,
  tierName: 'Retail',
  discount: 0,
  currency: 'NZD',
  customPrices: [],
  ...over,
});

function input(over: Partial<PlanInput> = {}): PlanInput {
  return {
    tiers,
    products: [product('p1', [100, 80, 70]), product('p2', [50, 40]), product('unlinked', [9, 9, 9])],
    customers: [],
    productLinks: new Map([
      ['p1', 'U-P1'],
      ['p2', 'U-P2'],
    ]),
    customerLinks: new Map([
      ['c1', 'U-C1'],
      ['c2', 'U-C2'],
      ['c3', 'U-C3'],
    ]),
    baseCurrency: 'NZD',
    existingListKeys: [],
    ...over,
  };
}

describe('tierCodeFor', () => {
  it('maps current names, former names and the default "Tier N" pattern, case-insensitively', () => {
    expect(tierCodeFor('trade', tiers)).toBe(2);
    expect(tierCodeFor('Wholesale', tiers)).toBe(2);
    expect(tierCodeFor('Tier 7', tiers)).toBe(7);
    expect(tierCodeFor('', tiers)).toBe(1);
    expect(tierCodeFor(null, tiers)).toBe(1);
    expect(tierCodeFor('VIP', tiers)).toBeNull();
  });
});

describe('list keys', () => {
  it('are stable per tier code and discount, and parse back', () => {
    expect(listKeyFor(1, 0)).toBeNull();
    expect(listKeyFor(2, 0)).toBe('cin7-tier-2');
    expect(listKeyFor(1, 5)).toBe('cin7-tier-1-less-5');
    expect(listKeyFor(3, 2.5)).toBe('cin7-tier-3-less-2.5');
    expect(parseListKey('cin7-tier-3-less-2.5')).toEqual({ tierCode: 3, discount: 2.5 });
    expect(parseListKey('cin7-tier-2')).toEqual({ tierCode: 2, discount: 0 });
    expect(parseListKey('base')).toBeNull();
  });
});

describe('discounted', () => {
  it('applies the percentage and rounds to Cin7 precision (4 dp)', () => {
    expect(discounted(199, 2.5)).toBe(194.025);
    expect(discounted(10, 0)).toBe(10);
    expect(discounted(3.33333, 10)).toBe(3);
  });
});

describe('buildPricePlan', () => {
  it('uses Tier 1 as the base price of linked products only', () => {
    const plan = buildPricePlan(input());
    expect([...plan.base]).toEqual([
      ['U-P1', 100],
      ['U-P2', 50],
    ]);
  });

  it('makes one list per tier that has prices, named after the tier, leaving unset (0) prices out', () => {
    const plan = buildPricePlan(input());
    expect([...plan.lists.keys()].sort()).toEqual(['cin7-tier-2', 'cin7-tier-3']);
    expect(plan.lists.get('cin7-tier-2')?.name).toBe('Trade');
    expect([...(plan.lists.get('cin7-tier-2')?.entries ?? [])]).toEqual([
      ['U-P1', 80],
      ['U-P2', 40],
    ]);
    // p2 has no Tier 3 price: buyers on Tier 3 fall back to its base price instead of getting it free.
    expect([...(plan.lists.get('cin7-tier-3')?.entries ?? [])]).toEqual([['U-P1', 70]]);
  });

  it('assigns customers by tier (an old tier name still works); Tier 1 is the base price', () => {
    const plan = buildPricePlan(
      input({ customers: [customer('c1', { tierName: 'Wholesale' }), customer('c2'), customer('unlinked')] }),
    );
    expect(plan.customers.get('U-C1')?.listKey).toBe('cin7-tier-2');
    expect(plan.customers.get('U-C2')?.listKey).toBeNull();
    expect(plan.customers.size).toBe(2);
  });

  it('applies a customer discount through a discounted copy of the tier list, falling back to Tier 1 prices', () => {
    const plan = buildPricePlan(
      input({ customers: [customer('c1', { tierName: 'Distributor', discount: 10 })] }),
    );
    const c1 = plan.customers.get('U-C1');
    expect(c1?.listKey).toBe('cin7-tier-3-less-10');
    const list = plan.lists.get('cin7-tier-3-less-10');
    expect(list?.name).toBe('Distributor less 10% customer discount');
    // p1: Tier 3 is 70 → 63; p2 has no Tier 3 price → its base price 50 less 10%.
    expect([...(list?.entries ?? [])]).toEqual([
      ['U-P1', 63],
      ['U-P2', 45],
    ]);
  });

  it('gives custom prices to the customer, less the customer discount, for linked products only', () => {
    const plan = buildPricePlan(
      input({
        customers: [
          customer('c1', {
            discount: 5,
            customPrices: [
              { productId: 'p1', price: 90 },
              { productId: 'unlinked', price: 1 },
            ],
          }),
          customer('c2', { customPrices: [{ productId: 'p2', price: 45 }] }),
        ],
      }),
    );
    expect([...(plan.customers.get('U-C1')?.entries ?? [])]).toEqual([['U-P1', 85.5]]);
    expect([...(plan.customers.get('U-C2')?.entries ?? [])]).toEqual([['U-P2', 45]]);
  });

  it('blocks ordering for a customer in another currency but keeps its prices', () => {
    const plan = buildPricePlan(
      input({
        customers: [
          customer('c1', {
            currency: 'AUD',
            tierName: 'Trade',
            customPrices: [{ productId: 'p1', price: 99 }],
          }),
        ],
      }),
    );
    const c1 = plan.customers.get('U-C1');
    expect(c1?.orderingBlockedReason).toMatch(/AUD.*\(NZD\)/);
    expect(c1?.listKey).toBe('cin7-tier-2');
    expect(c1?.entries.get('U-P1')).toBe(99);
    expect(blockedReasonFor('nzd', 'NZD')).toBeNull();
    expect(blockedReasonFor(null, 'NZD')).toBeNull();
  });

  it('reports an unknown tier name and uses the base price', () => {
    const plan = buildPricePlan(input({ customers: [customer('c1', { tierName: 'VIP' })] }));
    expect(plan.customers.get('U-C1')?.listKey).toBeNull();
    expect(plan.issues).toEqual([
      expect.objectContaining({ cin7Id: 'c1', reason: expect.stringContaining('VIP') }),
    ]);
  });

  it('keeps maintaining lists written before, and empties a discount list nobody uses any more', () => {
    const plan = buildPricePlan(input({ existingListKeys: ['cin7-tier-4', 'cin7-tier-2-less-5'] }));
    expect(plan.lists.get('cin7-tier-4')?.entries.size).toBe(0);
    expect(plan.lists.get('cin7-tier-2-less-5')?.entries.size).toBe(0);
    expect(plan.lists.get('cin7-tier-2-less-5')?.name).toBe('Trade less 5% customer discount');
  });
});
