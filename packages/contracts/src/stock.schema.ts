import { z } from 'zod';

/** What buyers see: the number available, or only whether the product is in stock. */
export const stockDisplaySchema = z.enum(['QUANTITY', 'IN_STOCK_ONLY']);
export type StockDisplay = z.infer<typeof stockDisplaySchema>;

/** Every Cin7 location name the supplier chooses; Cin7 allows 256 characters (BP L6129). */
const locationNameSchema = z.string().trim().min(1, { error: 'A location name cannot be empty' }).max(256);

export const stockSettingsSchema = z
  .object({
    /** Sync stock availability from Cin7 at all. Default false: a supplier turns it on in the panel. */
    enabled: z.boolean().default(false),
    /**
     * The Cin7 locations whose `Available` is summed (bins and batches added up). Empty (the default) = the location
     * sales are created in (the sale setting, else Cin7's default location).
     */
    locations: z
      .array(locationNameSchema)
      .max(50, { error: 'At most 50 locations' })
      .default([])
      .refine((names) => new Set(names.map((n) => n.toLowerCase())).size === names.length, {
        error: 'A location is listed twice',
      }),
    display: stockDisplaySchema.default('QUANTITY'),
  })
  .strict();
export type StockSettings = z.infer<typeof stockSettingsSchema>;
export type StockSettingsInput = z.input<typeof stockSettingsSchema>;
export const DEFAULT_STOCK_SETTINGS: StockSettings = stockSettingsSchema.parse({});

export const stockSkippedSchema = z.object({ cin7Id: z.string(), label: z.string(), reason: z.string() });

export const stockPassSchema = z.object({
  runId: z.string(),
  state: z.enum(['queued', 'running', 'paused', 'succeeded', 'failed', 'cancelled']),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  rowsRead: z.number().int(),
  productsUpdated: z.number().int(),
  /** Rows or settings left out, counted; `skippedItems` shows the first ones with the reason. */
  skipped: z.number().int(),
  skippedItems: z.array(stockSkippedSchema),
  error: z.string().nullable(),
});
export type StockPass = z.infer<typeof stockPassSchema>;

export const stockStatusSchema = z.object({
  settings: stockSettingsSchema,
  /** The locations a pass sums now (the sale location when none are chosen); null while it is not known yet. */
  effectiveLocations: z.array(z.string()).nullable(),
  lastPass: stockPassSchema.nullable(),
  nextPassAt: z.string().nullable(),
  /** Webhook deliveries applied directly, and those only used as a hint for a read of the product. */
  webhooks: z.object({
    applied: z.number().int(),
    hinted: z.number().int(),
    lastAt: z.string().nullable(),
  }),
});
export type StockStatus = z.infer<typeof stockStatusSchema>;
