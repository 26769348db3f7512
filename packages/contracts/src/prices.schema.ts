import { z } from 'zod';
import { jobSchema } from './jobs.schema.js';

/**
 * Price sync (settings panel › Prices). Routes under /integrations/cin7-core:
 *   GET  /prices/status → priceStatusSchema
 *   POST /prices/sync   → 202 jobSchema (kind 'price-sync'; joins the running one if any). Progress via GET /jobs/:id.
 */

/** Cin7 pricing features Upstock does not apply (help article: "Product prices"). */
export const unsupportedPriceFeatureSchema = z.enum(['product-discounts', 'volume-discounts', 'deals']);
export type UnsupportedPriceFeature = z.infer<typeof unsupportedPriceFeatureSchema>;

export const priceListSummarySchema = z.object({
  /** The Upstock price list's name (a Cin7 price tier name, or the customer's name for customer prices). */
  name: z.string(),
  source: z.enum(['tier', 'customer']),
  /** Tier 1 is the base price (Cin7 has no base price). */
  isBase: z.boolean(),
  entries: z.number().int(),
  customers: z.number().int(),
});

/** Body of `POST /prices/sync` (optional): `full` re-reads every price instead of only what changed. */
export const priceSyncRequestSchema = z
  .object({ full: z.boolean({ error: 'full must be true or false' }).optional() })
  .strict();
export type PriceSyncRequest = z.infer<typeof priceSyncRequestSchema>;

export const priceEntryDeltaSchema = z.object({
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
});

/** What a sync changed in Upstock (also the `result.changes` of a price-sync job). */
export const priceChangesSchema = z.object({
  /** Tier 1 prices written as products' base prices. */
  basePrices: priceEntryDeltaSchema,
  /** Price lists written (created, renamed after a Cin7 tier rename, or with changed prices). */
  lists: z.array(
    priceEntryDeltaSchema.extend({
      name: z.string(),
      created: z.boolean(),
      renamedFrom: z.string().nullable(),
    }),
  ),
  /** Customers moved to another price list (their Cin7 tier or discount changed). */
  customersReassigned: z.number().int(),
  /** Customers whose own prices (Cin7 custom prices, less their discount) were replaced. */
  customerPricesReplaced: z.number().int(),
  /** Customers newly unable to order (a currency other than the Cin7 base currency), and newly able again. */
  orderingBlocked: z.number().int(),
  orderingUnblocked: z.number().int(),
});
export type PriceChanges = z.infer<typeof priceChangesSchema>;

export const priceStatusSchema = z.object({
  lastSyncAt: z.string().nullable(),
  nextSyncAt: z.string().nullable(),
  /** The running sync, if any (poll GET /jobs/:id for its progress). */
  running: jobSchema.nullable(),
  lastRun: jobSchema.nullable(),
  /** What the last successful sync changed (null before the first one). */
  lastChanges: priceChangesSchema.nullable().optional(),
  priceLists: z.array(priceListSummarySchema),
  /** Found in Cin7 and not applied to Upstock prices, with how many products/customers/deals use them. */
  unsupported: z.array(
    z.object({
      feature: unsupportedPriceFeatureSchema,
      count: z.number().int(),
      examples: z.array(z.string()),
    }),
  ),
  /** When discount rules and deals were last read from Cin7 (on the daily full pass). */
  unsupportedCheckedAt: z.string().nullable().optional(),
});
export type PriceStatus = z.infer<typeof priceStatusSchema>;
