import { z } from 'zod';
import { list, optBool, optGuid, optNum, text } from './primitives.schema.js';

/** `GET /me` (BP L3986-4067): the company, its base currency and tax/discount settings. No envelope. */
export const meSchema = z.object({
  Company: z.string(),
  /** The base currency code. */
  Currency: z.string(),
  TimeZone: text,
  DefaultWeightUnits: text,
  DefaultDimensionsUnits: text,
  /** "Formatted in Tenant date format" (BP L3997-3998), e.g. `31/03/2024`: kept as text, nothing parses it. */
  LockDate: text,
  OpeningBalanceDate: text,
  TaxCalculationMethod: text,
  DefaultSaleTaxRuleId: optGuid,
  DefaultSaleTaxRuleName: text,
  MaximumDecimalPlacesInQuantity: text,
  ApplyCustomerDiscountsAfterOtherDiscounts: optBool,
  DiscountRule: text,
  AutomaticallyApplyDiscounts: optBool,
  RoundingTable: list(
    z.object({ RangeTo: optNum, RoundToNearest: optNum, AdjustmentRule: text, AdjustmentValue: optNum }),
  ),
});
export type Cin7Me = z.output<typeof meSchema>;

/** A company contact (`GET /me/contacts`). Sales representatives are contacts, most likely of Type `Sale`. */
export const companyContactSchema = z.object({
  ID: optGuid,
  Name: z.string(),
  Type: text,
  Default: optBool,
  JobTitle: text,
  Phone: text,
  MobilePhone: text,
  Email: text,
  Website: text,
  Comment: text,
  IncludeInEmail: optBool,
});
export type Cin7CompanyContact = z.output<typeof companyContactSchema>;

export const meContactsEnvelope = z.object({ MeContactsList: list(companyContactSchema) });
