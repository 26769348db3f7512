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

export const priceStatusSchema = z.object({
  lastSyncAt: z.string().nullable(),
  nextSyncAt: z.string().nullable(),
  /** The running sync, if any (poll GET /jobs/:id for its progress). */
  running: jobSchema.nullable(),
  lastRun: jobSchema.nullable(),
  priceLists: z.array(priceListSummarySchema),
  /** Found in Cin7 and not applied to Upstock prices, with how many products/customers/deals use them. */
  unsupported: z.array(
    z.object({
      feature: unsupportedPriceFeatureSchema,
      count: z.number().int(),
      examples: z.array(z.string()),
    }),
  ),
});
export type PriceStatus = z.infer<typeof priceStatusSchema>;
