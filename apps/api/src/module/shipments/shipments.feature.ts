import type { FeatureParts } from '../feature.js';
import { Shipments1764240400000 } from './migrations/1764240400000-shipments.migration.js';
import { ShipmentsController } from './shipments.controller.js';
import { ShipmentScheduleEntity } from './state/shipment-schedule.entity.js';
import { ShipmentStateEntity } from './state/shipment-state.entity.js';
import { OrderPushLedgerAdapter } from './sync/order-push-ledger.adapter.js';
import { ORDER_PUSH_LEDGER } from './sync/order-push-ledger.js';
import { SaleReconciler } from './sync/sale-reconciler.service.js';
import { ShipmentEvents } from './sync/shipment-events.service.js';
import { ShipmentPoll } from './sync/shipment-poll.service.js';
import { ShipmentScheduler } from './sync/shipment-scheduler.service.js';
import { Cin7WebhookController } from './webhooks/cin7-webhook.controller.js';
import { ExtraWebhooks } from './webhooks/extra-webhooks.js';
import { WebhookInbox } from './webhooks/webhook-inbox.service.js';
import { WebhookRegistrations } from './webhooks/webhook-registrations.service.js';

/** Shipments and drift come back: webhooks and the reconciling poll (issue 7). */
export const shipmentsFeature: FeatureParts = {
  name: 'shipments',
  uses: ['orders'],
  controllers: [ShipmentsController, Cin7WebhookController],
  providers: [
    { provide: ORDER_PUSH_LEDGER, useClass: OrderPushLedgerAdapter },
    SaleReconciler,
    ShipmentEvents,
    ShipmentPoll,
    ShipmentScheduler,
    WebhookInbox,
    WebhookRegistrations,
    ExtraWebhooks,
  ],
  // Stock authenticates its webhook route like ours, and registers its webhook with ours.
  exports: [WebhookInbox, ExtraWebhooks],
  entities: [ShipmentStateEntity, ShipmentScheduleEntity],
  migrations: [Shipments1764240400000],
};
