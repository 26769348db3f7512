import { DEMO_ACCOUNTS } from './demo-accounts.js';
import { seedDemo } from './seed-demo.js';
import { seedGenerated } from './seed-generated.js';
import { createAccountState } from './seed-reference.js';
import type { AccountState } from './store.types.js';

export type SeedName = 'demo' | 'small' | 'medium' | 'large' | 'empty';

export const SEED_NAMES: readonly SeedName[] = ['demo', 'small', 'medium', 'large', 'empty'];

/** Builds both accounts' state for a seed. `empty` keeps the reference books (tiers, tax, locations...). */
export function buildSeed(seed: SeedName): AccountState[] {
  switch (seed) {
    case 'demo':
      return seedDemo();
    case 'empty':
      return [
        createAccountState(DEMO_ACCOUNTS[0], 'empty/a'),
        createAccountState(DEMO_ACCOUNTS[1], 'empty/b'),
      ];
    default:
      return seedGenerated(seed);
  }
}
