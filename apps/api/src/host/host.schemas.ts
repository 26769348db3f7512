import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Use a date like 2026-12-24' });
const uuid = z.uuid({ error: 'Must be an id from this host' });

export const createOrderSchema = z.object({
  customerId: uuid,
  reference: z.string().trim().max(256).nullable().optional(),
  deliveryDate: isoDate.nullable().optional(),
  lines: z
    .array(
      z.object({ productId: uuid, quantity: z.number().positive({ error: 'Quantity must be above 0' }) }),
    )
    .min(1, { error: 'An order needs at least one line' }),
  freight: z.number().min(0).nullable().optional(),
  comment: z.string().trim().min(1).max(2000).optional(),
});
export type CreateOrder = z.infer<typeof createOrderSchema>;

export const updateOrderSchema = z.object({
  reference: z.string().trim().max(256).nullable().optional(),
  deliveryDate: isoDate.nullable().optional(),
  tracking: z.string().trim().max(512).nullable().optional(),
  freight: z.number().min(0).nullable().optional(),
  lines: z.array(z.object({ productId: uuid, quantity: z.number().min(0) })).optional(),
});
export type UpdateOrder = z.infer<typeof updateOrderSchema>;

export const commentSchema = z.object({
  body: z.string().trim().min(1, { error: 'A comment cannot be empty' }).max(2000),
});

export const createCustomerSchema = z.object({
  name: z.string().trim().min(1).max(256),
  email: z.email().nullable().optional(),
  currency: z.string().length(3).optional(),
});
