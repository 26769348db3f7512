import { z } from 'zod';

/**
 * Order pushes (settings panel › Order activity). Routes under /integrations/cin7-core:
 *   GET  /orders/sync?limit=20&state=      → orderSyncListSchema (recent pushes, newest first)
 *   GET  /orders/:orderId/sync             → orderSyncDetailSchema (the push and its timeline)
 *   POST /orders/:orderId/sync/retry       → 202 orderSyncSchema (409 unless the push failed)
 */

export const orderSyncStateSchema = z.enum([
  /** Recorded on approval, waiting for its turn (or for Cin7 to stop throttling). */
  'pending',
  'pushing',
  /** The sale exists in Cin7. */
  'pushed',
  /** Cin7 said no (its message in `error`); retry possible. */
  'failed',
  /** Refused before calling Cin7 (e.g. another currency than the Cin7 base currency); `error` says why. */
  'refused',
  /** Cin7 shipped the sale and the Upstock order is marked shipped. */
  'shipped',
]);
export type OrderSyncState = z.infer<typeof orderSyncStateSchema>;

export const orderSyncSchema = z.object({
  orderId: z.string(),
  orderNumber: z.string(),
  customerName: z.string(),
  total: z.number(),
  currency: z.string(),
  state: orderSyncStateSchema,
  cin7SaleId: z.string().nullable(),
  cin7SaleNumber: z.string().nullable(),
  /** Cin7's message (or the refusal reason) when failed/refused. */
  error: z.string().nullable(),
  /** Set when the Cin7 sale's totals no longer match the Upstock order (drift). */
  totalsMismatch: z.string().nullable(),
  tracking: z.string().nullable(),
  attempts: z.number().int(),
  approvedAt: z.string(),
  updatedAt: z.string(),
});
export type OrderSync = z.infer<typeof orderSyncSchema>;

export const orderSyncListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  state: orderSyncStateSchema.optional(),
});

export const orderSyncListSchema = z.object({ items: z.array(orderSyncSchema) });
export type OrderSyncList = z.infer<typeof orderSyncListSchema>;

export const orderSyncEventSchema = z.object({
  at: z.string(),
  type: z.enum([
    'approved',
    'queued',
    'header-created',
    'lines-saved',
    'authorised',
    'failed',
    'refused',
    'retried',
    'shipped',
    'totals-mismatch',
    'throttled',
  ]),
  message: z.string(),
});
export type OrderSyncEvent = z.infer<typeof orderSyncEventSchema>;

export const orderSyncDetailSchema = z.object({
  sync: orderSyncSchema,
  timeline: z.array(orderSyncEventSchema),
});
export type OrderSyncDetail = z.infer<typeof orderSyncDetailSchema>;
