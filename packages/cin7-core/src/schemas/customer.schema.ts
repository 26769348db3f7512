import { z } from 'zod';
import { guid, list, optBool, optGuid, optNum, optTimestamp, text } from './primitives.schema.js';

/** Address Type is Billing | Business | Shipping (BP L31338); kept as string to tolerate new values. */
export const customerAddressSchema = z.object({
  ID: optGuid,
  Line1: text,
  Line2: text,
  City: text,
  State: text,
  Postcode: text,
  Country: text,
  Type: text,
  DefaultForType: optBool,
});
export type Cin7CustomerAddress = z.output<typeof customerAddressSchema>;

export const customerContactSchema = z.object({
  ID: optGuid,
  Name: text,
  JobTitle: text,
  Phone: text,
  MobilePhone: text,
  Fax: text,
  Email: text,
  Website: text,
  Comment: text,
  Default: optBool,
  IncludeInEmail: optBool,
  MarketingConsent: optNum,
});
export type Cin7CustomerContact = z.output<typeof customerContactSchema>;

/** Customer-specific prices, only with `IncludeProductPrices=true` (BP L1073, L1215). */
export const customerProductPriceSchema = z.object({
  ProductID: guid,
  ProductName: text,
  ProductSKU: text,
  Price: optNum,
});
export type Cin7CustomerProductPrice = z.output<typeof customerProductPriceSchema>;

/** `GET /customer` rows (BP L1020-1053). Reference data (tier, tax rule, terms, rep) is held by name. */
export const customerSchema = z.object({
  ID: guid,
  Name: z.string(),
  DisplayName: text,
  Status: text,
  Currency: text,
  PaymentTerm: text,
  TaxRule: text,
  PriceTier: text,
  Carrier: text,
  SalesRepresentative: text,
  Location: text,
  /** Customer-level discount, percent 0-100 (docs say Int; live data has decimals). */
  Discount: optNum,
  Comments: text,
  TaxNumber: text,
  CreditLimit: optNum,
  IsOnCreditHold: optBool,
  Tags: text,
  AccountReceivable: text,
  RevenueAccount: text,
  AttributeSet: text,
  IsLegalEntity: optBool,
  CustomerParentID: optGuid,
  CustomerParentName: text,
  IsBillParent: optBool,
  LastModifiedOn: optTimestamp,
  Addresses: list(customerAddressSchema),
  Contacts: list(customerContactSchema),
  ProductPrices: list(customerProductPriceSchema),
});
export type Cin7Customer = z.output<typeof customerSchema>;

export const customerEnvelope = z.object({
  Total: optNum,
  Page: optNum,
  CustomerList: list(customerSchema),
});
