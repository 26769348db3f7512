import type { FeatureParts } from '../feature.js';
import { PriceSyncService } from './price-sync.service.js';
import { PriceSyncTrigger } from './price-sync.trigger.js';
import { PriceSyncWorker } from './price-sync.worker.js';

/** Price tiers, customer prices and discounts into Upstock price lists (issue 5). */
export const pricesFeature: FeatureParts = {
  controllers: [],
  providers: [PriceSyncTrigger, PriceSyncService, PriceSyncWorker],
  entities: [],
  migrations: [],
};

export { PriceSyncTrigger } from './price-sync.trigger.js';
