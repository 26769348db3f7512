import { z } from 'zod';

/**
 * Order pushes (settings panel › Order activity). Routes under /integrations/cin7-core:
 *   GET  /orders/sync?limit=20&state=      → orderSyncListSchema (recent pushes, newest first; alias /orders/pushes)
 *   GET  /orders/:orderId/sync             → orderSyncDetailSchema (the push and its timeline)
 *   POST /orders/:orderId/sync/retry       → 202 orderSyncSchema (409 unless the push failed or was refused)
 *   POST /orders/:orderId/sync/send        → 202 orderSyncSchema: "Send to Cin7" for a held, refused or failed push
 *   GET  /orders/held                      → heldOrdersSchema (held and refused orders, with their reason)
 *   POST /orders/held/send                 → 202 sendHeldResultSchema (every held order, each queued once)
 *   GET  /orders/:orderId/preview          → orderPreviewSchema (the exact sale approval would send; nothing sent)
 *   POST /orders/:orderId/approved         → 202 orderSyncSchema (hosts in another process report an approval)
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
  /**
   * Approved while Cin7 was disconnected: nothing was sent, and nothing is sent on its own after reconnecting.
   * The supplier sends it (`POST /orders/:orderId/sync/send`, or every held order at once with `POST /orders/held/send`).
   */
  'held',
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
  /** Cin7's message (or the refusal reason) when failed/refused; why it waits when held. */
  error: z.string().nullable(),
  /**
   * With `refused`: a stable code when the supplier can fix the cause (`freight-product-missing`,
   * `quantity-below-one`, `tax-rule-unknown`, `mixed-tax-inclusion`, `discount-not-representable`,
   * `totals-do-not-add-up`), else null.
   */
  refusalCode: z.string().nullable(),
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
export type OrderSyncListQuery = z.infer<typeof orderSyncListQuerySchema>;

export const orderSyncListSchema = z.object({ items: z.array(orderSyncSchema) });

/**
 * GET /orders/held: orders waiting for the supplier, newest first: `held` (approved while disconnected) and
 * `refused` (a reason the supplier can fix: an unlinked customer or product, a missing location or freight
 * product...), each with its reason in `error`. `held` counts only the held ones (what "Send all" sends).
 */
export const heldOrdersSchema = z.object({
  items: z.array(orderSyncSchema),
  held: z.number().int(),
  refused: z.number().int(),
});
export type HeldOrders = z.infer<typeof heldOrdersSchema>;

/** POST /orders/held/send: how many held orders were queued for Cin7 (each at most once). */
export const sendHeldResultSchema = z.object({ queued: z.number().int() });
export type SendHeldResult = z.infer<typeof sendHeldResultSchema>;
export type OrderSyncList = z.infer<typeof orderSyncListSchema>;

export const orderSyncEventTypeSchema = z.enum([
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
  /** A write's answer was lost (time-out, dropped connection, 5xx): the sale is looked up before anything else. */
  'outcome-unknown',
  /** The sale was found in Cin7 by its external id (after an unknown outcome or a restart); nothing created. */
  'sale-found',
  /** Cin7 was unreachable or failing; tried again automatically. */
  'cin7-unavailable',
  'tracking-set',
  /** From the shipments feature (issue 7). */
  'partially-shipped',
  'tracking-changed',
  'totals-match',
  'voided',
  /** Approved while Cin7 was disconnected: kept for the supplier to send. */
  'held',
]);
export type OrderSyncEventType = z.infer<typeof orderSyncEventTypeSchema>;

export const orderSyncEventSchema = z.object({
  at: z.string(),
  type: orderSyncEventTypeSchema,
  message: z.string(),
  /** Which attempt of the push this belongs to (1 = the first). */
  attempt: z.number().int().optional(),
  /** The Cin7 sale number, once known. */
  cin7SaleNumber: z.string().nullable().optional(),
});
export type OrderSyncEvent = z.infer<typeof orderSyncEventSchema>;

export const orderSyncDetailSchema = z.object({
  sync: orderSyncSchema,
  timeline: z.array(orderSyncEventSchema),
});
export type OrderSyncDetail = z.infer<typeof orderSyncDetailSchema>;

/** One line of a previewed sale, in words a supplier reads. */
export const orderPreviewLineSchema = z.object({
  sku: z.string(),
  name: z.string(),
  quantity: z.number(),
  price: z.number(),
  total: z.number(),
  taxRule: z.string(),
});

/**
 * The sale an approval would create, computed exactly as the push computes it (`header` is the `POST /sale` body,
 * `order` the `POST /sale/order` body without its SaleID). When the push would be refused, `refusal` says why and
 * the payloads are null. Nothing is sent to Cin7.
 */
export const orderPreviewSchema = z.object({
  orderId: z.string(),
  refusal: z.string().nullable(),
  header: z.record(z.string(), z.unknown()).nullable(),
  order: z.record(z.string(), z.unknown()).nullable(),
  summary: z
    .object({
      customer: z.string(),
      reference: z.string(),
      location: z.string(),
      status: z.enum(['DRAFT', 'AUTHORISED']),
      type: z.enum(['Simple', 'Advanced']),
      lines: z.array(orderPreviewLineSchema),
      freight: z.number(),
      /** The sale's tax, by its tax rules and the tenant's TaxCalculationMethod. */
      tax: z.number(),
      /** Whether prices (and `total`) include tax: the tenant's default sale tax rule decides. */
      taxInclusive: z.boolean(),
      /** What the Cin7 sale totals, tax included. */
      total: z.number(),
      currency: z.string(),
    })
    .nullable(),
  /** What was actually sent, once the order has been pushed. */
  sent: z
    .object({ header: z.record(z.string(), z.unknown()), order: z.record(z.string(), z.unknown()) })
    .nullable(),
});
export type OrderPreview = z.infer<typeof orderPreviewSchema>;
