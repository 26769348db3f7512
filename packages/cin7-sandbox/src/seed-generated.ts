import { DEMO_ACCOUNTS } from './demo-accounts.js';
import { createPrng, stableGuid } from './prng.js';
import { addCustomer, addProduct, buildCustomer, buildProduct } from './seed-builders.js';
import { countryOf, createAccountState, SEED_EPOCH } from './seed-reference.js';
import type { AccountState } from './store.types.js';

export type GeneratedSeedSize = 'small' | 'medium' | 'large';

/** Issue #2: small/medium/large = 50/2,000/10,000 products and 20/500/2,000 customers. */
export const SEED_SIZES: Record<GeneratedSeedSize, { products: number; customers: number }> = {
  small: { products: 50, customers: 20 },
  medium: { products: 2000, customers: 500 },
  large: { products: 10_000, customers: 2000 },
};

const ADJECTIVES = [
  'Alpine',
  'Coastal',
  'Rapid',
  'Summit',
  'Harbour',
  'Forest',
  'River',
  'Urban',
  'Polar',
  'Desert',
];
const NOUNS = [
  'Tent',
  'Jacket',
  'Backpack',
  'Bottle',
  'Stove',
  'Lamp',
  'Boots',
  'Gloves',
  'Hat',
  'Mat',
  'Rope',
  'Map',
];
const CATEGORIES = [
  'Camping',
  'Clothing',
  'Cooking',
  'Lighting',
  'Footwear',
  'Accessories',
  'Climbing',
  'Books',
];
const BRANDS = ['Harbour Gear', 'Peak Co', 'TrailMade', 'Southern Swell'];
const TOWNS = [
  'Auckland',
  'Wellington',
  'Christchurch',
  'Hamilton',
  'Dunedin',
  'Tauranga',
  'Nelson',
  'Napier',
];
const NAME_PARTS = ['Kauri', 'Tui', 'Rimu', 'Kea', 'Totara', 'Pohutukawa', 'Kowhai', 'Weka', 'Matai', 'Miro'];
const KINDS = ['Outdoors', 'Traders', 'Supplies', 'Retail', 'Sports', 'Adventures', 'Stores', 'Wholesale'];
const REPS = ['Jane Rep', 'Tom Sales', ''];

/**
 * Deterministic generated data: same size, same bytes, every run (seeded PRNG, GUIDs derived from the index).
 * The first account gets the requested volume; the second a `small` set, enough to prove isolation.
 */
export function seedGenerated(size: GeneratedSeedSize): AccountState[] {
  return [
    fill(createAccountState(DEMO_ACCOUNTS[0], `${size}/a`), `${size}/a`, SEED_SIZES[size]),
    fill(createAccountState(DEMO_ACCOUNTS[1], `${size}/b`), `${size}/b`, SEED_SIZES.small),
  ];
}

function fill(state: AccountState, key: string, size: { products: number; customers: number }): AccountState {
  const rnd = createPrng(size.products * 7919 + size.customers);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const pad = (n: number) => String(n).padStart(5, '0');
  const base = state.account.currency;

  state.discountRules = [
    {
      ID: stableGuid(`${key}/discount/volume`),
      Name: 'Volume 5%',
      IsActive: true,
      Type: 'QuantityBased',
      DiscountLines: [
        {
          ID: stableGuid(`${key}/discount/volume/1`),
          MinValue: 10,
          MaxValue: 1000,
          DiscountType: 'DiscountPercent',
          Amount: 5,
          OrderExceeds: 0,
        },
      ],
    },
  ];

  for (let i = 0; i < size.products; i++) {
    const name = `${pick(ADJECTIVES)} ${pick(NOUNS)} ${pad(i + 1)}`;
    const isService = i % 20 === 19;
    const product = buildProduct({
      key: `${key}/product/${i}`,
      // The first service product is the freight item integrations send as an additional charge.
      sku: i === 19 ? 'FREIGHT' : isService ? `SVC-${pad(i + 1)}` : `SKU-${pad(i + 1)}`,
      name: i === 19 ? 'Freight' : name,
      category: isService ? 'Services' : pick(CATEGORIES),
      brand: pick(BRANDS),
      tier1: Math.round((5 + rnd() * 495) * 100) / 100,
      type: isService ? 'Service' : 'Stock',
      // The freight service product stays active: a deprecated one could not be charged (BP L30711).
      deprecated: i % 10 === 9 && i !== 19,
      discountRule: i % 50 === 0 ? 'Volume 5%' : null,
      withCareSheet: i % 7 === 0,
      noImage: isService,
      hue: (i * 47) % 360,
      description: `<p>${name}</p><p>Generated product <em>#${i + 1}</em>.</p>`,
      lastModified: SEED_EPOCH + i * 1000,
    });
    // Drawn after the product's own fields, where the seed always drew it, so every other value stays the same.
    const onHand = Math.floor(rnd() * 200);
    // Every 13th product was never stocked: it has no availability rows at all.
    addProduct(state, product, i % 13 === 12 ? null : onHand);
  }

  const country = countryOf(state.account);
  const foreign = base === 'NZD' ? 'AUD' : 'NZD';
  for (let j = 0; j < size.customers; j++) {
    const shipping = 1 + (j % 3);
    const town = pick(TOWNS);
    const name = `${pick(NAME_PARTS)} ${pick(KINDS)} ${pad(j + 1)} Ltd`;
    const slug = `c${pad(j + 1)}`;
    addCustomer(
      state,
      buildCustomer({
        key: `${key}/customer/${j}`,
        name,
        currency: j % 10 === 3 ? foreign : base,
        country,
        tier: state.priceTierNames[j % 4] ?? 'Retail',
        discount: j % 5 === 0 ? 5 : j % 7 === 0 ? 2.5 : 0,
        rep: pick(REPS),
        deprecated: j % 20 === 13,
        addresses: [
          { type: 'Billing', line1: `PO Box ${100 + j}`, city: town, postcode: '1000', isDefault: true },
          ...Array.from({ length: shipping }, (_, s) => ({
            type: 'Shipping' as const,
            line1: `${s + 1} ${pick(NAME_PARTS)} Street`,
            city: s === 0 ? town : pick(TOWNS),
            postcode: String(1000 + ((j * 7 + s) % 9000)),
            isDefault: s === 0,
          })),
        ],
        contacts: [
          { name: `Buyer ${pad(j + 1)}`, email: `buyer@${slug}.example`, isDefault: true },
          ...(j % 2 === 0 ? [{ name: `Accounts ${pad(j + 1)}`, email: `accounts@${slug}.example` }] : []),
        ],
        lastModified: SEED_EPOCH + j * 1000,
      }),
    );
  }

  for (let k = 0; k < Math.min(size.customers, 50); k++) {
    const customer = state.customers[k];
    const product = state.products[(k * 13) % state.products.length];
    if (customer && product && product.Type === 'Stock') {
      state.customPrices.push({
        CustomerID: customer.ID,
        ProductID: product.ID,
        Price: Math.round((product.prices[0] ?? 0) * 0.85 * 100) / 100,
      });
    }
  }
  return state;
}
