import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { bool, dateOnly, guid, num, optDate, optNum, timestamp } from './primitives.schema.js';
import { productSchema } from './product.schema.js';

describe('Cin7 primitives', () => {
  it('parses timestamps with 0-7 fractional digits, with or without Z (no Z = UTC)', () => {
    const cases: Array<[string, string]> = [
      ['2017-09-29T03:03:13Z', '2017-09-29T03:03:13.000Z'],
      ['2017-09-29T03:03:13.9Z', '2017-09-29T03:03:13.900Z'],
      ['2021-11-11T13:27:28.16Z', '2021-11-11T13:27:28.160Z'],
      ['2017-09-29T03:03:13.913Z', '2017-09-29T03:03:13.913Z'],
      ['2017-11-28T05:08:30.6407568Z', '2017-11-28T05:08:30.640Z'],
      ['2018-02-07T07:22:37.21', '2018-02-07T07:22:37.210Z'],
      ['2012-11-14T13:28:33', '2012-11-14T13:28:33.000Z'],
      ['2025-01-01T12:00:00+02:00', '2025-01-01T10:00:00.000Z'],
    ];
    for (const [input, iso] of cases) expect(timestamp.parse(input).toISOString()).toBe(iso);
    expect(timestamp.safeParse('yesterday').success).toBe(false);
  });

  it('keeps date-only values as YYYY-MM-DD, including webhook dd/MM/yyyy', () => {
    expect(dateOnly.parse('2017-09-29T00:00:00')).toBe('2017-09-29');
    expect(dateOnly.parse('2025-10-27')).toBe('2025-10-27');
    expect(dateOnly.parse('29/01/2018')).toBe('2018-01-29');
    expect(optDate.parse('')).toBeNull();
    expect(optDate.parse(undefined)).toBeNull();
  });

  it('accepts numbers and booleans sent as strings', () => {
    expect(num.parse('10.0000000000')).toBe(10);
    expect(num.parse(497)).toBe(497);
    expect(num.safeParse('ten').success).toBe(false);
    expect(optNum.parse(null)).toBeNull();
    expect(bool.parse('true')).toBe(true);
    expect(bool.parse('False')).toBe(false);
    expect(bool.safeParse('maybe').success).toBe(false);
  });

  it('lowercases GUIDs', () => {
    expect(guid.parse('91EE7B1D-AB12-4C3D-9E8F-0A1B2C3D4E5F')).toBe('91ee7b1d-ab12-4c3d-9e8f-0a1b2c3d4e5f');
  });

  it('reads a product with string booleans, missing arrays and unknown fields', () => {
    const product = productSchema.parse({
      ID: 'AB000000-0000-0000-0000-000000000001',
      SKU: 'TENT-2P',
      Name: 'Two-person tent',
      Type: 'Stock',
      PriceTier1: '249.5',
      PriceTiers: { Retail: 249.5, Wholesale: '199' },
      Attachments: [{ ID: null, FileName: 'a.jpg', DownloadUrl: 'https://x/a.jpg', IsDefault: 'true' }],
      CustomPrices: [{ CustomerID: 'CD000000-0000-0000-0000-000000000002', CustomerName: 'Kiwi', Price: 10 }],
      SomethingNew: { nested: true },
    });
    expect(product.ID).toBe('ab000000-0000-0000-0000-000000000001');
    expect(product.PriceTier1).toBe(249.5);
    expect(product.PriceTier2).toBeNull();
    expect(product.PriceTiers).toEqual({ Retail: 249.5, Wholesale: 199 });
    expect(product.Attachments[0]?.IsDefault).toBe(true);
    expect(product.CustomPrices[0]?.CustomerCurrency).toBeNull();
    expect(product.LastModifiedOn).toBeNull();
    expect(z.object({}).safeParse(product).success).toBe(true);
    expect('SomethingNew' in product).toBe(false);
  });
});
