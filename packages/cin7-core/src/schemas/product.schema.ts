import { z } from 'zod';
import { guid, list, num, optBool, optGuid, optNum, optTimestamp, text } from './primitives.schema.js';

/**
 * Attachments come with `IncludeAttachments=true`. `IsDefault` (the default product image) is a Boolean in the
 * model and the string "true"/"false" in the example (BP L6015-6055): both accepted.
 */
export const productAttachmentSchema = z.object({
  ID: optGuid,
  ContentType: text,
  FileName: text,
  DownloadUrl: text,
  IsDefault: optBool,
});
export type Cin7ProductAttachment = z.output<typeof productAttachmentSchema>;

/**
 * `CustomPrices` with `IncludeCustomPrices=true`. BP's example shows product fields, live data (AB schema) shows
 * customer fields; the customer reading is the one that carries meaning here. Prices are in customer currency.
 */
export const productCustomPriceSchema = z.object({
  CustomerID: guid,
  CustomerName: text,
  CustomerCurrency: text,
  Price: num,
});
export type Cin7ProductCustomPrice = z.output<typeof productCustomPriceSchema>;

/** `GET /product` rows (BP L5181-5267). */
export const productSchema = z.object({
  ID: guid,
  SKU: z.string(),
  Name: z.string(),
  Barcode: text,
  Category: text,
  Brand: text,
  /** `Stock` | `Service` (others tolerated). */
  Type: text,
  /** `Active` | `Setup required` | `Deprecated`. */
  Status: text,
  UOM: text,
  DefaultLocation: text,
  Description: text,
  ShortDescription: text,
  InternalNote: text,
  Tags: text,
  Sellable: optBool,
  AverageCost: optNum,
  PriceTier1: optNum,
  PriceTier2: optNum,
  PriceTier3: optNum,
  PriceTier4: optNum,
  PriceTier5: optNum,
  PriceTier6: optNum,
  PriceTier7: optNum,
  PriceTier8: optNum,
  PriceTier9: optNum,
  PriceTier10: optNum,
  /** Prices keyed by the account's (renamable) tier names. */
  PriceTiers: z
    .record(z.string(), optNum)
    .nullish()
    .transform((v) => v ?? {}),
  SaleTaxRule: text,
  PurchaseTaxRule: text,
  /** Name of a `/reference/discount` rule (product-level or volume discount). */
  DiscountRule: text,
  LastModifiedOn: optTimestamp,
  Attachments: list(productAttachmentSchema),
  CustomPrices: list(productCustomPriceSchema),
});
export type Cin7Product = z.output<typeof productSchema>;

export const productEnvelope = z.object({
  Total: optNum,
  Page: optNum,
  Products: list(productSchema),
});
