import { z } from 'zod';
import { jobSchema } from './jobs.schema.js';

// Import and matching (issue 4). The import request itself (`importRequestSchema`) lives in jobs.schema.ts.

export const catalogAddressSchema = z.object({
  /** Cin7 address ID, null when Cin7 sent none. */
  id: z.string().nullable(),
  line1: z.string(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postcode: z.string().nullable(),
  country: z.string(),
});
export type CatalogAddress = z.infer<typeof catalogAddressSchema>;

/** GET /customers/search?q= : a name prefix, or a contact email (exact). */
export const customerSearchQuerySchema = z.object({
  q: z
    .string({ error: 'q is required: a customer name (start of it) or a contact email' })
    .trim()
    .min(1, { error: 'q is required: a customer name (start of it) or a contact email' })
    .max(256),
});
export type CustomerSearchQuery = z.infer<typeof customerSearchQuerySchema>;

export const cin7CustomerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  currency: z.string(),
  /** The default contact's email. */
  email: z.string().nullable(),
  priceTier: z.string().nullable(),
  billingAddress: catalogAddressSchema.nullable(),
  /** The choices for a link's `shippingAddressId` (one must be chosen when there are several). */
  shippingAddresses: z.array(catalogAddressSchema),
  /** The Upstock customer already linked to this Cin7 customer, if any. */
  linkedUpstockCustomerId: z.string().nullable(),
});
export type Cin7CustomerSummary = z.infer<typeof cin7CustomerSummarySchema>;
export const customerSearchResponseSchema = z.object({ items: z.array(cin7CustomerSummarySchema) });
export type CustomerSearchResponse = z.infer<typeof customerSearchResponseSchema>;

/** PUT /customers/:upstockCustomerId/link */
export const linkCustomerRequestSchema = z
  .object({
    cin7CustomerId: z
      .string({ error: 'cin7CustomerId is required' })
      .trim()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
        error: 'cin7CustomerId must be a Cin7 customer ID (a GUID)',
      })
      .transform((s) => s.toLowerCase()),
    /** Required when the Cin7 customer has several shipping addresses. */
    shippingAddressId: z
      .string()
      .trim()
      .min(1)
      .transform((s) => s.toLowerCase())
      .optional(),
    /**
     * The supplier confirmed moving the link: when the Cin7 customer is another Upstock customer's twin, that link
     * is removed and this one made, in one transaction. Without it such a link answers 409 naming the other customer.
     */
    move: z.boolean({ error: 'move must be true or false' }).optional(),
  })
  .strict();
export type LinkCustomerRequest = z.infer<typeof linkCustomerRequestSchema>;
export type LinkCustomerInput = z.input<typeof linkCustomerRequestSchema>;

