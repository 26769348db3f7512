import type { FeatureParts } from '../feature.js';
import { Orders1764240300000 } from './1764240300000-orders.migration.js';
import { HeldOrders1765150000000 } from './migrations/1765150000000-held-orders.migration.js';
import { OrderPushEntity, OrderPushEventEntity } from './order-push.entity.js';
import { OrderPushRepository } from './order-push.repository.js';
import { OrderPushService } from './order-push.service.js';
import { OrderPushWorker } from './order-push.worker.js';
import { OrdersController } from './orders.controller.js';
import { SaleDefaultsEntity } from './sale-defaults.entity.js';
import { SaleDefaultsService } from './sale-defaults.service.js';
import { SaleInputs } from './sale-inputs.service.js';

/** Approved orders become Cin7 sales, exactly once (issue 6). */
export const ordersFeature: FeatureParts = {
  controllers: [OrdersController],
  providers: [OrderPushRepository, OrderPushService, OrderPushWorker, SaleInputs, SaleDefaultsService],
  entities: [OrderPushEntity, OrderPushEventEntity, SaleDefaultsEntity],
  migrations: [Orders1764240300000, HeldOrders1765150000000],
};
