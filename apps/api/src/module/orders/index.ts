// What other features (shipments) and the host use from orders.

export { Cin7OrderApprovals, type RecordApprovalOptions } from './order-approvals.js';
export {
  OrderPushEntity,
  OrderPushEventEntity,
  type OrderPushOutcome,
  type OrderPushState,
  type SentSaleSnapshot,
} from './order-push.entity.js';
export { shipLineTracking } from './ship-tracking.js';
