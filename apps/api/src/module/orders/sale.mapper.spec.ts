import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SETTINGS, type Settings } from '@upstock/cin7-contracts';
import type { HostOrder } from '../ports/index.js';
import {
  buildSale,
  type Cin7SaleDefaults,
  type PushCustomerLink,
  type PushProductLink,
  type SaleMappingInput,
  trackingOf,
} from './sale.mapper.js';
import { CUT_MARKER } from './text-limits.js';

const customer: PushCustomerLink = {
  cin7CustomerId: 'c0ffee00-0000-4000-8000-000000000001',
  cin7Name: 'Kiwi Outdoors Ltd',
  billingAddress: {
    id: 'b1',
    line1: 'PO Box 55',
    line2: null,
    city: 'Auckland',
    state: null,
    postcode: '1140',
    country: 'New Zealand',
  },
  shippingAddress: {
    id: 's2',
    line1: '9 Dock Rd',
    line2: 'Gate 3',
    city: 'Auckland',
    state: null,
    postcode: '1010',
    country: 'New Zealand',
  },
  salesRepresentative: 'Jane Rep',
  taxRule: 'GST on Income',
  location: null,
  orderingBlockedReason: null,
  discount: 0,
};
const tent: PushProductLink = {
  cin7ProductId: 'p-tent',
  sku: 'TENT-2P',
  name: 'Two-person tent',
  saleTaxRule: null,
};
const stove: PushProductLink = {
  cin7ProductId: 'p-stove',
  sku: 'STOVE',
  name: 'Camp stove',
  saleTaxRule: 'Zero Rated',
};
const defaults: Cin7SaleDefaults = {
  defaultLocation: 'Main Warehouse',
  locationNames: ['Main Warehouse', 'Wellington Store'],
  defaultTaxRule: 'Tax Exempt',
  taxRules: [
    { name: 'GST on Income', percent: 15, inclusive: false },
    { name: 'Zero Rated', percent: 0, inclusive: false },
    { name: 'Tax Exempt', percent: 0, inclusive: false },
    { name: 'GST Inclusive', percent: 15, inclusive: true },
  ],
  taxCalculationMethod: 'Total',
  autoDiscounts: false,
  freightProduct: { name: 'Freight', exists: true },
};
const order: HostOrder = {
  id: 'o1',
  number: '1042',
  reference: 'PO-7781',
  customerId: 'u-cust',
  currency: 'NZD',
  status: 'approved',
  orderDate: '2026-11-20',
  deliveryDate: '2026-11-27',
  comments: ['Leave at reception', 'second comment'],
  tracking: null,
  lines: [
    { productId: 'u-tent', sku: 'TENT-2P', name: 'Tent', quantity: 2, unitPrice: 199.12345 },
    { productId: 'u-stove', sku: 'STOVE', name: 'Stove', quantity: 1, unitPrice: 49.5 },
  ],
  freight: 12,
  total: 459.7469,
};

function input(over: Partial<SaleMappingInput> = {}, settings: Partial<Settings> = {}): SaleMappingInput {
  return {
    orderId: 'o1',
    order,
    customerName: 'Kiwi',
    customer,
    products: new Map([
      ['u-tent', tent],
      ['u-stove', stove],
    ]),
    settings: { ...DEFAULT_SETTINGS, ...settings },
    baseCurrency: 'NZD',
    defaults,
    ...over,
  };
}

function ok(i: SaleMappingInput) {
  const result = buildSale(i);
  if (!result.ok) throw new Error(`refused: ${result.refusal}`);
  return result;
}

