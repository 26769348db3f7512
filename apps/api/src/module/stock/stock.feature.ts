import type { FeatureParts } from '../feature.js';
import { Stock1765160000000 } from './migrations/1765160000000-stock.migration.js';
import { StockController } from './stock.controller.js';
import {
  StockLevelEntity,
  StockPassRowEntity,
  StockSettingsEntity,
  StockStateEntity,
} from './stock.entities.js';
import { StockPassService } from './stock-pass.service.js';
import { StockReadService } from './stock-read.service.js';
import { StockSettingsService } from './stock-settings.service.js';
import { StockStatusService } from './stock-status.service.js';
import { StockSyncScheduler } from './stock-sync.scheduler.js';
import { StockSyncWorker } from './stock-sync.worker.js';
import { StockWebhookController } from './stock-webhook.controller.js';
import { StockWebhookService } from './stock-webhook.service.js';
import { StockWebhookSubscription } from './stock-webhook.subscription.js';
import { StockWriter } from './stock-writer.service.js';

/** Stock availability from Cin7 into the host's products (issue 16): full passes, the stock webhook, settings. */
export const stockFeature: FeatureParts = {
  name: 'stock',
  uses: ['orders', 'shipments'],
  controllers: [StockController, StockWebhookController],
  providers: [
    StockSettingsService,
    StockWriter,
    StockPassService,
    StockReadService,
    StockWebhookService,
    StockSyncScheduler,
    StockSyncWorker,
    StockStatusService,
    StockWebhookSubscription,
  ],
  exports: [],
  entities: [StockSettingsEntity, StockStateEntity, StockLevelEntity, StockPassRowEntity],
  migrations: [Stock1765160000000],
};
