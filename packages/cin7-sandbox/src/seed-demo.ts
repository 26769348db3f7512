import { DEMO_ACCOUNTS, NO_FREIGHT_ACCOUNT, TAX_INCLUSIVE_ACCOUNT } from './demo-accounts.js';
import { stableGuid } from './prng.js';
import { addCustomer, addProduct, buildCustomer, buildProduct } from './seed-builders.js';
import { createAccountState, SEED_EPOCH } from './seed-reference.js';
import type { AccountState } from './store.types.js';

const MIN = 60_000;

/** Hand-written data for demos: every case the integration has to handle appears at least once. */
export function seedDemo(): AccountState[] {
  return [seedDemoNz(), seedDemoAu(), seedTaxInclusive(), seedNoFreight()];
}

/** A small shop's catalogue and two customers (one with a discount), shared by the two settings tenants. */
function smallTenant(
  state: AccountState,
  key: string,
  country: string,
  services: { sku: string; name: string; tier1: number }[],
): AccountState {
  const at = (i: number) => SEED_EPOCH + i * MIN;
  const products = [
    { sku: 'KAYAK-1', name: 'Touring kayak', tier1: 1149 },
    { sku: 'PADDLE-C', name: 'Carbon paddle', tier1: 289.95 },
    { sku: 'DRYBAG-20', name: '20 L dry bag', tier1: 33.33 },
  ];
  products.forEach((p, i) => {
    addProduct(
      state,
      buildProduct({
        key: `${key}/product/${p.sku}`,
        sku: p.sku,
        name: p.name,
        category: 'Paddle',
        brand: 'Tasman',
        tier1: p.tier1,
        hue: 120 + i * 40,
        lastModified: at(i),
      }),
    );
  });
  services.forEach((p, i) => {
    addProduct(
      state,
      buildProduct({
        key: `${key}/product/${p.sku}`,
        sku: p.sku,
        name: p.name,
        category: 'Services',
        brand: '',
        tier1: p.tier1,
        type: 'Service',
        noImage: true,
        hue: 0,
        lastModified: at(10 + i),
      }),
    );
  });
  const customers = [
    { name: 'Harbour Paddlers Ltd', discount: 0 },
    { name: 'Lakeside Rentals Ltd', discount: 12.5 },
  ];
  customers.forEach((c, i) => {
    addCustomer(
      state,
      buildCustomer({
        key: `${key}/customer/${i}`,
        name: c.name,
        currency: state.me.Currency,
        country,
        discount: c.discount,
        taxRule: state.me.DefaultSaleTaxRuleName,
        addresses: [
          {
            type: 'Shipping',
            line1: `${20 + i} Wharf St`,
            city: 'Nelson',
            postcode: '7010',
            isDefault: true,
          },
        ],
        contacts: [{ name: `Buyer ${i + 1}`, email: `buyer${i + 1}@paddle.example`, isDefault: true }],
        lastModified: at(30 + i),
      }),
    );
  });
  return state;
}

/** Prices include GST, tax by document Total, discounts applied on authorisation (BP L3999-4003, L27431). */
function seedTaxInclusive(): AccountState {
  const key = 'demo/tax-inclusive';
  const state = createAccountState(TAX_INCLUSIVE_ACCOUNT, key);
  const rule = {
    ID: stableGuid(`${key}/tax/inclusive`),
    Name: 'GST Inclusive',
    Account: '2200',
    IsActive: true,
    TaxInclusive: true,
    TaxPercent: 15,
    IsTaxForSale: true,
    IsTaxForPurchase: false,
  };
  state.taxRules.unshift(rule);
  state.me.DefaultSaleTaxRuleId = rule.ID;
  state.me.DefaultSaleTaxRuleName = rule.Name;
  state.me.AutomaticallyApplyDiscounts = true;
  state.me.DiscountRule = 'Discount';
  state.me.TaxCalculationMethod = 'Total';
  state.me.LockDate = '30/06/2024';
  return smallTenant(state, key, 'New Zealand', [{ sku: 'FREIGHT', name: 'Freight', tier1: 20 }]);
}

/** Freight is charged as "Courier delivery": no service product is named "Freight" (BP L30711); Row Total tax. */
function seedNoFreight(): AccountState {
  const key = 'demo/no-freight';
  const state = createAccountState(NO_FREIGHT_ACCOUNT, key);
  state.me.TaxCalculationMethod = 'Row Total';
  return smallTenant(state, key, 'Australia', [{ sku: 'COURIER', name: 'Courier delivery', tier1: 18 }]);
}

