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
  orderingBlockedReason: null,
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
      Lines: [
        {
          ProductID: 'p-tent',
          SKU: 'TENT-2P',
          Name: 'Two-person tent',
          Quantity: 2,
          Price: 199.1235,
          Discount: 0,
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
          TaxRule: 'Zero Rated',
          Total: 49.5,
        },
      ],
      AdditionalCharges: [
        { Description: 'Freight', Quantity: 1, Price: 12, Discount: 0, TaxRule: 'Tax Exempt', Total: 12 },
      ],
    });
    expect(snapshot.totals).toEqual({ lines: 447.747, freight: 12, total: 459.747, currency: 'NZD' });
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

    it('refuses when there is no location at all, or the chosen one is gone', () => {
      const none = buildSale(input({ defaults: { ...defaults, defaultLocation: null } }));
      expect(!none.ok && none.refusal).toContain('No Cin7 location');
      const gone = buildSale(input({}, { location: 'Old Shed' }));
      expect(!gone.ok && gone.refusal).toContain('"Old Shed"');
    });

    it('asks for Cin7 defaults only when settings and links leave a gap', () => {
      expect(buildSale(input({ defaults: null }, { location: 'Wellington Store' })).ok).toBe(true);
      expect(buildSale(input({ defaults: null }))).toMatchObject({ ok: false, needsDefaults: true });
    });
  });
});
