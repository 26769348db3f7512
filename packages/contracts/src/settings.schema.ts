import { z } from 'zod';

export const saleStatusSchema = z.enum(['DRAFT', 'AUTHORISED']);
export const saleTypeSchema = z.enum(['SIMPLE', 'ADVANCED']);
/** Which fulfilment steps Cin7 authorises when the sale is created (Cin7's AutoPickPackShipMode). */
export const fulfilmentStepsSchema = z.enum(['NONE', 'PICK', 'PICK_PACK', 'PICK_PACK_SHIP']);
/** Ship-by date: from the order's delivery date, or blank with the delivery date written into the shipping notes. */
export const shipByModeSchema = z.enum(['DELIVERY_DATE', 'IN_SHIPPING_NOTES']);

export const FULFILMENT_STEPS_RULE =
  'Pick, pack and ship steps can only be authorised automatically for Simple sales created as Authorised.';

export const settingsSchema = z
  .object({
    saleStatus: saleStatusSchema.default('DRAFT'),
    saleType: saleTypeSchema.default('SIMPLE'),
    fulfilmentSteps: fulfilmentStepsSchema.default('NONE'),
    shipByMode: shipByModeSchema.default('DELIVERY_DATE'),
    /** Cin7 location name for sales; null = Cin7's default location. */
    location: z.string().trim().min(1).max(256).nullable().default(null),
    /** Name of the Cin7 service product used for the freight additional charge. */
    freightServiceName: z
      .string()
      .trim()
      .min(1, { error: 'Freight service name cannot be empty' })
      .max(256)
      .default('Freight'),
    priceSyncIntervalMinutes: z.number().int().min(15).max(1440).default(60),
    shipmentPollIntervalMinutes: z.number().int().min(1).max(60).default(10),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.fulfilmentSteps !== 'NONE' && !(s.saleType === 'SIMPLE' && s.saleStatus === 'AUTHORISED')) {
      ctx.addIssue({ code: 'custom', path: ['fulfilmentSteps'], message: FULFILMENT_STEPS_RULE });
    }
  });
export type Settings = z.infer<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
