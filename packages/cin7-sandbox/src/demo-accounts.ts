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
