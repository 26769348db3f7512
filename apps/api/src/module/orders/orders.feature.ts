import type { FeatureParts } from '../feature.js';
import { Orders1764240300000 } from './1764240300000-orders.migration.js';
import { SaleMoney1765120000000 } from './1765120000000-sale-money.migration.js';
import { OrderApprovalsController } from './order-approvals.controller.js';
import { OrderApprovals } from './order-approvals.js';
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
  name: 'orders',
  uses: ['catalog'],
  controllers: [OrdersController, OrderApprovalsController],
  providers: [
    OrderPushRepository,
    OrderPushService,
    OrderApprovals,
    OrderPushWorker,
    SaleInputs,
    SaleDefaultsService,
  ],
  // OrderApprovals for the module's root (the host's Cin7OrderApprovals); the push records for shipments.
  // SaleDefaultsService: stock counts the location sales are created in by default.
  exports: [OrderApprovals, OrderPushRepository, SaleDefaultsService],
  entities: [OrderPushEntity, OrderPushEventEntity, SaleDefaultsEntity],
  migrations: [Orders1764240300000, SaleMoney1765120000000],
};
