import type { Cin7Customer, Cin7CustomerAddress, Cin7Product } from '@upstock/cin7-core';

// Complete Cin7 rows (as the client's schemas output them) for unit tests; override what a test is about.

export function cin7Product(overrides: Partial<Cin7Product> & Pick<Cin7Product, 'ID' | 'SKU'>): Cin7Product {
  return {
    Name: `Product ${overrides.SKU}`,
    Barcode: null,
    Category: 'Camping',
    Brand: null,
    Type: 'Stock',
    Status: 'Active',
    UOM: 'Item',
    DefaultLocation: null,
    Description: null,
    ShortDescription: null,
    InternalNote: null,
    Tags: null,
    Sellable: true,
    AverageCost: null,
    PriceTier1: 10,
    PriceTier2: null,
    PriceTier3: null,
    PriceTier4: null,
    PriceTier5: null,
    PriceTier6: null,
    PriceTier7: null,
    PriceTier8: null,
    PriceTier9: null,
    PriceTier10: null,
    PriceTiers: {},
    SaleTaxRule: null,
    PurchaseTaxRule: null,
    DiscountRule: null,
    LastModifiedOn: null,
    Attachments: [],
    CustomPrices: [],
    ...overrides,
  };
}

export function cin7Address(overrides: Partial<Cin7CustomerAddress>): Cin7CustomerAddress {
  return {
    ID: null,
    Line1: '1 Queen St',
    Line2: null,
    City: 'Auckland',
    State: null,
    Postcode: '1010',
    Country: 'New Zealand',
    Type: 'Shipping',
    DefaultForType: false,
    ...overrides,
  };
}

export function cin7Customer(
  overrides: Partial<Cin7Customer> & Pick<Cin7Customer, 'ID' | 'Name'>,
): Cin7Customer {
  return {
    DisplayName: null,
    Status: 'Active',
    Currency: 'NZD',
    PaymentTerm: null,
    TaxRule: 'GST on Income',
    PriceTier: 'Wholesale',
    Carrier: null,
    SalesRepresentative: null,
    Location: null,
    Discount: 0,
    Comments: null,
    TaxNumber: null,
    CreditLimit: null,
    IsOnCreditHold: null,
    Tags: null,
    AccountReceivable: null,
    RevenueAccount: null,
    AttributeSet: null,
    IsLegalEntity: null,
    CustomerParentID: null,
    CustomerParentName: null,
    IsBillParent: null,
    LastModifiedOn: null,
    Addresses: [],
    Contacts: [],
    ProductPrices: [],
    ...overrides,
  };
}
