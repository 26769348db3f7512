import { stableGuid } from './prng.js';
import { seedStock } from './stock.model.js';
import type {
  AccountState,
  AddressRecord,
  ContactRecord,
  CustomerRecord,
  ProductRecord,
} from './store.types.js';

export interface AddressSpec {
  type: AddressRecord['Type'];
  line1: string;
  city: string;
  postcode: string;
  isDefault?: boolean;
}

export interface ContactSpec {
  name: string;
  email: string | null;
  phone?: string;
  isDefault?: boolean;
}

export interface CustomerSpec {
  key: string;
  name: string;
  currency: string;
  country: string;
  tier?: string;
  discount?: number;
  rep?: string;
  deprecated?: boolean;
  taxRule?: string;
  tags?: string;
  addresses: AddressSpec[];
  contacts: ContactSpec[];
  lastModified: number;
}

export function buildCustomer(spec: CustomerSpec): CustomerRecord {
  return {
    ID: stableGuid(`${spec.key}`),
    Name: spec.name,
    DisplayName: spec.name.replace(/ (Ltd|Pty Ltd|Limited)$/, ''),
    Status: spec.deprecated ? 'Deprecated' : 'Active',
    Currency: spec.currency,
    PaymentTerm: '20th of following month',
    TaxRule: spec.taxRule ?? 'GST on Income',
    PriceTier: spec.tier ?? 'Retail',
    Carrier: '',
    SalesRepresentative: spec.rep ?? '',
    Location: 'Main Warehouse',
    Discount: spec.discount ?? 0,
    Comments: '',
    TaxNumber: '',
    CreditLimit: 0,
    IsOnCreditHold: false,
    Tags: spec.tags ?? '',
    lastModified: spec.lastModified,
    Addresses: spec.addresses.map(
      (a, i): AddressRecord => ({
        ID: stableGuid(`${spec.key}/address/${i}`),
        Line1: a.line1,
        Line2: '',
        City: a.city,
        State: '',
        Postcode: a.postcode,
        Country: spec.country,
        Type: a.type,
        DefaultForType: a.isDefault ?? false,
      }),
    ),
    Contacts: spec.contacts.map(
      (c, i): ContactRecord => ({
        ID: stableGuid(`${spec.key}/contact/${i}`),
        Name: c.name,
        JobTitle: null,
        Phone: c.phone ?? null,
        MobilePhone: null,
        Email: c.email,
        Default: c.isDefault ?? false,
        IncludeInEmail: true,
      }),
    ),
  };
}

export interface ProductSpec {
  key: string;
  sku: string;
  name: string;
  category: string;
  brand: string;
  tier1: number;
  type?: ProductRecord['Type'];
  deprecated?: boolean;
  description?: string;
  discountRule?: string | null;
  /** Extra, non-default attachments (a care sheet) besides the default image. */
  withCareSheet?: boolean;
  noImage?: boolean;
  hue: number;
  lastModified: number;
}

/** Tier prices derived from Tier 1 the way suppliers usually set them: wholesale below retail, some unset. */
export function tierPrices(tier1: number): number[] {
  const r = (x: number) => Math.round(x * 100) / 100;
  return [tier1, r(tier1 * 0.8), r(tier1 * 0.7), r(tier1 * 0.75), 0, 0, 0, 0, 0, r(tier1 * 0.9)];
}

export function buildProduct(spec: ProductSpec): ProductRecord {
  const attachments: ProductRecord['attachments'] = [];
  if (!spec.noImage) {
    attachments.push({
      ID: stableGuid(`${spec.key}/attachment/image`),
      ContentType: 'image/png',
      FileName: `${spec.sku.toLowerCase()}.png`,
      IsDefault: true,
      hue: spec.hue,
    });
  }
  if (spec.withCareSheet) {
    attachments.push({
      ID: stableGuid(`${spec.key}/attachment/care`),
      ContentType: 'text/plain',
      FileName: 'care-instructions.txt',
      IsDefault: false,
      hue: spec.hue,
    });
  }
  const type = spec.type ?? 'Stock';
  return {
    ID: stableGuid(spec.key),
    SKU: spec.sku,
    Name: spec.name,
    Barcode: '',
    Category: spec.category,
    Brand: spec.brand,
    Type: type,
    Status: spec.deprecated ? 'Deprecated' : 'Active',
    UOM: 'Item',
    ShortDescription: '',
    Description: spec.description ?? `<p>${spec.name}.</p>`,
    InternalNote: '',
    prices: tierPrices(spec.tier1),
    AverageCost: Math.round(spec.tier1 * 45) / 100,
    Weight: 1,
    Tags: '',
    DiscountRule: spec.discountRule ?? null,
    SaleTaxRule: null,
    DefaultLocation: 'Main Warehouse',
    attachments,
    lastModified: spec.lastModified,
  };
}

export function addCustomer(state: AccountState, customer: CustomerRecord): void {
  state.customers.push(customer);
  state.customersById.set(customer.ID, customer);
}

/** Adds a product with its stock rows (see seedStock: `onHand` in the default location, null = never stocked). */
export function addProduct(state: AccountState, product: ProductRecord, onHand: number | null = 100): void {
  state.products.push(product);
  state.productsById.set(product.ID, product);
  seedStock(state, product, state.products.length - 1, onHand);
}
