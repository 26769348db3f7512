import { z } from 'zod';
import { guid, list, optDate, optNum, optTimestamp, text } from './primitives.schema.js';

/**
 * One row of `GET ref/productavailability` (BP L6121-6139): a product's stock in one location, bin and batch.
 * The same rows, with `Category` and `MaxRows` and without `InTransit`/`NextDeliveryDate`, are the payload of the
 * `Stock/AvailableStockLevelChanged` webhook (BP L28465-28519). Quantities absent stay null (never guessed as 0).
 */
export const availabilityRowSchema = z.object({
  ID: guid,
  SKU: text,
  Name: text,
  Barcode: text,
  Location: z.string(),
  Bin: text,
  Batch: text,
  ExpiryDate: optTimestamp,
  OnHand: optNum,
  Allocated: optNum,
  Available: optNum,
  OnOrder: optNum,
  StockOnHand: optNum,
  InTransit: optNum,
  /** `'YYYY-MM-DD'` (Cin7 sends midnight with no zone, BP L6175). */
  NextDeliveryDate: optDate,
});
export type Cin7AvailabilityRow = z.output<typeof availabilityRowSchema>;

export const availabilityEnvelope = z.object({
  Total: optNum,
  Page: optNum,
  ProductAvailabilityList: list(availabilityRowSchema),
});

/** A webhook row: the list row plus the product's `Category` and `MaxRows` (read as the product's row count). */
export const availabilityWebhookRowSchema = availabilityRowSchema.extend({
  Category: text,
  MaxRows: optNum,
});
export type Cin7AvailabilityWebhookRow = z.output<typeof availabilityWebhookRowSchema>;

/** `Stock/AvailableStockLevelChanged`: a bare array of rows (BP L28465). */
export const availabilityWebhookSchema = z.array(availabilityWebhookRowSchema);
