import { describe, expect, it } from '@jest/globals';
import type { Cin7Fulfilment, Cin7Sale, Cin7SaleLine, Cin7ShipLine } from '@upstock/cin7-core';
import type { HostOrder } from '../../ports/index.js';
import { findSaleDrift } from './sale-drift.js';
import { isNotable, readShipment, shipmentKey, shippingPhase } from './sale-shipment.reader.js';

function line(sku: string, quantity: number, price: number, extra: Partial<Cin7SaleLine> = {}): Cin7SaleLine {
  return {
    ProductID: null,
    SKU: sku,
    Name: `Product ${sku}`,
    Quantity: quantity,
    Price: price,
    Discount: 0,
    Tax: 0,
    TaxRule: 'GST',
    Total: Math.round(quantity * price * 10_000) / 10_000,
    Comment: null,
    AverageCost: null,
    DropShip: null,
    BackorderQuantity: null,
    Backorder: null,
    ...extra,
  };
}

function shipLine(extra: Partial<Cin7ShipLine>): Cin7ShipLine {
  return {
    ID: null,
    ShipmentDate: '2026-11-20',
    Carrier: 'NZ Post',
    Boxes: 'Box 1',
    Box: null,
    TrackingNumber: null,
    TrackingURL: null,
    IsShipped: true,
    ...extra,
  };
}

function fulfilment(lines: Cin7ShipLine[], status = 'AUTHORISED'): Cin7Fulfilment {
  return {
    TaskID: 'task-1',
    FulfillmentNumber: 1,
    LinkedInvoiceNumber: null,
    FulFilmentStatus: null,
    Pick: null,
    Pack: null,
    Ship: {
      TaskID: 'task-1',
      Status: status,
      RequireBy: null,
      ShippingAddress: null,
      ShippingNotes: null,
      Lines: lines,
    },
  };
}

function sale(
  overrides: Partial<Cin7Sale> = {},
  lines: Cin7SaleLine[] = [line('TENT', 2, 199)],
  freight = 12,
): Cin7Sale {
  const linesTotal = lines.reduce((s, l) => s + (l.Total ?? 0), 0);
  return {
    ID: 'sale-1',
    Customer: 'Kiwi Outdoors',
    CustomerID: null,
    Contact: null,
    Phone: null,
    Email: null,
    DefaultAccount: null,
    SkipQuote: true,
    BillingAddress: null,
    ShippingAddress: null,
    ShippingNotes: null,
    BaseCurrency: 'NZD',
    CustomerCurrency: 'NZD',
    TaxRule: null,
    TaxCalculation: null,
    Terms: null,
    PriceTier: null,
    ShipBy: null,
    Location: null,
    SaleOrderDate: null,
    LastModifiedOn: new Date('2026-11-20T10:00:00Z'),
    Note: null,
    CustomerReference: null,
    COGSAmount: null,
    Status: 'ORDERED',
    CombinedPickingStatus: null,
    CombinedPackingStatus: null,
    CombinedShippingStatus: 'NOT SHIPPED',
    CombinedInvoiceStatus: null,
    CombinedPaymentStatus: null,
    CombinedTrackingNumbers: null,
    FulFilmentStatus: null,
    Carrier: null,
    CurrencyRate: 1,
    SalesRepresentative: null,
    ServiceOnly: false,
    Type: 'Simple Sale',
    SourceChannel: null,
    ExternalID: 'upstock-order:1',
    Order: {
      SaleID: 'sale-1',
      SaleOrderNumber: 'SO-00412',
      Memo: null,
      Status: 'AUTHORISED',
      Lines: lines,
      AdditionalCharges:
        freight > 0
          ? [
              {
                Description: 'Freight',
                Price: freight,
                Quantity: 1,
                Discount: 0,
                Tax: 0,
                TaxRule: 'GST',
                Total: freight,
                Comment: null,
              },
            ]
          : [],
      TotalBeforeTax: linesTotal + freight,
      Tax: 0,
      Total: linesTotal + freight,
    },
    Fulfilments: [],
    ...overrides,
  };
}

const order: HostOrder = {
  id: 'order-1',
  number: 'UP-1001',
  reference: null,
  customerId: 'c1',
  currency: 'NZD',
  status: 'approved',
  orderDate: '2026-11-19',
  deliveryDate: null,
  comments: [],
  tracking: null,
  lines: [{ productId: 'p1', sku: 'TENT', name: 'Tent', quantity: 2, unitPrice: 199 }],
  freight: 12,
  total: 410,
};

describe('shippingPhase', () => {
  it('reads Cin7 combined shipping status, a void winning over any shipment', () => {
    expect(shippingPhase({ Status: 'ORDERED', CombinedShippingStatus: 'NOT SHIPPED' })).toBe('open');
    expect(shippingPhase({ Status: 'SHIPPING', CombinedShippingStatus: 'partially shipped' })).toBe(
      'partially-shipped',
    );
    expect(shippingPhase({ Status: 'INVOICED', CombinedShippingStatus: 'SHIPPED' })).toBe('shipped');
    expect(shippingPhase({ Status: 'VOIDED', CombinedShippingStatus: 'SHIPPED' })).toBe('voided');
    expect(isNotable({ Status: 'ORDERED', CombinedShippingStatus: null })).toBe(false);
    expect(isNotable({ Status: 'VOIDED', CombinedShippingStatus: 'NOT SHIPPED' })).toBe(true);
  });
});

