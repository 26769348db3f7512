// What other features (shipments, the reference host) use from orders.
export {
  OrderPushEntity,
  OrderPushEventEntity,
  type OrderPushOutcome,
  type OrderPushState,
  type OrderPushStep,
  type SentSaleSnapshot,
} from './order-push.entity.js';
