import type { DemoAccount } from './demo-accounts.js';

/**
 * The sandbox's own model of one Cin7 account. Field names follow Cin7's wire format (reference §3-§7) so the
 * renderers stay thin; timestamps are kept as epoch ms and rendered the Cin7 way at the edge.
 * Deliberately independent of the typed client in `src/`: drift between the two must show up in tests.
 */

export interface TaxRuleRecord {
  ID: string;
  Name: string;
  Account: string;
  IsActive: boolean;
  TaxInclusive: boolean;
  TaxPercent: number;
  IsTaxForSale: boolean;
  IsTaxForPurchase: boolean;
}

export interface LocationRecord {
  ID: string;
  Name: string;
  IsDefault: boolean;
  IsDeprecated: boolean;
  AddressLine1: string;
  AddressCitySuburb: string;
  AddressPostCode: string;
  AddressCountry: string;
}

export interface CarrierRecord {
  CarrierID: string;
  Description: string;
}

export interface PaymentTermRecord {
  ID: string;
  Name: string;
  Duration: number;
  Method: string;
  IsActive: boolean;
  IsDefault: boolean;
}

export interface MeContactRecord {
  ID: string;
  Type: 'Billing' | 'Business' | 'Sale' | 'Shipping' | 'Employee';
  Name: string;
  JobTitle: string | null;
  Phone: string | null;
  Email: string | null;
  Default: boolean;
}

export interface AddressRecord {
  ID: string;
  Line1: string;
  Line2: string;
  City: string;
  State: string;
  Postcode: string;
  Country: string;
  Type: 'Billing' | 'Business' | 'Shipping';
  DefaultForType: boolean;
}

export interface ContactRecord {
  ID: string;
  Name: string;
  JobTitle: string | null;
  Phone: string | null;
  MobilePhone: string | null;
  Email: string | null;
  Default: boolean;
  IncludeInEmail: boolean;
}

export interface CustomerRecord {
  ID: string;
  Name: string;
  DisplayName: string;
  Status: 'Active' | 'Deprecated';
  Currency: string;
  PaymentTerm: string;
  TaxRule: string;
  PriceTier: string;
  Carrier: string;
  SalesRepresentative: string;
  Location: string;
  Discount: number;
  Comments: string;
  TaxNumber: string;
  CreditLimit: number;
  IsOnCreditHold: boolean;
  Tags: string;
  lastModified: number;
  Addresses: AddressRecord[];
  Contacts: ContactRecord[];
}

export interface AttachmentRecord {
  ID: string;
  ContentType: 'image/png' | 'image/svg+xml' | 'text/plain';
  FileName: string;
  IsDefault: boolean;
  /** Drives the generated image's colour so different products get visibly different pictures. */
  hue: number;
}

export interface ProductRecord {
  ID: string;
  SKU: string;
  Name: string;
  Barcode: string;
  Category: string;
  Brand: string;
  Type: 'Stock' | 'Service';
  Status: 'Active' | 'Deprecated';
  UOM: string;
  ShortDescription: string;
  Description: string;
  InternalNote: string;
  /** PriceTier1..PriceTier10, index 0 = tier code 1. */
  prices: number[];
  AverageCost: number;
  Weight: number;
  Tags: string;
  DiscountRule: string | null;
  SaleTaxRule: string | null;
  DefaultLocation: string;
  attachments: AttachmentRecord[];
  lastModified: number;
}

/**
 * One row of `ref/productavailability` (BP L6121-6139): stock of a product in one location, bin and batch.
 * `Available` is derived (OnHand - Allocated); Service products have no rows (Cin7 does not track them).
 */
export interface StockRowRecord {
  ProductID: string;
  Location: string;
  Bin: string | null;
  Batch: string | null;
  ExpiryDate: number | null;
  OnHand: number;
  Allocated: number;
  OnOrder: number;
  InTransit: number;
  NextDeliveryDate: number | null;
}

export interface CustomPriceRecord {
  CustomerID: string;
  ProductID: string;
  Price: number;
}

export interface DiscountLineRecord {
  ID: string;
  MinValue: number;
  MaxValue: number;
  DiscountType: 'DiscountAmount' | 'DiscountPercent' | 'PriceOverride' | 'FlatAmount';
  Amount: number;
  OrderExceeds: number;
}

export interface DiscountRuleRecord {
  ID: string;
  Name: string;
  IsActive: boolean;
  Type: 'Simple' | 'QuantityBased' | 'FreeShipping';
  DiscountLines: DiscountLineRecord[];
}

export interface DealRecord {
  ID: string;
  Name: string;
  DateFrom: string;
  DateTo: string;
  IsActive: boolean;
  AllowCoupons: boolean;
  SingleCouponCodeUsage: boolean;
  CustomersGroup: 'All' | 'B2B' | 'POS' | 'Specified' | 'CustomerTags';
  CouponCodes: string[];
  DealCustomers: { CustomerID: string; CustomerName: string }[];
  DealCustomerTags: string[];
  DealDiscounts: {
    DiscountID: string;
    DiscountName: string;
    DiscountType: string;
    Sequence: number;
    IsOrderLevel: boolean;
    DiscountValue: number;
    DealDiscountProducts: { ProductID: string; SKU: string; Name: string }[];
  }[];
}

