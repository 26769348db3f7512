import { describe, expect, it } from '@jest/globals';
import type { Cin7Deal, Cin7DiscountRule } from '@upstock/cin7-core';
import { findUnsupported, mergeTiers } from './price-reader.js';

const rule = (name: string, type: string, active = true): Cin7DiscountRule => ({
  ID: name,
  Name: name,
  IsActive: active,
  Type: type,
  DiscountLines: [],
});
const deal = (name: string, over: Partial<Cin7Deal> = {}): Cin7Deal => ({
  ID: name,
  Name: name,
  DateFrom: null,
  DateTo: null,
  IsActive: true,
  AllowCoupons: false,
  CustomersGroup: 'All',
  ...over,
});

describe('mergeTiers', () => {
  it('keeps former names of a renamed tier', () => {
    const first = mergeTiers(
      [],
      [
        { Code: 1, Name: 'Retail' },
        { Code: 2, Name: 'Wholesale' },
      ],
    );
    expect(first).toHaveLength(10);
    expect(first[9]).toEqual({ code: 10, name: 'Tier 10', formerNames: [] });
    const renamed = mergeTiers(first, [
      { Code: 1, Name: 'Retail' },
      { Code: 2, Name: 'Trade' },
    ]);
    expect(renamed[1]).toEqual({ code: 2, name: 'Trade', formerNames: ['Wholesale'] });
    const back = mergeTiers(renamed, [{ Code: 2, Name: 'Wholesale' }]);
    expect(back[1]).toEqual({ code: 2, name: 'Wholesale', formerNames: ['Trade'] });
  });
});

describe('findUnsupported', () => {
  it('sorts active rules into volume and product discounts, and lists deals switched on', () => {
    const now = Date.UTC(2026, 0, 1);
    const findings = findUnsupported(
      [rule('Volume 5%', 'QuantityBased'), rule('Clearance', 'Simple'), rule('Old', 'Simple', false)],
      [deal('Winter', { DateTo: new Date(now - 1) }), deal('Off', { IsActive: false })],
    );
    expect(findings).toEqual([
      { feature: 'product-discounts', count: 1, examples: ['Clearance'] },
      { feature: 'volume-discounts', count: 1, examples: ['Volume 5%'] },
      { feature: 'deals', count: 1, examples: ['Winter'] },
    ]);
    expect(findUnsupported([], [])).toEqual([]);
  });
});
