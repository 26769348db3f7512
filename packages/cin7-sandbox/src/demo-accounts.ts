import { stableGuid } from './prng.js';

/** One sandbox tenant: the credentials a Cin7 "API Application" would give, and the company it belongs to. */
export interface DemoAccount {
  readonly accountId: string;
  readonly apiKey: string;
  readonly company: string;
  readonly currency: 'NZD' | 'AUD';
}

/**
 * The two accounts every seed creates. Fixed GUIDs so demos, e2e tests and docs can hard-code them.
 * Two accounts with different base currencies let tests prove tenant isolation end to end.
 */
export const DEMO_ACCOUNTS: readonly [
  DemoAccount & { readonly currency: 'NZD' },
  DemoAccount & { readonly currency: 'AUD' },
] = [
  {
    accountId: '3f2a8c1e-5b7d-4e9a-8c6f-1a2b3c4d5e01',
    apiKey: '9d8e7f6a-5b4c-4d3e-8f2a-1b0c9d8e7f01',
    company: 'Harbour Outdoor Supply Ltd',
    currency: 'NZD',
  },
  {
    accountId: '7c6b5a49-3827-4165-9f0e-2d3c4b5a6902',
    apiKey: 'e1f2a3b4-c5d6-47e8-99a0-b1c2d3e4f502',
    company: 'Southern Cross Distributors Pty Ltd',
    currency: 'AUD',
  },
];

/**
 * Tenants the `demo` seed adds (after the two above, so they are accounts `2` and `3` of the admin API) to exercise
 * tenant settings the Blueprint defines: a tax-inclusive default sale tax rule with discounts applied on
 * authorisation (BP L3999-4003, L27431), and a tenant with no service product named "Freight" (BP L30711).
 */
export const TAX_INCLUSIVE_ACCOUNT: DemoAccount = {
  accountId: '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d03',
  apiKey: 'a9b8c7d6-e5f4-4a3b-8c2d-1e0f9a8b7c03',
  company: 'Tasman Trade Direct Ltd',
  currency: 'NZD',
};

export const NO_FREIGHT_ACCOUNT: DemoAccount = {
  accountId: '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f904',
  apiKey: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e04',
  company: 'Outback Parts Pty Ltd',
  currency: 'AUD',
};

/**
 * The `i`-th extra tenant a sandbox started with `extraTenants` serves (0-based): empty books, deterministic
 * credentials, so a benchmark can connect thousands of suppliers (`pnpm bench tenants-scale`).
 */
export function extraTenant(i: number): DemoAccount {
  return {
    accountId: stableGuid(`extra-tenant/${i}/account`),
    apiKey: stableGuid(`extra-tenant/${i}/key`),
    company: `Extra Tenant ${i + 1} Ltd`,
    currency: 'NZD',
  };
}
