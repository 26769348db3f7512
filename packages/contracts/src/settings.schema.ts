import { z } from 'zod';

export const saleStatusSchema = z.enum(['DRAFT', 'AUTHORISED']);
export const saleTypeSchema = z.enum(['SIMPLE', 'ADVANCED']);
/** Which fulfilment steps Cin7 authorises when the sale is created (Cin7's AutoPickPackShipMode). */
export const fulfilmentStepsSchema = z.enum(['NONE', 'PICK', 'PICK_PACK', 'PICK_PACK_SHIP']);
/** Ship-by date: from the order's delivery date, or blank with the delivery date written into the shipping notes. */
export const shipByModeSchema = z.enum(['DELIVERY_DATE', 'IN_SHIPPING_NOTES']);

export const FULFILMENT_STEPS_RULE =
  'Pick, pack and ship steps can only be authorised automatically for Simple sales created as Authorised.';

/** A whole number of minutes between min and max, with the reason in words (never a schema's wording). */
function minutes(min: number, max: number, fallback: number, range: string) {
  const words = `${range} (${min} to ${max} minutes).`;
  return z
    .number({ error: `Enter a whole number of minutes. ${words}` })
    .int({ error: `Enter a whole number of minutes. ${words}` })
    .min(min, { error: words })
    .max(max, { error: words })
    .default(fallback);
}

export const settingsSchema = z
  .object({
    saleStatus: saleStatusSchema.default('DRAFT'),
    saleType: saleTypeSchema.default('SIMPLE'),
    fulfilmentSteps: fulfilmentStepsSchema.default('NONE'),
    shipByMode: shipByModeSchema.default('DELIVERY_DATE'),
    /** Cin7 location name for sales; null = Cin7's default location. */
    location: z
      .string({ error: 'Choose a Cin7 location, or leave it to Cin7’s default' })
      .trim()
      .min(1, { error: 'Choose a Cin7 location, or leave it to Cin7’s default' })
      .max(256, { error: 'A Cin7 location name is at most 256 characters' })
      .nullable()
      .default(null),
    /** Name of the Cin7 service product used for the freight additional charge. */
    freightServiceName: z
      .string()
      .trim()
      .min(1, { error: 'Freight service name cannot be empty' })
      .max(256, { error: 'The freight service name is at most 256 characters' })
      .default('Freight'),
    priceSyncIntervalMinutes: minutes(
      15,
      1440,
      60,
      'Prices can sync every 15 minutes at most, and once a day at least',
    ),
    shipmentPollIntervalMinutes: minutes(
      1,
      60,
      10,
      'Shipments can be checked every minute at most, and hourly at least',
    ),
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
