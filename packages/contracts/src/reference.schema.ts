import { z } from 'zod';

// The supplier's Cin7 reference books as the settings panel shows them (GET /reference). Cin7 documents refer to
// these by name, so names are what the panel offers and what settings store.

export const referenceLocationSchema = z.object({ id: z.string(), name: z.string(), isDefault: z.boolean() });
export type ReferenceLocation = z.infer<typeof referenceLocationSchema>;

/** Cin7 always has 10 tiers, code 1-10; tier 1 is the base price in Upstock. */
export const referencePriceTierSchema = z.object({ code: z.number().int(), name: z.string() });
export type ReferencePriceTier = z.infer<typeof referencePriceTierSchema>;

export const referenceTaxRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Total percent, null when Cin7 does not say. */
  percent: z.number().nullable(),
  taxInclusive: z.boolean(),
  forSale: z.boolean(),
});
export type ReferenceTaxRule = z.infer<typeof referenceTaxRuleSchema>;

export const referenceCarrierSchema = z.object({ id: z.string(), name: z.string() });
export type ReferenceCarrier = z.infer<typeof referenceCarrierSchema>;

export const referenceDataSchema = z.object({
  locations: z.array(referenceLocationSchema),
  priceTiers: z.array(referencePriceTierSchema),
  taxRules: z.array(referenceTaxRuleSchema),
  carriers: z.array(referenceCarrierSchema),
  /**
   * Names of Cin7's active service products: a sale's additional charge (the freight) must name one (BP L30711),
   * so the freight setting is chosen from these.
   */
  serviceProducts: z.array(z.string()),
  /** `/me` DefaultSaleTaxRuleName (BP L3990-4010); null when the tenant has none. */
  defaultSaleTaxRule: z.string().nullable(),
  /**
   * Whether Upstock prices are with tax for this tenant: its default sale tax rule's TaxInclusive (BP L4503), the
   * rule the sale mapper uses when a product or customer names none; null when unknown (no default rule).
   */
  pricesIncludeTax: z.boolean().nullable(),
});
export type ReferenceData = z.infer<typeof referenceDataSchema>;

/**
 * GET /reference: the cached books. `refreshedAt` null = not loaded yet (a refresh is queued on connect, daily, and
 * by POST /reference/refresh), the lists are then empty.
 */
export const referenceResponseSchema = referenceDataSchema.extend({
  refreshedAt: z.string().nullable(),
});
export type ReferenceResponse = z.infer<typeof referenceResponseSchema>;
