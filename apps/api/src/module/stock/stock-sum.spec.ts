import { describe, expect, it } from '@jest/globals';
import type { Cin7AvailabilityWebhookRow } from '@upstock/cin7-core';
import { splitWebhookRows, sumRows, toAvailability } from './stock-sum.js';

const row = (over: Partial<Cin7AvailabilityWebhookRow>): Cin7AvailabilityWebhookRow => ({
  ID: 'p1',
  SKU: 'SKU-1',
  Name: 'One',
  Barcode: null,
  Location: 'Main Warehouse',
  Bin: null,
  Batch: null,
  ExpiryDate: null,
  OnHand: 0,
  Allocated: 0,
  Available: 0,
  OnOrder: 0,
  StockOnHand: 0,
  InTransit: 0,
  NextDeliveryDate: null,
  Category: null,
  MaxRows: null,
  ...over,
});

describe('stock sums', () => {
  it('adds up bins and batches of the chosen locations only, case-insensitively, with the earliest delivery', () => {
    const sums = sumRows(
      [
        row({ Bin: 'A', Available: 3, OnOrder: 5, NextDeliveryDate: '2027-02-01' }),
        row({ Bin: 'B', Available: 2.5, OnOrder: 1, NextDeliveryDate: '2027-01-12' }),
        row({ Batch: 'LOT', Location: 'main warehouse', Available: 1 }),
        row({ Location: 'Showroom', Available: 100, OnOrder: 9, NextDeliveryDate: '2026-12-24' }),
        row({
          ID: 'p2',
          Location: 'Main Warehouse',
          Available: 0,
          OnOrder: 0,
          NextDeliveryDate: '2026-12-01',
        }),
      ],
      ['Main Warehouse'],
    );
    expect(sums.get('p1')).toEqual({
      sku: 'SKU-1',
      available: 6.5,
      onOrder: 6,
      nextDeliveryDate: '2027-01-12',
    });
    // A date without goods on order says nothing.
    expect(sums.get('p2')?.nextDeliveryDate).toBeNull();
  });

  it('tells a complete product from one whose rows were cut (MaxRows)', () => {
    const { complete, incomplete } = splitWebhookRows([
      row({ ID: 'p1', Bin: 'A', MaxRows: 2 }),
      row({ ID: 'p1', Bin: 'B', MaxRows: 2 }),
      row({ ID: 'p2', Bin: 'A', MaxRows: 3 }),
      row({ ID: 'p3', MaxRows: null }),
    ]);
    expect([...complete.keys()]).toEqual(['p1']);
    expect([...incomplete]).toEqual(['p2', 'p3']);
  });

  it('shows a number or only in/out of stock, never negative stock, and a delivery date only with goods on order', () => {
    expect(
      toAvailability('u1', { available: 42, onOrder: 0, nextDeliveryDate: '2027-01-12' }, 'QUANTITY'),
    ).toEqual({
      productId: 'u1',
      available: 42,
      inStock: true,
      onOrder: 0,
      nextDeliveryDate: null,
    });
    expect(
      toAvailability('u1', { available: -3, onOrder: 24, nextDeliveryDate: '2027-01-12' }, 'IN_STOCK_ONLY'),
    ).toEqual({
      productId: 'u1',
      available: null,
      inStock: false,
      onOrder: 24,
      nextDeliveryDate: '2027-01-12',
    });
  });
});
