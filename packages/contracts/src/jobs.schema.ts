import { z } from 'zod';

export const jobKindSchema = z.enum([
  'import-customers',
  'import-products',
  'price-sync',
  'order-push',
  'shipment-poll',
  'shipment-event',
  'reference-refresh',
  'webhook-registration',
  'stock-sync',
]);
export type JobKind = z.infer<typeof jobKindSchema>;

export const jobStateSchema = z.enum(['queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof jobStateSchema>;

export const skippedItemSchema = z.object({ cin7Id: z.string(), label: z.string(), reason: z.string() });

export const jobProgressSchema = z.object({
  pagesDone: z.number().int(),
  pagesTotal: z.number().int().nullable(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
});
export type JobProgress = z.infer<typeof jobProgressSchema>;

export const jobSchema = z.object({
  id: z.string(),
  kind: jobKindSchema,
  state: jobStateSchema,
  progress: jobProgressSchema,
  skippedItems: z.array(skippedItemSchema),
  /** Extra result details (kind-specific, e.g. the price changes of a sync). */
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof jobSchema>;
export const jobListSchema = z.object({ items: z.array(jobSchema) });

export const importRequestSchema = z.object({
  kind: z.enum(['customers', 'products'], { error: 'kind must be "customers" or "products"' }),
});
export type ImportRequest = z.infer<typeof importRequestSchema>;
