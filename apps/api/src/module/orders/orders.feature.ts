import type { FeatureParts } from '../feature.js';
import { Orders1764240300000 } from './1764240300000-orders.migration.js';
import { OrderPushEntity, OrderPushEventEntity } from './order-push.entity.js';

/** Approved orders become Cin7 sales, exactly once (issue 6). */
export const ordersFeature: FeatureParts = {
  controllers: [],
  providers: [],
  entities: [OrderPushEntity, OrderPushEventEntity],
  migrations: [Orders1764240300000],
};