export interface SaleLineRecord {
  ProductID: string;
  SKU: string;
  Name: string;
  Quantity: number;
  Price: number;
  Discount: number;
  Tax: number;
  TaxRule: string;
  Total: number;
  Comment: string;
  BackorderQuantity: number;
}

export interface AdditionalChargeRecord {
  Description: string;
  Quantity: number;
  Price: number;
  Discount: number;
  Tax: number;
  TaxRule: string;
  Total: number;
  Comment: string;
}

export type DocStatus = 'NOT AVAILABLE' | 'DRAFT' | 'AUTHORISED' | 'VOIDED';
export type ShipStatus = DocStatus | 'PARTIALLY AUTHORISED';

export interface FulfilmentLineRecord {
  ProductID: string;
  SKU: string;
  Name: string;
  Location: string;
  Quantity: number;
  Box: string;
}

export interface ShipLineRecord {
  ID: string;
  ShipmentDate: string;
  Carrier: string;
  Boxes: string;
  TrackingNumber: string;
  TrackingURL: string;
  IsShipped: boolean;
}

export interface FulfilmentRecord {
  TaskID: string;
  FulfillmentNumber: number;
  pick: { Status: DocStatus; Lines: FulfilmentLineRecord[] };
  pack: { Status: DocStatus; Lines: FulfilmentLineRecord[] };
  ship: {
    Status: ShipStatus;
    RequireBy: string | null;
    ShippingNotes: string;
    Lines: ShipLineRecord[];
  };
}

export interface SaleAddress {
  Line1: string;
  Line2: string;
  City: string;
  State: string;
  Postcode: string;
  Country: string;
  Company?: string;
  Contact?: string;
  ShipToOther?: boolean;
}

export interface SaleRecord {
  ID: string;
  CustomerID: string;
  Customer: string;
  Contact: string;
  Phone: string;
  Email: string;
  SkipQuote: boolean;
  BillingAddress: SaleAddress | null;
  ShippingAddress: SaleAddress | null;
  ShippingNotes: string;
  BaseCurrency: string;
  CustomerCurrency: string;
  TaxRule: string;
  TaxInclusive: boolean;
  Terms: string;
  PriceTier: string;
  ShipBy: number | null;
  Location: string;
  LocationID: string;
  SaleOrderDate: number;
  Note: string;
  CustomerReference: string;
  SalesRepresentative: string;
  Carrier: string;
  CurrencyRate: number;
  ExternalID: string | null;
  Type: 'Simple Sale' | 'Advanced Sale';
  created: number;
  updated: number;
  voided: boolean;
  quote: { Status: DocStatus; Memo: string; Lines: SaleLineRecord[] };
  order: {
    SaleOrderNumber: string;
    Memo: string;
    Status: DocStatus;
    Lines: SaleLineRecord[];
    AdditionalCharges: AdditionalChargeRecord[];
  };
  fulfilments: FulfilmentRecord[];
}

export interface WebhookRecord {
  ID: string;
  Type: string;
  Name: string;
  IsActive: boolean;
  ExternalURL: string;
  ExternalAuthorizationType: 'noauth' | 'basicauth' | 'bearerauth';
  ExternalUserName: string | null;
  ExternalPassword: string | null;
  ExternalBearerToken: string | null;
  ExternalHeaders: { Key: string; Value: string }[];
}

export interface MeRecord {
  Company: string;
  Currency: string;
  TimeZone: string;
  DefaultWeightUnits: string;
  DefaultDimensionsUnits: string;
  LockDate: string | null;
  OpeningBalanceDate: string;
  TaxCalculationMethod: 'Row Total' | 'Total';
  DefaultSaleTaxRuleId: string;
  DefaultSaleTaxRuleName: string;
  MaximumDecimalPlacesInQuantity: string;
  ApplyCustomerDiscountsAfterOtherDiscounts: boolean;
  DiscountRule: 'Discount' | 'Price';
  AutomaticallyApplyDiscounts: boolean;
  RoundingTable: never[];
}

export interface AccountState {
  account: DemoAccount;
  me: MeRecord;
  /** Ten names, index 0 = tier code 1 (renamable, like General Settings in Cin7). */
  priceTierNames: string[];
  taxRules: TaxRuleRecord[];
  locations: LocationRecord[];
  carriers: CarrierRecord[];
  paymentTerms: PaymentTermRecord[];
  contacts: MeContactRecord[];
  customers: CustomerRecord[];
  customersById: Map<string, CustomerRecord>;
  products: ProductRecord[];
  productsById: Map<string, ProductRecord>;
  /** Availability rows in a stable order (`ref/productavailability` pages through them). */
  stock: StockRowRecord[];
  customPrices: CustomPriceRecord[];
  discountRules: DiscountRuleRecord[];
  deals: DealRecord[];
  sales: SaleRecord[];
  salesById: Map<string, SaleRecord>;
  webhooks: WebhookRecord[];
  nextOrderNumber: number;
}
