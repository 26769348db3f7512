// What other features (shipments) and the host use from orders.
export {
  OrderPushEntity,
  OrderPushEventEntity,
  type OrderPushOutcome,
  type OrderPushState,
  type SentSaleSnapshot,
} from './order-push.entity.js';
export { OrderPushService, type RecordApprovalOptions } from './order-push.service.js';
