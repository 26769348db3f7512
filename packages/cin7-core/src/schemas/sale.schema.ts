import { z } from 'zod';
import { guid, list, optBool, optDate, optGuid, optNum, optTimestamp, text } from './primitives.schema.js';

// Sales (reference sec. 5). Status values are kept as strings: Cin7's tables and examples disagree
// (e.g. CombinedInvoiceStatus), and an unknown value must not break reading a sale.

export const saleAddressSchema = z.object({
  ID: optGuid,
  Line1: text,
  Line2: text,
  City: text,
  State: text,
  Postcode: text,
  Country: text,
  Company: text,
  Contact: text,
  ShipToOther: optBool,
  DisplayAddressLine1: text,
  DisplayAddressLine2: text,
});
export type Cin7SaleAddress = z.output<typeof saleAddressSchema>;

export const saleLineSchema = z.object({
  ProductID: optGuid,
  SKU: text,
  Name: text,
  Quantity: optNum,
  Price: optNum,
  /** Percent 0-100. */
  Discount: optNum,
  Tax: optNum,
  TaxRule: text,
  Total: optNum,
  Comment: text,
  AverageCost: optNum,
  DropShip: optBool,
  BackorderQuantity: optNum,
  Backorder: optBool,
});
export type Cin7SaleLine = z.output<typeof saleLineSchema>;

export const additionalChargeSchema = z.object({
  Description: text,
  Price: optNum,
  Quantity: optNum,
  Discount: optNum,
  Tax: optNum,
  TaxRule: text,
  Total: optNum,
  Comment: text,
});
export type Cin7AdditionalCharge = z.output<typeof additionalChargeSchema>;

/** `Order` inside a sale, and the answer of `POST /sale/order` (which also carries SaleID). */
export const saleOrderSchema = z.object({
  SaleID: optGuid,
  SaleOrderNumber: text,
  Memo: text,
  Status: text,
  Lines: list(saleLineSchema),
  AdditionalCharges: list(additionalChargeSchema),
  TotalBeforeTax: optNum,
  Tax: optNum,
  Total: optNum,
});
export type Cin7SaleOrder = z.output<typeof saleOrderSchema>;

export const pickPackLineSchema = z.object({
  ProductID: optGuid,
  SKU: text,
  Name: text,
  Location: text,
  LocationID: optGuid,
  Quantity: optNum,
  BatchSN: text,
  Box: text,
});

export const pickPackSchema = z.object({
  TaskID: optGuid,
  Status: text,
  Lines: list(pickPackLineSchema),
});
export type Cin7PickPack = z.output<typeof pickPackSchema>;

export const shipLineSchema = z.object({
  ID: optGuid,
  ShipmentDate: optDate,
  Carrier: text,
  Boxes: text,
  Box: text,
  TrackingNumber: text,
  TrackingURL: text,
  IsShipped: optBool,
});
export type Cin7ShipLine = z.output<typeof shipLineSchema>;

export const shipSchema = z.object({
  TaskID: optGuid,
  Status: text,
  RequireBy: optDate,
  ShippingAddress: saleAddressSchema.nullish().transform((v) => v ?? null),
  ShippingNotes: text,
  Lines: list(shipLineSchema),
});
export type Cin7Ship = z.output<typeof shipSchema>;

export const fulfilmentSchema = z.object({
  TaskID: guid,
  FulfillmentNumber: optNum,
  LinkedInvoiceNumber: text,
  FulFilmentStatus: text,
  Pick: pickPackSchema.nullish().transform((v) => v ?? null),
  Pack: pickPackSchema.nullish().transform((v) => v ?? null),
  Ship: shipSchema.nullish().transform((v) => v ?? null),
});
export type Cin7Fulfilment = z.output<typeof fulfilmentSchema>;

const nullableDoc = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((v): z.output<T> | null => v ?? null);

/** `GET /sale?ID=` and the answers of `POST /sale` and `DELETE /sale` (BP L20798-21349). */
export const saleSchema = z.object({
  ID: guid,
  Customer: text,
  CustomerID: optGuid,
  Contact: text,
  Phone: text,
  Email: text,
  DefaultAccount: text,
  SkipQuote: optBool,
  BillingAddress: nullableDoc(saleAddressSchema),
  ShippingAddress: nullableDoc(saleAddressSchema),
  ShippingNotes: text,
  BaseCurrency: text,
  CustomerCurrency: text,
  TaxRule: text,
  TaxCalculation: text,
  Terms: text,
  PriceTier: text,
  ShipBy: optDate,
  Location: text,
  SaleOrderDate: optDate,
  LastModifiedOn: optTimestamp,
  Note: text,
  CustomerReference: text,
  COGSAmount: optNum,
  /** `ESTIMATING` ... `COMPLETED`, `VOIDED` (sec. 5.1). */
  Status: text,
  CombinedPickingStatus: text,
  CombinedPackingStatus: text,
  CombinedShippingStatus: text,
  CombinedInvoiceStatus: text,
  CombinedPaymentStatus: text,
  CombinedTrackingNumbers: text,
  FulFilmentStatus: text,
  Carrier: text,
  CurrencyRate: optNum,
  SalesRepresentative: text,
  ServiceOnly: optBool,
  /** `Simple Sale` | `Advanced Sale` | `Service Sale`. */
  Type: text,
  SourceChannel: text,
  ExternalID: text,
  Order: nullableDoc(saleOrderSchema),
  Fulfilments: list(fulfilmentSchema),
});
export type Cin7Sale = z.output<typeof saleSchema>;

/** `GET /saleList` rows (BP L20400-20549). `OrderNumber` equals the sale's `Order.SaleOrderNumber`. */
export const saleListRowSchema = z.object({
  SaleID: guid,
  OrderNumber: text,
  Status: text,
  OrderDate: optDate,
  InvoiceDate: optDate,
  InvoiceDueDate: optDate,
  ShipBy: optDate,
  Customer: text,
  CustomerID: optGuid,
  CustomerReference: text,
  InvoiceNumber: text,
  InvoiceAmount: optNum,
  PaidAmount: optNum,
  SaleInvoicesTotalAmount: optNum,
  BaseCurrency: text,
  CustomerCurrency: text,
  CreditNoteNumber: text,
  Updated: optTimestamp,
  QuoteStatus: text,
  OrderStatus: text,
  CombinedPickingStatus: text,
  CombinedPackingStatus: text,
  CombinedShippingStatus: text,
  FulFilmentStatus: text,
  CombinedInvoiceStatus: text,
  CombinedPaymentStatus: text,
  CombinedPaymentTotal: optNum,
  CreditNoteStatus: text,
  Type: text,
  CombinedTrackingNumbers: text,
  SourceChannel: text,
  ExternalID: text,
  OrderLocationID: optGuid,
});
export type Cin7SaleListRow = z.output<typeof saleListRowSchema>;

export const saleListEnvelope = z.object({
  Total: optNum,
  Page: optNum,
  SaleList: list(saleListRowSchema),
});