function seedDemoNz(): AccountState {
  const key = 'demo/nz';
  const state = createAccountState(DEMO_ACCOUNTS[0], key);
  const at = (i: number) => SEED_EPOCH + i * MIN;
  const nz = 'New Zealand';

  state.discountRules = [
    {
      ID: stableGuid(`${key}/discount/volume`),
      Name: 'Tent volume discount',
      IsActive: true,
      Type: 'QuantityBased',
      DiscountLines: [
        {
          ID: stableGuid(`${key}/discount/volume/1`),
          MinValue: 5,
          MaxValue: 9,
          DiscountType: 'DiscountPercent',
          Amount: 5,
          OrderExceeds: 0,
        },
        {
          ID: stableGuid(`${key}/discount/volume/2`),
          MinValue: 9.0001,
          MaxValue: 1000,
          DiscountType: 'DiscountPercent',
          Amount: 10,
          OrderExceeds: 0,
        },
      ],
    },
    {
      ID: stableGuid(`${key}/discount/clearance`),
      Name: 'Clearance 10%',
      IsActive: true,
      Type: 'Simple',
      DiscountLines: [
        {
          ID: stableGuid(`${key}/discount/clearance/1`),
          MinValue: 0,
          MaxValue: 0,
          DiscountType: 'DiscountPercent',
          Amount: 10,
          OrderExceeds: 0,
        },
      ],
    },
  ];

  const products = [
    {
      sku: 'TENT-2P',
      name: 'Two-person tent',
      category: 'Camping',
      tier1: 249,
      rule: 'Tent volume discount',
      care: true,
    },
    {
      sku: 'TENT-4P',
      name: 'Four-person family tent',
      category: 'Camping',
      tier1: 499,
      rule: 'Tent volume discount',
    },
    { sku: 'BAG-SUMMER', name: 'Summer sleeping bag', category: 'Camping', tier1: 89.9 },
    { sku: 'BAG-ALPINE', name: 'Alpine down sleeping bag', category: 'Camping', tier1: 389, available: 3 },
    { sku: 'JKT-RAIN-M', name: 'Rain jacket (M)', category: 'Clothing', tier1: 179.5, care: true },
    { sku: 'JKT-RAIN-L', name: 'Rain jacket (L)', category: 'Clothing', tier1: 179.5, available: 0 },
    { sku: 'STOVE-MINI', name: 'Mini gas stove', category: 'Cooking', tier1: 59.95 },
    { sku: 'MUG-TI', name: 'Titanium mug', category: 'Cooking', tier1: 34.5, rule: 'Clearance 10%' },
    { sku: 'LAMP-HEAD', name: 'Head lamp 300 lm', category: 'Lighting', tier1: 64 },
    { sku: 'MAP-NZ', name: 'Topographic map set', category: 'Books', tier1: 25, noImage: true },
    {
      sku: 'OLD-COMPASS',
      name: 'Brass compass (discontinued)',
      category: 'Navigation',
      tier1: 45,
      deprecated: true,
    },
    {
      sku: 'FREIGHT',
      name: 'Freight',
      category: 'Services',
      tier1: 12,
      type: 'Service' as const,
      noImage: true,
    },
  ];
  products.forEach((p, i) => {
    addProduct(
      state,
      buildProduct({
        key: `${key}/product/${p.sku}`,
        sku: p.sku,
        name: p.name,
        category: p.category,
        brand: p.type === 'Service' ? '' : 'Harbour Gear',
        tier1: p.tier1,
        type: p.type,
        deprecated: p.deprecated,
        discountRule: p.rule ?? null,
        withCareSheet: p.care,
        noImage: p.noImage,
        hue: (i * 37) % 360,
        description: `<p><strong>${p.name}</strong> from the Harbour Gear range.</p><ul><li>Built for NZ conditions</li><li>2-year warranty</li></ul>`,
        lastModified: at(i),
      }),
      p.available,
    );
  });

  const customers = [
    {
      name: 'Kiwi Outdoors Ltd',
      tier: 'Wholesale',
      rep: 'Jane Rep',
      tags: 'retail,north',
      addresses: [
        { type: 'Billing' as const, line1: 'PO Box 55', city: 'Auckland', postcode: '1140', isDefault: true },
        {
          type: 'Shipping' as const,
          line1: '1 Queen St',
          city: 'Auckland',
          postcode: '1010',
          isDefault: true,
        },
        { type: 'Shipping' as const, line1: '48 Riverside Ave', city: 'Hamilton', postcode: '3204' },
      ],
      contacts: [
        { name: 'Sam Buyer', email: 'sam@kiwi.example', phone: '09 555 0100', isDefault: true },
        { name: 'Alex Accounts', email: 'accounts@kiwi.example' },
      ],
    },
    {
      name: 'Harbour Cafe Group Ltd',
      tier: 'Distributor',
      discount: 5,
      rep: '',
      addresses: [
        {
          type: 'Business' as const,
          line1: '7 Quay St',
          city: 'Auckland',
          postcode: '1010',
          isDefault: true,
        },
        {
          type: 'Shipping' as const,
          line1: '7 Quay St',
          city: 'Auckland',
          postcode: '1010',
          isDefault: true,
        },
        { type: 'Shipping' as const, line1: '22 Cuba St', city: 'Wellington', postcode: '6011' },
        { type: 'Shipping' as const, line1: '5 Cashel St', city: 'Christchurch', postcode: '8011' },
      ],
      contacts: [{ name: 'Priya Manager', email: 'priya@harbourcafe.example', isDefault: true }],
    },
    {
      name: 'Alpine Sports Ltd',
      tier: 'Retail',
      discount: 2.5,
      rep: 'Tom Sales',
      addresses: [
        {
          type: 'Shipping' as const,
          line1: '3 Lake Esplanade',
          city: 'Queenstown',
          postcode: '9300',
          isDefault: true,
        },
      ],
      contacts: [{ name: 'Morgan Alpine', email: 'morgan@alpinesports.example', isDefault: true }],
    },
    {
      name: 'Wellington Grocers Ltd',
      tier: 'Wholesale',
      rep: 'Jane Rep',
      addresses: [
        {
          type: 'Shipping' as const,
          line1: '101 Lambton Quay',
          city: 'Wellington',
          postcode: '6011',
          isDefault: true,
        },
      ],
      contacts: [{ name: 'Chris Grocer', email: 'chris@welly-grocers.example', isDefault: true }],
    },
    {
      name: 'Pacific Retail Co Pty Ltd',
      tier: 'Retail',
      rep: 'Tom Sales',
      currency: 'AUD',
      country: 'Australia',
      taxRule: 'GST Free Income',
      addresses: [
        {
          type: 'Shipping' as const,
          line1: '88 George St',
          city: 'Sydney',
          postcode: '2000',
          isDefault: true,
        },
      ],
      contacts: [{ name: 'Jordan Pacific', email: 'jordan@pacificretail.example', isDefault: true }],
    },
    {
      name: 'Coastal Hardware Inc',
      tier: 'Wholesale',
      currency: 'USD',
      country: 'United States',
      taxRule: 'GST Free Income',
      addresses: [
        {
          type: 'Shipping' as const,
          line1: '500 Ocean Blvd',
          city: 'San Diego',
          postcode: '92101',
          isDefault: true,
        },
      ],
      contacts: [{ name: 'Casey Coast', email: 'casey@coastalhw.example', isDefault: true }],
    },
    {
      name: 'Old Mill Traders Ltd',
      tier: 'Retail',
      deprecated: true,
      addresses: [
        { type: 'Shipping' as const, line1: '1 Mill Rd', city: 'Nelson', postcode: '7010', isDefault: true },
      ],
      contacts: [{ name: 'Pat Miller', email: 'pat@oldmill.example', isDefault: true }],
    },
    {
      name: 'Southern Lakes Lodge Ltd',
      tier: 'Distributor',
      rep: 'Jane Rep',
      addresses: [
        { type: 'Shipping' as const, line1: '9 Lodge Rd', city: 'Wanaka', postcode: '9305', isDefault: true },
        { type: 'Shipping' as const, line1: '14 Ardmore St', city: 'Wanaka', postcode: '9305' },
      ],
      contacts: [],
    },
  ];
  customers.forEach((c, i) => {
    addCustomer(
      state,
      buildCustomer({
        key: `${key}/customer/${i}`,
        name: c.name,
        currency: c.currency ?? 'NZD',
        country: c.country ?? nz,
        tier: c.tier,
        discount: c.discount,
        rep: c.rep,
        deprecated: c.deprecated,
        taxRule: c.taxRule,
        tags: c.tags,
        addresses: c.addresses,
        contacts: c.contacts,
        lastModified: at(30 + i),
      }),
    );
  });

  const kiwi = state.customers[0];
  const tent = state.products[0];
  const mug = state.products[7];
  const pacific = state.customers[4];
  if (kiwi && tent && mug && pacific) {
    state.customPrices.push(
      { CustomerID: kiwi.ID, ProductID: tent.ID, Price: 185 },
      { CustomerID: kiwi.ID, ProductID: mug.ID, Price: 25 },
      { CustomerID: pacific.ID, ProductID: tent.ID, Price: 229 },
    );
    state.deals = [
      {
        ID: stableGuid(`${key}/deal/winter`),
        Name: 'Winter warmers',
        DateFrom: '2025-06-01T00:00:00',
        DateTo: '2025-08-31T00:00:00',
        IsActive: true,
        AllowCoupons: false,
        SingleCouponCodeUsage: false,
        CustomersGroup: 'All',
        CouponCodes: [],
        DealCustomers: [],
        DealCustomerTags: [],
        DealDiscounts: [
          {
            DiscountID: stableGuid(`${key}/deal/winter/1`),
            DiscountName: '15% off sleeping bags',
            DiscountType: 'Percentage',
            Sequence: 1,
            IsOrderLevel: false,
            DiscountValue: 15,
            DealDiscountProducts: state.products
              .filter((p) => p.SKU.startsWith('BAG-'))
              .map((p) => ({ ProductID: p.ID, SKU: p.SKU, Name: p.Name })),
          },
        ],
      },
    ];
  }
  return state;
}