describe('readShipment', () => {
  const fallback = new Date('2026-11-21T08:00:00Z');

  it('takes the tracking link, number and carrier of the shipped lines, dated by the latest shipment', () => {
    const s = sale({
      Fulfilments: [
        fulfilment([
          shipLine({
            TrackingNumber: 'NZ1',
            TrackingURL: 'https://track.example/NZ1',
            ShipmentDate: '2026-11-20',
          }),
          shipLine({ TrackingNumber: 'NZ2', ShipmentDate: '2026-11-22' }),
          shipLine({ TrackingNumber: 'NOT-YET', IsShipped: false }),
        ]),
      ],
    });
    expect(readShipment(s, fallback)).toEqual({
      trackingNumber: 'NZ1, NZ2',
      trackingUrl: 'https://track.example/NZ1',
      carrier: 'NZ Post',
      shippedAt: '2026-11-22T00:00:00.000Z',
    });
  });

  it('falls back to the combined tracking numbers, the sale carrier and the given time', () => {
    const info = readShipment(sale({ CombinedTrackingNumbers: 'ABC123', Carrier: 'DHL' }), fallback);
    expect(info).toEqual({
      trackingNumber: 'ABC123',
      trackingUrl: null,
      carrier: 'DHL',
      shippedAt: fallback.toISOString(),
    });
  });

  it('keys a shipment by its tracking and carrier, not by its date', () => {
    const a = readShipment(
      sale({ Fulfilments: [fulfilment([shipLine({ TrackingNumber: 'X' })])] }),
      fallback,
    );
    const b = { ...a, shippedAt: '2030-01-01T00:00:00.000Z' };
    const c = { ...a, trackingNumber: 'Y' };
    expect(shipmentKey(a)).toBe(shipmentKey(b));
    expect(shipmentKey(a)).not.toBe(shipmentKey(c));
  });
});

describe('findSaleDrift', () => {
  it('compares a tax-inclusive sale’s Total (tax included) with the Upstock total, not its TotalBeforeTax', () => {
    const base = sale({ TaxCalculation: 'Inclusive' });
    const inclusive = {
      ...base,
      Order: base.Order && { ...base.Order, TotalBeforeTax: 356.52, Tax: 53.48, Total: 410 },
    };
    expect(findSaleDrift(order, inclusive)).toBeNull();
    const taxChanged = { ...inclusive, Order: inclusive.Order && { ...inclusive.Order, Total: 420 } };
    expect(findSaleDrift(order, taxChanged)?.explanation).toContain(
      'Total including tax: Upstock 410.00 NZD, Cin7 420.00 NZD.',
    );
  });

  it('finds nothing when lines, freight and total match (SKU case and 4 dp rounding aside)', () => {
    expect(findSaleDrift(order, sale({}, [line('tent', 2, 199.00001)]))).toBeNull();
  });

  it('explains a changed quantity line by line with both totals', () => {
    const drift = findSaleDrift(order, sale({}, [line('TENT', 3, 199)]));
    expect(drift?.explanation).toBe(
      'Cin7 sale SO-00412 no longer matches Upstock order UP-1001. Total before tax: Upstock 410.00 NZD, Cin7 609.00 NZD. ' +
        'Differences (Upstock → Cin7): TENT: quantity 2 → 3, line total 398.00 → 597.00.',
    );
  });

  it('names added and removed lines, discounts and freight changes', () => {
    const drift = findSaleDrift(
      {
        ...order,
        lines: [...order.lines, { productId: 'p2', sku: 'MAT', name: 'Mat', quantity: 1, unitPrice: 30 }],
        total: 440,
      },
      sale({}, [line('TENT', 2, 199, { Discount: 10, Total: 358.2 }), line('STOVE', 1, 80)], 15),
    );
    expect(drift?.explanation).toContain('TENT: line total 398.00 → 358.20');
    expect(drift?.explanation).toContain('MAT: 1 × in Upstock (30.00), not on the Cin7 sale');
    expect(drift?.explanation).toContain('STOVE: added in Cin7, 1 × (80.00)');
    expect(drift?.explanation).toContain('freight and other charges 12.00 → 15.00');
  });

  it('gives the same key to the same drift and another to a different one', () => {
    const a = findSaleDrift(order, sale({}, [line('TENT', 3, 199)]));
    const again = findSaleDrift(order, sale({ LastModifiedOn: new Date() }, [line('TENT', 3, 199)]));
    const b = findSaleDrift(order, sale({}, [line('TENT', 4, 199)]));
    expect(a?.key).toBe(again?.key);
    expect(a?.key).not.toBe(b?.key);
  });
});
