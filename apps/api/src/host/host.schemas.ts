import { z } from 'zod';

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

export const createOrderSchema = z.object({
  customerId: uuid,
  reference: z.string().trim().max(256).nullable().optional(),
  deliveryDate: isoDate.nullable().optional(),
  lines: z
    .array(z.object({ productId: uuid, quantity }))
    .min(1, { error: 'An order needs at least one line' }),
  freight: amount.nullable().optional(),
  comment: z.string().trim().min(1).max(2000).optional(),
});
export type CreateOrder = z.infer<typeof createOrderSchema>;

export const updateOrderSchema = z.object({
  reference: z.string().trim().max(256).nullable().optional(),
  deliveryDate: isoDate.nullable().optional(),
  tracking: z.string().trim().max(512).nullable().optional(),
  freight: amount.nullable().optional(),
  /** A line with quantity 0 is removed from the order. */
  lines: z.array(z.object({ productId: uuid, quantity: z.union([z.literal(0), quantity]) })).optional(),
});
export type UpdateOrder = z.infer<typeof updateOrderSchema>;

export const commentSchema = z.object({
  body: z.string().trim().min(1, { error: 'A comment cannot be empty' }).max(2000),
});

export const customerSearchSchema = z.object({ search: z.string().trim().max(256).optional() });

export const createCustomerSchema = z.object({
  name: z.string().trim().min(1).max(256),
  email: z.email().nullable().optional(),
  currency: z.string().length(3).optional(),
});