function seedDemoAu(): AccountState {
  const key = 'demo/au';
  const state = createAccountState(DEMO_ACCOUNTS[1], key);
  const at = (i: number) => SEED_EPOCH + i * MIN;
  state.priceTierNames[1] = 'Trade';
  const products = [
    { sku: 'SURF-BOARD-7', name: '7ft surfboard', category: 'Surf', tier1: 690 },
    { sku: 'WETSUIT-3MM', name: '3mm wetsuit', category: 'Surf', tier1: 249 },
    { sku: 'LEASH-6', name: '6ft leash', category: 'Surf', tier1: 39 },
    { sku: 'WAX-COOL', name: 'Cool water wax', category: 'Surf', tier1: 4.5 },
    { sku: 'FREIGHT', name: 'Freight', category: 'Services', tier1: 15, type: 'Service' as const },
  ];
  products.forEach((p, i) => {
    addProduct(
      state,
      buildProduct({
        key: `${key}/product/${p.sku}`,
        sku: p.sku,
        name: p.name,
        category: p.category,
        brand: 'Southern Swell',
        tier1: p.tier1,
        type: p.type,
        noImage: p.type === 'Service',
        hue: 200 + i * 20,
        lastModified: at(i),
      }),
    );
  });
  const customers = [
    { name: 'Bondi Board Co Pty Ltd', tier: 'Trade', rep: 'Jane Rep', city: 'Sydney', pc: '2026' },
    { name: 'Gold Coast Surf Pty Ltd', tier: 'Retail', rep: '', city: 'Surfers Paradise', pc: '4217' },
    { name: 'Kiwi Outdoors Ltd', tier: 'Trade', rep: 'Tom Sales', city: 'Auckland', pc: '1010', nz: true },
  ];
  customers.forEach((c, i) => {
    addCustomer(
      state,
      buildCustomer({
        key: `${key}/customer/${i}`,
        name: c.name,
        currency: c.nz ? 'NZD' : 'AUD',
        country: c.nz ? 'New Zealand' : 'Australia',
        tier: c.tier,
        rep: c.rep,
        addresses: [
          { type: 'Shipping', line1: `${10 + i} Beach Rd`, city: c.city, postcode: c.pc, isDefault: true },
        ],
        contacts: [
          {
            name: `Buyer ${i + 1}`,
            email: `buyer${i + 1}@${c.name.split(' ')[0]?.toLowerCase()}.example`,
            isDefault: true,
          },
        ],
        lastModified: at(30 + i),
      }),
    );
  });
  return state;
}
