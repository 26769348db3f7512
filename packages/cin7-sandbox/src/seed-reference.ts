import type { DemoAccount } from './demo-accounts.js';
import { stableGuid } from './prng.js';
import type { AccountState } from './store.types.js';
import { formatTenantDate } from './wire-format.js';

/** Seed data is stamped relative to a fixed instant so every seed is byte-for-byte reproducible. */
export const SEED_EPOCH = Date.UTC(2025, 0, 6, 21, 0, 0);

const COUNTRY: Record<
  DemoAccount['currency'],
  { country: string; tz: string; gst: number; carriers: string[] }
> = {
  NZD: {
    country: 'New Zealand',
    tz: 'Pacific/Auckland',
    gst: 15,
    carriers: ['NZ Post', 'CourierPost', 'Mainfreight'],
  },
  AUD: {
    country: 'Australia',
    tz: 'Australia/Sydney',
    gst: 10,
    carriers: ['Australia Post', 'StarTrack', 'Toll'],
  },
};

export function countryOf(account: DemoAccount): string {
  return COUNTRY[account.currency].country;
}

/** An account with its reference books filled in and no customers, products or sales. */
export function createAccountState(account: DemoAccount, key: string): AccountState {
  const c = COUNTRY[account.currency];
  const id = (name: string) => stableGuid(`${key}/${name}`);
  const taxRules = [
    {
      ID: id('tax/1'),
      Name: 'GST on Income',
      Account: '2200',
      IsActive: true,
      TaxInclusive: false,
      TaxPercent: c.gst,
      IsTaxForSale: true,
      IsTaxForPurchase: false,
    },
    {
      ID: id('tax/2'),
      Name: 'GST Free Income',
      Account: '2200',
      IsActive: true,
      TaxInclusive: false,
      TaxPercent: 0,
      IsTaxForSale: true,
      IsTaxForPurchase: false,
    },
    {
      ID: id('tax/3'),
      Name: 'GST on Expenses',
      Account: '2200',
      IsActive: true,
      TaxInclusive: false,
      TaxPercent: c.gst,
      IsTaxForSale: false,
      IsTaxForPurchase: true,
    },
  ];
  return {
    account,
    me: {
      Company: account.company,
      Currency: account.currency,
      TimeZone: c.tz,
      DefaultWeightUnits: 'kg',
      DefaultDimensionsUnits: 'cm',
      LockDate: null,
      // "Formatted in Tenant date format" (BP L3997-3998): dd/MM/yyyy here, as a NZ/AU tenant shows it.
      OpeningBalanceDate: formatTenantDate(Date.UTC(2024, 2, 31)),
      TaxCalculationMethod: 'Total',
      DefaultSaleTaxRuleId: taxRules[0]?.ID ?? '',
      DefaultSaleTaxRuleName: 'GST on Income',
      MaximumDecimalPlacesInQuantity: 'N2',
      ApplyCustomerDiscountsAfterOtherDiscounts: false,
      DiscountRule: 'Discount',
      AutomaticallyApplyDiscounts: false,
      RoundingTable: [],
    },
    priceTierNames: [
      'Retail',
      'Wholesale',
      'Distributor',
      ...Array.from({ length: 7 }, (_, i) => `Tier ${i + 4}`),
    ],
    taxRules,
    locations: [
      {
        ID: id('location/1'),
        Name: 'Main Warehouse',
        IsDefault: true,
        IsDeprecated: false,
        AddressLine1: '12 Depot Road',
        AddressCitySuburb: account.currency === 'NZD' ? 'Auckland' : 'Sydney',
        AddressPostCode: account.currency === 'NZD' ? '1061' : '2000',
        AddressCountry: c.country,
      },
      {
        ID: id('location/2'),
        Name: 'Showroom',
        IsDefault: false,
        IsDeprecated: false,
        AddressLine1: '3 Market Lane',
        AddressCitySuburb: account.currency === 'NZD' ? 'Wellington' : 'Melbourne',
        AddressPostCode: account.currency === 'NZD' ? '6011' : '3000',
        AddressCountry: c.country,
      },
    ],
    carriers: c.carriers.map((Description, i) => ({ CarrierID: id(`carrier/${i}`), Description })),
    paymentTerms: [
      {
        ID: id('term/1'),
        Name: '20th of following month',
        Duration: 20,
        Method: 'day of next month',
        IsActive: true,
        IsDefault: true,
      },
      {
        ID: id('term/2'),
        Name: '30 days',
        Duration: 30,
        Method: 'number of days',
        IsActive: true,
        IsDefault: false,
      },
      {
        ID: id('term/3'),
        Name: 'COD',
        Duration: 0,
        Method: 'number of days',
        IsActive: true,
        IsDefault: false,
      },
    ],
    contacts: [
      {
        ID: id('me-contact/1'),
        Type: 'Billing',
        Name: 'DEFAULT billing contact',
        JobTitle: null,
        Phone: null,
        Email: 'accounts@example.test',
        Default: true,
      },
      {
        ID: id('me-contact/2'),
        Type: 'Sale',
        Name: 'Jane Rep',
        JobTitle: 'Account Manager',
        Phone: '021 555 0101',
        Email: 'jane.rep@example.test',
        Default: false,
      },
      {
        ID: id('me-contact/3'),
        Type: 'Sale',
        Name: 'Tom Sales',
        JobTitle: 'Sales',
        Phone: '021 555 0102',
        Email: 'tom.sales@example.test',
        Default: false,
      },
      {
        ID: id('me-contact/4'),
        Type: 'Sale',
        Name: 'API Sales',
        JobTitle: 'Integration',
        Phone: null,
        Email: null,
        Default: false,
      },
      {
        ID: id('me-contact/5'),
        Type: 'Employee',
        Name: 'Warehouse Manager',
        JobTitle: 'Warehouse',
        Phone: null,
        Email: null,
        Default: false,
      },
    ],
    customers: [],
    customersById: new Map(),
    products: [],
    productsById: new Map(),
    stock: [],
    customPrices: [],
    discountRules: [],
    deals: [],
    sales: [],
    salesById: new Map(),
    webhooks: [],
    nextOrderNumber: 1,
  };
}
