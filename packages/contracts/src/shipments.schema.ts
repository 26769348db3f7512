import { z } from 'zod';

/**
 * Shipments coming back from Cin7 (webhooks + reconciling poll). Routes under /integrations/cin7-core:
 *   GET  /shipments       → shipmentSyncStatusSchema
 *   POST /shipments/poll  → 202 shipmentPollQueuedSchema (check Cin7 for shipped sales now)
 */
export const shipmentSyncStatusSchema = z.object({
  /** Cin7 webhooks for shipments: registered, missing (Cin7 refused or deactivated them), or not registered. */
  webhooks: z.enum(['registered', 'missing', 'not_registered']),
  pollIntervalMinutes: z.number().int(),
  lastPollAt: z.string().nullable(),
  nextPollAt: z.string().nullable(),
  /** Cin7 calls the last poll cycle made. */
  lastPollCalls: z.number().int().nullable(),
  /** Newest Cin7 change the poll has seen. */
  cursor: z.string().nullable(),
});
export type ShipmentSyncStatus = z.infer<typeof shipmentSyncStatusSchema>;

export const shipmentPollQueuedSchema = z.object({ queued: z.literal(true) });
export type ShipmentPollQueued = z.infer<typeof shipmentPollQueuedSchema>;