export const customerLinkSchema = z.object({
  upstockCustomerId: z.string(),
  cin7CustomerId: z.string(),
  cin7Name: z.string(),
  currency: z.string(),
  shippingAddressId: z.string().nullable(),
  shippingAddress: catalogAddressSchema.nullable(),
  billingAddress: catalogAddressSchema.nullable(),
  priceTier: z.string().nullable(),
  discount: z.number(),
  salesRepresentative: z.string().nullable(),
  /** Why this customer's orders cannot be sent to Cin7 (e.g. another currency than the Cin7 base currency). */
  orderingBlockedReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type CustomerLink = z.infer<typeof customerLinkSchema>;

/**
 * The 409's `details` when the Cin7 customer is another Upstock customer's twin: who holds it, so the panel can
 * offer to move the link (PUT again with `move: true`).
 */
export const linkTakenDetailsSchema = z.object({
  linkedUpstockCustomerId: z.string(),
  linkedUpstockCustomerName: z.string().nullable(),
  cin7Name: z.string(),
});
export type LinkTakenDetails = z.infer<typeof linkTakenDetailsSchema>;

/** Paging shared by the link lists: `search` narrows, `limit`/`offset` page. */
export const linkListQuerySchema = z.object({
  search: z
    .string()
    .trim()
    .max(256, { error: 'Search for at most 256 characters' })
    .optional()
    .transform((s) => (s ? s : undefined)),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int({ error: 'limit must be a whole number' })
    .min(1, { error: 'limit must be between 1 and 200' })
    .max(200, { error: 'limit must be between 1 and 200' })
    .default(25),
  offset: z.coerce
    .number({ error: 'offset must be a number' })
    .int({ error: 'offset must be a whole number' })
    .min(0, { error: 'offset cannot be negative' })
    .default(0),
});
export type LinkListQuery = z.infer<typeof linkListQuerySchema>;

/** GET /customers/linked: a link with the Upstock customer's own name (null when the host no longer has it). */
export const linkedCustomerSchema = customerLinkSchema.extend({ upstockName: z.string().nullable() });
export type LinkedCustomer = z.infer<typeof linkedCustomerSchema>;
export const linkedCustomersResponseSchema = z.object({
  items: z.array(linkedCustomerSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type LinkedCustomersResponse = z.infer<typeof linkedCustomersResponseSchema>;

/** GET /customers/:id/link/addresses: the linked Cin7 customer's shipping addresses as Cin7 holds them today. */
export const linkAddressChoicesSchema = z.object({
  current: z.string().nullable(),
  items: z.array(catalogAddressSchema),
});
export type LinkAddressChoices = z.infer<typeof linkAddressChoicesSchema>;

/**
 * A product link's state:
 * - `linked`: the Upstock product carries the Cin7 SKU;
 * - `sku-differs`: no longer: the Upstock product's SKU was changed (or the product removed) since the import; a
 *   product import brings them back in step.
 */
export const productLinkStateSchema = z.enum(['linked', 'sku-differs']);
export type ProductLinkState = z.infer<typeof productLinkStateSchema>;

/** GET /products/links */
export const productLinkSchema = z.object({
  upstockProductId: z.string(),
  cin7ProductId: z.string(),
  cin7Sku: z.string(),
  name: z.string(),
  state: productLinkStateSchema,
});
export type ProductLink = z.infer<typeof productLinkSchema>;
export const productLinksResponseSchema = z.object({
  items: z.array(productLinkSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type ProductLinksResponse = z.infer<typeof productLinksResponseSchema>;

/** GET /customers/unmatched: Upstock customers without a Cin7 twin, paged. */
export const unmatchedCustomersQuerySchema = z.object({
  search: z.string().trim().max(256).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type UnmatchedCustomersQuery = z.infer<typeof unmatchedCustomersQuerySchema>;

export const unmatchedCustomerSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  currency: z.string().nullable(),
});
export const unmatchedCustomersResponseSchema = z.object({
  items: z.array(unmatchedCustomerSchema),
  /** Upstock customers without a link, over all pages. */
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type UnmatchedCustomersResponse = z.infer<typeof unmatchedCustomersResponseSchema>;

/** `result` of a finished import job (GET /jobs/:id); counts also in `progress`, skip reasons in `skippedItems`. */
export const importResultSchema = z.object({
  kind: z.enum(['customers', 'products']),
  /** Cin7 rows read. */
  seen: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  /** Products whose SKU already existed in Upstock: linked to it rather than duplicated. */
  linkedExisting: z.number().int(),
  skipped: z.number().int(),
  /** Skips by reason, e.g. { "Deprecated in Cin7": 200, "Service (not a stock product)": 100 }. */
  skippedByReason: z.record(z.string(), z.number().int()),
  /** Customers imported but whose orders cannot be pushed (another currency than the Cin7 base currency). */
  blocked: z.number().int(),
  blockedReason: z.string().nullable(),
  /** Customers with several shipping addresses in Cin7: the default is used until the supplier chooses (PUT link). */
  severalShippingAddresses: z.number().int(),
  /** One sentence for the supplier. */
  summary: z.string(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** GET /catalog: what the panel shows beside the Import buttons. */
export const catalogStatusSchema = z.object({
  customers: z.object({
    /** Upstock customers linked to a Cin7 customer (imported or matched). */
    linked: z.number().int(),
    /** Linked customers whose orders cannot be sent to Cin7 (another currency). */
    blocked: z.number().int(),
    /** The latest customer import (any state), or null. */
    lastImport: jobSchema.nullable(),
  }),
  products: z.object({
    linked: z.number().int(),
    lastImport: jobSchema.nullable(),
  }),
});
export type CatalogStatus = z.infer<typeof catalogStatusSchema>;
