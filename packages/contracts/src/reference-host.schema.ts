import { z } from 'zod';

// The reference host's own routes (`/host/*` of the standalone server, apps/api/README.md): Upstock's stand-in.
// One place for their shapes: the reference host validates its requests with these, the demo shell reads its
// answers with them.

/** A real calendar date (2026-02-30 is refused, not rolled over into March). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Use a date like 2026-12-24' })
  .refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s), {
    error: 'Not a date on the calendar',
  });
const uuid = z.uuid({ error: 'Must be an id from this host' });
/** Cin7 keeps quantities and amounts to 4 decimal places; far above any real order, far below what breaks. */
const MAX_QUANTITY = 1_000_000;
const MAX_AMOUNT = 1_000_000_000;
const fourDecimals = (n: number) => Math.abs(n * 10_000 - Math.round(n * 10_000)) < 1e-6;
const quantity = z
  .number()
  .min(1, { error: 'Quantity must be at least 1' })
  .max(MAX_QUANTITY, { error: `Quantity must be at most ${MAX_QUANTITY}` })
  .refine(fourDecimals, { error: 'Quantity has at most 4 decimal places' });
const amount = z
  .number()
  .min(0)
  .max(MAX_AMOUNT, { error: `Must be at most ${MAX_AMOUNT}` })
  .refine(fourDecimals, { error: 'At most 4 decimal places' });

export const referenceHostCreateOrderSchema = z.object({
  customerId: uuid,
  reference: z.string().trim().max(256).nullable().optional(),
  deliveryDate: isoDate.nullable().optional(),
  lines: z
    .array(z.object({ productId: uuid, quantity }))
    .min(1, { error: 'An order needs at least one line' }),
  freight: amount.nullable().optional(),
  comment: z.string().trim().min(1).max(2000).optional(),
});
export type ReferenceHostCreateOrder = z.infer<typeof referenceHostCreateOrderSchema>;

export const referenceHostUpdateOrderSchema = z.object({
  reference: z.string().trim().max(256).nullable().optional(),
  deliveryDate: isoDate.nullable().optional(),
  tracking: z.string().trim().max(512).nullable().optional(),
  freight: amount.nullable().optional(),
  /** A line with quantity 0 is removed from the order. */
  lines: z.array(z.object({ productId: uuid, quantity: z.union([z.literal(0), quantity]) })).optional(),
});
export type ReferenceHostUpdateOrder = z.infer<typeof referenceHostUpdateOrderSchema>;

export const referenceHostCommentSchema = z.object({
  body: z.string().trim().min(1, { error: 'A comment cannot be empty' }).max(2000),
});

export const referenceHostCustomerSearchSchema = z.object({ search: z.string().trim().max(256).optional() });

export const referenceHostCreateCustomerSchema = z.object({
  name: z.string().trim().min(1).max(256),
  email: z.email().nullable().optional(),
  currency: z.string().length(3).optional(),
});

// Answers of the reference host's routes.

const orderStatus = z.enum(['draft', 'approved', 'shipped', 'cancelled']);

export const referenceHostCustomerSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  currency: z.string().nullable().optional(),
});
export type ReferenceHostCustomer = z.infer<typeof referenceHostCustomerSchema>;

export const referenceHostProductSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  basePrice: z.number(),
  // Stock from Cin7 (issue 16): null until the supplier turns stock sync on; `available` null when only in/out of
  // stock is shown.
  available: z.number().nullable().optional(),
  inStock: z.boolean().nullable().optional(),
  onOrder: z.number().nullable().optional(),
  nextDeliveryDate: z.string().nullable().optional(),
});
export type ReferenceHostProduct = z.infer<typeof referenceHostProductSchema>;

export const referenceHostPriceListSchema = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  currency: z.string(),
  entries: z.array(z.object({ productId: z.string(), sku: z.string(), price: z.number() })),
});
export type ReferenceHostPriceList = z.infer<typeof referenceHostPriceListSchema>;

export const referenceHostOrderRowSchema = z.object({
  id: z.string(),
  number: z.string(),
  customerId: z.string(),
  status: orderStatus,
  currency: z.string(),
  deliveryDate: z.string().nullable(),
  tracking: z.string().nullable(),
  totalsMismatch: z.string().nullable(),
  createdAt: z.string(),
});
export type ReferenceHostOrderRow = z.infer<typeof referenceHostOrderRowSchema>;

export const referenceHostOrderSchema = z.object({
  id: z.string(),
  number: z.string(),
  reference: z.string().nullable(),
  customerId: z.string(),
  currency: z.string(),
  status: orderStatus,
  orderDate: z.string(),
  deliveryDate: z.string().nullable(),
  comments: z.array(z.string()),
  tracking: z.string().nullable(),
  lines: z.array(
    z.object({
      productId: z.string(),
      sku: z.string(),
      name: z.string(),
      quantity: z.number(),
      unitPrice: z.number(),
    }),
  ),
  freight: z.number().nullable(),
  total: z.number(),
  totalsMismatch: z.string().nullable(),
  shippedAt: z.string().nullable(),
  carrier: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  trackingUrl: z.string().nullable(),
});
export type ReferenceHostOrder = z.infer<typeof referenceHostOrderSchema>;

/** `GET /host/demo/suppliers` (demo mode only): who the demo shell can sign in as. */
export const demoSupplierSchema = z.object({ id: z.string(), name: z.string(), token: z.string() });
export type DemoSupplier = z.infer<typeof demoSupplierSchema>;
