// What the client sends to Cin7's sale endpoints (reference sec. 5.2-5.4). PascalCase as in Cin7's docs.
// Reference data (tax rule, terms, tier, location, carrier, rep) goes by Name; customers and products by ID.

/** A calendar date, `'YYYY-MM-DD'`. */
export type Cin7DateString = string;

export interface Cin7AddressInput {
  ID?: string;
  Line1: string;
  Line2?: string | null;
  City?: string | null;
  State?: string | null;
  Postcode?: string | null;
  Country: string;
}

export interface Cin7ShippingAddressInput extends Cin7AddressInput {
  Company?: string | null;
  Contact?: string | null;
  /** false: Cin7 adds the address to the customer when no customer address has the same Line1. */
  ShipToOther?: boolean;
}

/** `POST /sale`: the header. Cin7 defaults TaxRule, Terms and PriceTier from the customer (H2). */
export interface Cin7SaleHeaderInput {
  CustomerID?: string;
  /** Customer name; one of CustomerID or Customer is required. */
  Customer?: string;
  Contact?: string | null;
  Phone?: string | null;
  Email?: string | null;
  DefaultAccount?: string | null;
  /** true: straight to the order stage. */
  SkipQuote?: boolean;
  BillingAddress?: Cin7AddressInput | null;
  ShippingAddress?: Cin7ShippingAddressInput | null;
  ShippingNotes?: string | null;
  TaxRule?: string | null;
  TaxInclusive?: boolean;
  Terms?: string | null;
  PriceTier?: string | null;
  ShipBy?: Cin7DateString | null;
  /** Required by Cin7: the default pick location, by name. */
  Location: string;
  SaleOrderDate?: Cin7DateString | null;
  Note?: string | null;
  /** The customer's PO number; duplicates are allowed. */
  CustomerReference?: string | null;
  SalesRepresentative?: string | null;
  Carrier?: string | null;
  /** Base units per 1 customer-currency unit (5 dp); required when the currencies differ. */
  CurrencyRate?: number;
  /** API-only reference, filterable on saleList: our dedupe key. */
  ExternalID?: string | null;
  /** `Simple` (default) or `Advanced`; only on POST /sale. */
  SaleType?: 'Simple' | 'Advanced';
}

export interface Cin7SaleLineInput {
  ProductID: string;
  SKU?: string;
  Name: string;
  Quantity: number;
  /** Per unit, in customer currency, 4 dp. */
  Price: number;
  /** Percent 0-100, 2 dp. */
  Discount?: number;
  /** Required (BP L30634): the row's tax by its tax rule and the tenant's TaxCalculationMethod, 4 dp. */
  Tax: number;
  /** Required (BP L30636), at most 50 characters. */
  TaxRule: string;
  /** For validation: Quantity x Price x (1 - Discount/100), 4 dp. */
  Total: number;
  Comment?: string | null;
  DropShip?: boolean;
}

export interface Cin7AdditionalChargeInput {
  /** "Name of Service Product referenced by this Line" (BP L30711): must exist in Cin7 as a service product. */
  Description: string;
  Price: number;
  Quantity: number;
  Discount?: number;
  /** Required (BP L30714). */
  Tax: number;
  /** Required (BP L30716). */
  TaxRule: string;
  Total: number;
  Comment?: string | null;
}

export type Cin7AutoPickPackShipMode = 'NOPICK' | 'AUTOPICK' | 'AUTOPICKPACK' | 'AUTOPICKPACKSHIP';

/** `POST /sale/order`: replaces the order's lines and charges (send the full set every time). */
export interface Cin7SaleOrderInput {
  SaleID: string;
  /** Required (BP L30618), at most 1,024 characters. */
  Memo: string;
  Status: 'DRAFT' | 'AUTHORISED';
  /** Only applies to Simple sales with no backorder, when the order becomes AUTHORISED. Default NOPICK. */
  AutoPickPackShipMode?: Cin7AutoPickPackShipMode;
  Lines: Cin7SaleLineInput[];
  AdditionalCharges?: Cin7AdditionalChargeInput[];
  /** Required (BP L30622-30624): Σ rows without tax, Σ row taxes, and Σ rows with tax. */
  TotalBeforeTax: number;
  Tax: number;
  Total: number;
}

export interface Cin7PickLineInput {
  ProductID?: string;
  SKU?: string;
  Name?: string;
  Location?: string;
  LocationID?: string;
  Quantity: number;
  BatchSN?: string | null;
  ExpiryDate?: Cin7DateString | null;
}

/** `POST /sale/fulfilment/pick`. `AutoPickMode: 'AUTOPICK'` picks everything and authorises. */
export interface Cin7PickInput {
  TaskID: string;
  Status?: 'DRAFT' | 'AUTHORISED';
  AutoPickMode?: 'AUTOPICK';
  Lines?: Cin7PickLineInput[];
}

export interface Cin7PackLineInput extends Cin7PickLineInput {
  Box: string;
  WarrantyRegistrationNumber?: string | null;
}

/** `POST /sale/fulfilment/pack`: requires an authorised pick. */
export interface Cin7PackInput {
  TaskID: string;
  Status?: 'DRAFT' | 'AUTHORISED';
  Lines?: Cin7PackLineInput[];
}

export interface Cin7ShipLineInput {
  ShipmentDate: Cin7DateString;
  Carrier?: string | null;
  Box?: string | null;
  TrackingNumber?: string | null;
  IsShipped?: boolean;
}

/**
 * `POST /sale/fulfilment/ship`; with `AddTrackingNumbers: true` the client sends PUT, Cin7's way to change a
 * tracking number or carrier after authorisation.
 */
export interface Cin7ShipInput {
  TaskID: string;
  Status?: 'DRAFT' | 'PARTIALLY AUTHORISED' | 'AUTHORISED';
  RequireBy?: Cin7DateString | null;
  ShippingAddress?: Cin7ShippingAddressInput | null;
  ShippingNotes?: string | null;
  AddTrackingNumbers?: boolean;
  Lines?: Cin7ShipLineInput[];
}

export interface Cin7WebhookInput {
  /** e.g. `Sale/ShipmentAuthorised`. */
  Type: string;
  ExternalURL: string;
  IsActive?: boolean;
  ExternalAuthorizationType?: 'noauth' | 'basicauth' | 'bearerauth';
  ExternalUserName?: string;
  ExternalPassword?: string;
  ExternalBearerToken?: string;
  ExternalHeaders?: Array<{ Key: string; Value: string }>;
}