describe('buildSale', () => {
  it('maps the help article table onto the header', () => {
    const { snapshot } = ok(input());
    expect(snapshot.header).toEqual({
      CustomerID: customer.cin7CustomerId,
      SkipQuote: true,
      SaleType: 'Simple',
      Location: 'Main Warehouse',
      ExternalID: 'upstock-order:o1',
      CustomerReference: 'PO-7781',
      SaleOrderDate: '2026-11-20',
      ShipBy: '2026-11-27',
      ShippingNotes: 'Leave at reception',
      SalesRepresentative: 'Jane Rep',
      TaxInclusive: false,
      TaxRule: 'GST on Income',
      BillingAddress: {
        Line1: 'PO Box 55',
        Line2: null,
        City: 'Auckland',
        State: null,
        Postcode: '1140',
        Country: 'New Zealand',
      },
      ShippingAddress: {
        Line1: '9 Dock Rd',
        Line2: 'Gate 3',
        City: 'Auckland',
        State: null,
        Postcode: '1010',
        Country: 'New Zealand',
        Company: 'Kiwi Outdoors Ltd',
        ShipToOther: false,
      },
      Note: 'Upstock order 1042',
    });
  });

  it('sends lines at the Upstock price with the product, customer or Cin7 tax rule, and freight as a charge', () => {
    const { snapshot } = ok(input({ customer: { ...customer, taxRule: null } }));
    expect(snapshot.order).toEqual({
      Status: 'DRAFT',
      Memo: 'Upstock order 1042',
      Lines: [
        {
          ProductID: 'p-tent',
          SKU: 'TENT-2P',
          Name: 'Two-person tent',
          Quantity: 2,
          Price: 199.1235,
          Discount: 0,
          Tax: 0,
          TaxRule: 'Tax Exempt',
          Total: 398.247,
        },
        {
          ProductID: 'p-stove',
          SKU: 'STOVE',
          Name: 'Camp stove',
          Quantity: 1,
          Price: 49.5,
          Discount: 0,
          Tax: 0,
          TaxRule: 'Zero Rated',
          Total: 49.5,
        },
      ],
      AdditionalCharges: [
        {
          Description: 'Freight',
          Quantity: 1,
          Price: 12,
          Discount: 0,
          Tax: 0,
          TaxRule: 'Tax Exempt',
          Total: 12,
        },
      ],
      TotalBeforeTax: 459.747,
      Tax: 0,
      Total: 459.747,
    });
    expect(snapshot.totals).toEqual({
      lines: 398.2469 + 49.5,
      freight: 12,
      beforeTax: 459.747,
      tax: 0,
      total: 459.747,
      taxInclusive: false,
      currency: 'NZD',
    });
    const withCustomerRule = ok(input()).snapshot.order as { Lines: { TaxRule: string }[] };
    expect(withCustomerRule.Lines.map((l) => l.TaxRule)).toEqual(['GST on Income', 'Zero Rated']);
  });

  it('uses the order number when there is no reference, and API Sales when the customer has no rep', () => {
    const { snapshot } = ok(
      input({ order: { ...order, reference: '  ' }, customer: { ...customer, salesRepresentative: null } }),
    );
    expect(snapshot.header.CustomerReference).toBe('1042');
    expect(snapshot.header.SalesRepresentative).toBe('API Sales');
  });

  it('puts the delivery date in the shipping notes instead of ship-by when set so', () => {
    const { snapshot } = ok(input({}, { shipByMode: 'IN_SHIPPING_NOTES' }));
    expect(snapshot.header.ShipBy).toBeNull();
    expect(snapshot.header.ShippingNotes).toBe('Leave at reception\nDelivery date: 2026-11-27');
    const noComment = ok(input({ order: { ...order, comments: [] } }, { shipByMode: 'IN_SHIPPING_NOTES' }));
    expect(noComment.snapshot.header.ShippingNotes).toBe('Delivery date: 2026-11-27');
    const noDate = ok(input({ order: { ...order, deliveryDate: null, comments: [] } }));
    expect(noDate.snapshot.header.ShipBy).toBeNull();
    expect(noDate.snapshot.header.ShippingNotes).toBeNull();
  });

  it.each([
    ['DRAFT', 'SIMPLE', 'NONE', 'Simple', undefined],
    ['AUTHORISED', 'SIMPLE', 'NONE', 'Simple', 'NOPICK'],
    ['AUTHORISED', 'SIMPLE', 'PICK', 'Simple', 'AUTOPICK'],
    ['AUTHORISED', 'SIMPLE', 'PICK_PACK', 'Simple', 'AUTOPICKPACK'],
    ['AUTHORISED', 'SIMPLE', 'PICK_PACK_SHIP', 'Simple', 'AUTOPICKPACKSHIP'],
    ['AUTHORISED', 'ADVANCED', 'NONE', 'Advanced', undefined],
    ['DRAFT', 'ADVANCED', 'NONE', 'Advanced', undefined],
  ] as const)('status %s, type %s, steps %s', (saleStatus, saleType, fulfilmentSteps, type, mode) => {
    const { snapshot } = ok(input({}, { saleStatus, saleType, fulfilmentSteps }));
    expect(snapshot.header.SaleType).toBe(type);
    expect(snapshot.order.Status).toBe(saleStatus);
    expect(snapshot.order.AutoPickPackShipMode).toBe(mode);
  });

  it('uses the configured location, else Cin7 default', () => {
    expect(ok(input({}, { location: 'Wellington Store' })).snapshot.header.Location).toBe('Wellington Store');
  });

  it('tells a link from a tracking number', () => {
    expect(trackingOf('https://track.example/NZ123')).toEqual({
      trackingNumber: null,
      trackingUrl: 'https://track.example/NZ123',
    });
    expect(trackingOf(' NZ123 ')).toEqual({ trackingNumber: 'NZ123', trackingUrl: null });
    expect(trackingOf('')).toBeNull();
    const { snapshot } = ok(input({ order: { ...order, tracking: 'https://track.example/NZ123' } }));
    expect(snapshot.header.Note).toBe('Upstock order 1042\nTracking URL: https://track.example/NZ123');
  });

  describe('refusals', () => {
    it('refuses another currency in the article’s words', () => {
      const result = buildSale(input({ order: { ...order, currency: 'AUD' } }));
      expect(result).toEqual({
        ok: false,
        refusal: 'Upstock can only create Cin7 sales in your Cin7 base currency, NZD; this order is in AUD',
      });
    });

    it('refuses an unlinked customer', () => {
      const result = buildSale(input({ customer: null }));
      expect(result.ok).toBe(false);
      expect(!result.ok && result.refusal).toContain('link this customer to a Cin7 customer first');
    });

    it('refuses unlinked products, naming them', () => {
      const result = buildSale(input({ products: new Map([['u-tent', tent]]) }));
      expect(!result.ok && result.refusal).toBe(
        'This product is not linked to a Cin7 product: STOVE (Stove); import or link it first',
      );
    });

    it("uses the Cin7 customer's own location unless the settings choose one (or Cin7 no longer has it)", () => {
      const own = { ...customer, location: 'Wellington Store' };
      expect(ok(input({ customer: own })).snapshot.header.Location).toBe('Wellington Store');
      expect(ok(input({ customer: own }, { location: 'Main Warehouse' })).snapshot.header.Location).toBe(
        'Main Warehouse',
      );
      const removed = { ...customer, location: 'Old Shed' };
      expect(ok(input({ customer: removed })).snapshot.header.Location).toBe('Main Warehouse');
    });

    it('refuses when there is no location at all, or the chosen one is gone', () => {
      const none = buildSale(input({ defaults: { ...defaults, defaultLocation: null } }));
      expect(!none.ok && none.refusal).toContain('No Cin7 location');
      const gone = buildSale(input({}, { location: 'Old Shed' }));
      expect(!gone.ok && gone.refusal).toContain('"Old Shed"');
    });

    it('asks for Cin7 defaults when they were never read (tax rules are always needed)', () => {
      expect(buildSale(input({ defaults: null }, { location: 'Wellington Store' }))).toMatchObject({
        ok: false,
        needsDefaults: true,
      });
    });
  });

  describe('money as Cin7 computes it', () => {
    const gst = (over: Partial<HostOrder> = {}) =>
      input({
        order: {
          ...order,
          lines: [
            { productId: 'u-tent', sku: 'TENT-2P', name: 'Tent', quantity: 1, unitPrice: 0.33 },
            { productId: 'u-stove', sku: 'STOVE', name: 'Stove', quantity: 2, unitPrice: 0.33 },
          ],
          freight: 0.33,
          ...over,
        },
        products: new Map([
          ['u-tent', tent],
          ['u-stove', { ...stove, saleTaxRule: null }],
        ]),
      });

    it('sends each row’s tax and the order totals; Total rounds the document tax once (BP L3999)', () => {
      const { snapshot } = ok(gst());
      const o = snapshot.order as { Lines: { Tax: number }[]; AdditionalCharges: { Tax: number }[] };
      expect(o.Lines.map((l) => l.Tax)).toEqual([0.0495, 0.099]);
      expect(o.AdditionalCharges[0]?.Tax).toBe(0.0495);
      // 1.32 × 15 % = 0.198 → 0.20
      expect(snapshot.order).toMatchObject({ TotalBeforeTax: 1.32, Tax: 0.2, Total: 1.52 });
    });

    it('rounds each row to the cent by Row Total (BP L3999)', () => {
      const rowTotal = ok({ ...gst(), defaults: { ...defaults, taxCalculationMethod: 'Row Total' } });
      // 0.05 + 0.10 + 0.05
      expect(rowTotal.snapshot.order).toMatchObject({ Tax: 0.2, Total: 1.52 });
      const threeInput = {
        ...gst({
          lines: [
            { productId: 'u-tent', sku: 'TENT-2P', name: 'Tent', quantity: 1, unitPrice: 0.3 },
            { productId: 'u-stove', sku: 'STOVE', name: 'Stove', quantity: 1, unitPrice: 0.3 },
          ],
          freight: 0.3,
        }),
        defaults: { ...defaults, taxCalculationMethod: 'Row Total' as const },
      };
      const three = ok(threeInput);
      // 0.045 → 0.05 per row, 0.15 by Row Total (0.135 → 0.14 by Total)
      expect(three.snapshot.order).toMatchObject({ Tax: 0.15, Total: 1.05 });
      const byTotal = ok({ ...threeInput, defaults: { ...defaults, taxCalculationMethod: 'Total' } });
      expect(byTotal.snapshot.order).toMatchObject({ Tax: 0.14, Total: 1.04 });
    });

    it('the sale-money case a cent apart by method: 3 × 33.33, 45, freight 7.5 (issue 12 flake)', () => {
      const caseInput = (method: 'Row Total' | 'Total') => ({
        ...gst({
          lines: [
            { productId: 'u-tent', sku: 'TENT-2P', name: 'Tent', quantity: 3, unitPrice: 33.33 },
            { productId: 'u-stove', sku: 'STOVE', name: 'Stove', quantity: 1, unitPrice: 45 },
          ],
          freight: 7.5,
        }),
        defaults: { ...defaults, taxCalculationMethod: method },
      });
      // Row Total: 14.9985 → 15.00, 6.75, 1.125 → 1.13 (half up) = 22.88
      expect(ok(caseInput('Row Total')).snapshot.order).toMatchObject({ Tax: 22.88, Total: 175.37 });
      // Total: 152.49 × 15 % = 22.8735 → 22.87
      expect(ok(caseInput('Total')).snapshot.order).toMatchObject({ Tax: 22.87, Total: 175.36 });
    });

    it('takes tax out of tax-inclusive prices: the Cin7 Total is the Upstock total (BP L27431)', () => {
      const inclusive = ok(
        input({
          customer: { ...customer, taxRule: 'GST Inclusive' },
          products: new Map([
            ['u-tent', tent],
            ['u-stove', { ...stove, saleTaxRule: null }],
          ]),
        }),
      );
      expect(inclusive.snapshot.header).toMatchObject({ TaxInclusive: true, TaxRule: 'GST Inclusive' });
      // 398.247 + 49.5 + 12 = 459.747 including 15 %: tax 59.97
      expect(inclusive.snapshot.order).toMatchObject({ Total: 459.747, Tax: 59.97, TotalBeforeTax: 399.777 });
      expect(inclusive.summary).toMatchObject({ taxInclusive: true, total: 459.747, tax: 59.97 });
    });

    it('refuses a line whose tax rule is not inclusive like the sale’s', () => {
      const mixed = buildSale(input({ customer: { ...customer, taxRule: 'GST Inclusive' } }));
      expect(mixed).toMatchObject({ ok: false, code: 'mixed-tax-inclusion' });
    });

    it('sends the customer discount on the line when Cin7 applies discounts itself, never twice (BP L4003)', () => {
      const auto = ok(
        input({
          customer: { ...customer, discount: 10 },
          order: {
            ...order,
            lines: [{ productId: 'u-tent', sku: 'TENT-2P', name: 'Tent', quantity: 3, unitPrice: 45 }],
          },
          defaults: { ...defaults, autoDiscounts: true },
        }),
      );
      expect(auto.snapshot.order.Lines[0]).toMatchObject({ Price: 50, Discount: 10, Total: 135 });
      const off = ok(
        input({
          customer: { ...customer, discount: 10 },
          order: {
            ...order,
            lines: [{ productId: 'u-tent', sku: 'TENT-2P', name: 'Tent', quantity: 3, unitPrice: 45 }],
          },
        }),
      );
      expect(off.snapshot.order.Lines[0]).toMatchObject({ Price: 45, Discount: 0, Total: 135 });
    });

    it('refuses before any write when the freight service product is missing (BP L30711)', () => {
      const missing = buildSale(
        input({ defaults: { ...defaults, freightProduct: { name: 'Freight', exists: false } } }),
      );
      expect(missing).toMatchObject({ ok: false, code: 'freight-product-missing' });
      expect(!missing.ok && missing.refusal).toContain('no service product named "Freight"');
      const unchecked = buildSale(input({}, { freightServiceName: 'Courier delivery' }));
      expect(unchecked).toMatchObject({ ok: false, needsDefaults: true });
      const noFreight = buildSale(
        input({ order: { ...order, freight: null }, defaults: { ...defaults, freightProduct: null } }),
      );
      expect(noFreight.ok).toBe(true);
    });

    it('refuses a quantity below 1 with the reason (BP L30631)', () => {
      const half = buildSale(
        input({
          order: {
            ...order,
            lines: [{ productId: 'u-tent', sku: 'TENT-2P', name: 'Tent', quantity: 0.5, unitPrice: 10 }],
          },
        }),
      );
      expect(half).toMatchObject({ ok: false, code: 'quantity-below-one' });
      expect(!half.ok && half.refusal).toContain('TENT-2P (0.5)');
    });
  });

  it('cuts texts to their Blueprint limits with a visible marker, keeping the delivery date', () => {
    const long = 'x'.repeat(1549);
    const { snapshot } = ok(
      input(
        { order: { ...order, comments: [long], reference: 'R'.repeat(300) } },
        { shipByMode: 'IN_SHIPPING_NOTES' },
      ),
    );
    const notes = String(snapshot.header.ShippingNotes);
    expect(notes.length).toBeLessThanOrEqual(1024);
    expect(notes).toContain(CUT_MARKER);
    expect(notes.endsWith('\nDelivery date: 2026-11-27')).toBe(true);
    expect(String(snapshot.header.CustomerReference).length).toBeLessThanOrEqual(256);
    expect(snapshot.header.CustomerReference).toContain(CUT_MARKER);
  });
});
