import type { FeatureParts } from '../feature.js';
import { Prices1764240200000 } from './migrations/1764240200000-prices.migration.js';
import { PriceStore } from './price.store.js';
import { PriceCustomerEntity, PriceProductEntity } from './price-mirror.entity.js';
import { PriceStatusService } from './price-status.service.js';
import { PriceSyncScheduler } from './price-sync.scheduler.js';
import { PriceSyncService } from './price-sync.service.js';
import { PriceSyncTrigger } from './price-sync.trigger.js';
import { PriceSyncWorker } from './price-sync.worker.js';
import { PriceSyncStateEntity } from './price-sync-state.entity.js';
import { WrittenCustomerPricesEntity, WrittenPriceListEntity } from './price-written.entity.js';
import { PricesController } from './prices.controller.js';
import { PricesOnCatalogChanges } from './prices-on-catalog-changes.js';

/** Price tiers, customer prices and discounts into Upstock price lists (issue 5). */
export const pricesFeature: FeatureParts = {
  name: 'prices',
  uses: ['catalog'],
  controllers: [PricesController],
  providers: [
    PriceSyncTrigger,
    PricesOnCatalogChanges,
    PriceStore,
    PriceSyncService,
    PriceSyncWorker,
    PriceSyncScheduler,
    PriceStatusService,
  ],
  exports: [],
  entities: [
    PriceSyncStateEntity,
    PriceProductEntity,
    PriceCustomerEntity,
    WrittenPriceListEntity,
    WrittenCustomerPricesEntity,
  ],
  migrations: [Prices1764240200000],
};

export { PriceSyncTrigger } from './price-sync.trigger.js';
