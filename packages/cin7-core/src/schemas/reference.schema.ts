import { z } from 'zod';
import { guid, list, num, optBool, optGuid, optNum, optTimestamp, text } from './primitives.schema.js';

// Reference books (reference sec. 4.2, 4.4, 7). Documents refer to these by Name, so Name is always present.

/** `GET /ref/priceTier`: always 10 rows, Code 1-10; names can be renamed in Cin7's settings. */
export const priceTierSchema = z.object({ Code: num, Name: z.string() });
export type Cin7PriceTier = z.output<typeof priceTierSchema>;
export const priceTierEnvelope = z.object({ PriceTiers: list(priceTierSchema) });

export const taxComponentSchema = z.object({
  Name: text,
  /** Comes as a string (`"10.0000000000"`). */
  Percent: optNum,
  AccountCode: text,
  ComponentOrder: optNum,
  Compound: optBool,
});
export const taxRuleSchema = z.object({
  ID: guid,
  Name: z.string(),
  Account: text,
  IsActive: optBool,
  TaxInclusive: optBool,
  TaxPercent: optNum,
  IsTaxForSale: optBool,
  IsTaxForPurchase: optBool,
  Components: list(taxComponentSchema),
});
export type Cin7TaxRule = z.output<typeof taxRuleSchema>;
export const taxRuleEnvelope = z.object({ Total: optNum, Page: optNum, TaxRuleList: list(taxRuleSchema) });

export const locationSchema = z.object({
  ID: guid,
  Name: z.string(),
  IsDefault: optBool,
  /** The table says `Deprecated`, examples `IsDeprecated`: read either. */
  IsDeprecated: optBool,
  Deprecated: optBool,
  ParentID: optGuid,
  ParentName: text,
});
export type Cin7Location = z.output<typeof locationSchema>;
export const locationEnvelope = z.object({ Total: optNum, Page: optNum, LocationList: list(locationSchema) });

/** `Description` is the name that sales, customers and shipment lines hold in `Carrier`. */
export const carrierSchema = z.object({ CarrierID: guid, Description: z.string() });
export type Cin7Carrier = z.output<typeof carrierSchema>;
export const carrierEnvelope = z.object({ Total: optNum, Page: optNum, CarrierList: list(carrierSchema) });

export const paymentTermSchema = z.object({
  ID: guid,
  Name: z.string(),
  Duration: optNum,
  Method: text,
  IsActive: optBool,
  IsDefault: optBool,
});
export type Cin7PaymentTerm = z.output<typeof paymentTermSchema>;
export const paymentTermEnvelope = z.object({
  Total: optNum,
  Page: optNum,
  PaymentTermList: list(paymentTermSchema),
});

export const discountLineSchema = z.object({
  ID: optGuid,
  MinValue: optNum,
  MaxValue: optNum,
  DiscountType: text,
  Amount: optNum,
  OrderExceeds: optNum,
});
/** Product discount rules, volume discounts among them (`/reference/discount`): read to report them. */
export const discountRuleSchema = z.object({
  ID: guid,
  Name: z.string(),
  IsActive: optBool,
  /** `Simple` | `QuantityBased` | `FreeShipping`. */
  Type: text,
  DiscountLines: list(discountLineSchema),
});
export type Cin7DiscountRule = z.output<typeof discountRuleSchema>;
export const discountRuleEnvelope = z.object({
  Total: optNum,
  Page: optNum,
  DiscountRules: list(discountRuleSchema),
});

/** Deals (`/reference/deals`): read to report them; the example shows no Total. */
export const dealSchema = z.object({
  ID: guid,
  Name: z.string(),
  DateFrom: optTimestamp,
  DateTo: optTimestamp,
  IsActive: optBool,
  AllowCoupons: optBool,
  CustomersGroup: text,
});
export type Cin7Deal = z.output<typeof dealSchema>;
export const dealEnvelope = z.object({ Total: optNum, Page: optNum, Deals: list(dealSchema) });
