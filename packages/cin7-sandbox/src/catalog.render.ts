import type { AccountState, AttachmentRecord, CustomerRecord, ProductRecord } from './store.types.js';
import { formatTimestamp } from './wire-format.js';

/** Renders stored records in Cin7's wire shape (reference §3, §4). */

export function renderCustomer(state: AccountState, c: CustomerRecord, includeProductPrices: boolean) {
  const out: Record<string, unknown> = {
    ID: c.ID,
    Name: c.Name,
    DisplayName: c.DisplayName,
    Currency: c.Currency,
    PaymentTerm: c.PaymentTerm,
    Discount: c.Discount,
    TaxRule: c.TaxRule,
    Carrier: c.Carrier,
    SalesRepresentative: c.SalesRepresentative,
    Location: c.Location,
    Comments: c.Comments,
    AccountReceivable: '610',
    RevenueAccount: '200',
    PriceTier: c.PriceTier,
    TaxNumber: c.TaxNumber,
    ...additionalAttributes(),
    AttributeSet: null,
    Tags: c.Tags,
    Status: c.Status,
    CreditLimit: c.CreditLimit,
    IsOnCreditHold: c.IsOnCreditHold,
    IsLegalEntity: true,
    CustomerParentID: null,
    CustomerParentName: null,
    IsBillParent: false,
    LastModifiedOn: formatTimestamp(c.lastModified),
    Addresses: c.Addresses.map((a) => ({ ...a })),
    Contacts: c.Contacts.map((k) => ({
      ...k,
      Fax: null,
      Website: null,
      Comment: null,
      MarketingConsent: 1,
    })),
    ChildCustomers: [],
  };
  if (includeProductPrices) {
    out.ProductPrices = state.customPrices
      .filter((p) => p.CustomerID === c.ID)
      .map((p) => {
        const product = state.productsById.get(p.ProductID);
        return {
          ProductID: p.ProductID,
          ProductName: product?.Name ?? '',
          ProductSKU: product?.SKU ?? '',
          Price: p.Price,
        };
      });
  }
  return out;
}

function additionalAttributes(): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 1; i <= 10; i++) out[`AdditionalAttribute${i}`] = '';
  return out;
}

export function attachmentUrl(publicUrl: string, a: AttachmentRecord): string {
  return `${publicUrl}/attachments/${a.ID}?ContentType=${encodeURIComponent(a.ContentType)}&FileName=${encodeURIComponent(a.FileName)}&isPublic=True`;
}

export interface ProductRenderOptions {
  includeAttachments: boolean;
  includeCustomPrices: boolean;
  publicUrl: string;
}

export function renderProduct(state: AccountState, p: ProductRecord, opts: ProductRenderOptions) {
  const tiers: Record<string, number> = {};
  const priceTiers: Record<string, number> = {};
  p.prices.forEach((price, i) => {
    tiers[`PriceTier${i + 1}`] = price;
    priceTiers[state.priceTierNames[i] ?? `Tier ${i + 1}`] = price;
  });
  const out: Record<string, unknown> = {
    ID: p.ID,
    SKU: p.SKU,
    Name: p.Name,
    Category: p.Category,
    Brand: p.Brand,
    Type: p.Type,
    CostingMethod: 'FIFO',
    DropShipMode: 'No Drop Ship',
    DefaultLocation: p.DefaultLocation,
    Length: 0,
    Width: 0,
    Height: 0,
    Weight: p.Weight,
    CartonHeight: 0,
    CartonWidth: 0,
    CartonLength: 0,
    CartonQuantity: 0,
    CartonInnerQuantity: 0,
    WeightUnits: 'kg',
    DimensionsUnits: 'cm',
    Barcode: p.Barcode,
    MinimumBeforeReorder: 0,
    ReorderQuantity: 0,
    ...tiers,
    PriceTiers: priceTiers,
    PurchaseTaxRule: null,
    SaleTaxRule: p.SaleTaxRule,
    Status: p.Status,
    UOM: p.UOM,
    AverageCost: p.AverageCost,
    ShortDescription: p.ShortDescription,
    Description: p.Description,
    InternalNote: p.InternalNote,
    DiscountRule: p.DiscountRule,
    Tags: p.Tags,
    Sellable: true,
    AttributeSet: null,
    ...additionalAttributes(),
    LastModifiedOn: formatTimestamp(p.lastModified),
  };
  if (opts.includeAttachments) {
    out.Attachments = p.attachments.map((a) => ({
      ID: a.ID,
      ContentType: a.ContentType,
      IsDefault: a.IsDefault,
      FileName: a.FileName,
      DownloadUrl: attachmentUrl(opts.publicUrl, a),
    }));
  }
  if (opts.includeCustomPrices) {
    // Live data shows customer fields on the product side (reference §4.3, AB schema), not BP's product fields.
    out.CustomPrices = state.customPrices
      .filter((cp) => cp.ProductID === p.ID)
      .map((cp) => {
        const customer = state.customersById.get(cp.CustomerID);
        return {
          CustomerID: cp.CustomerID,
          CustomerName: customer?.Name ?? '',
          CustomerCurrency: customer?.Currency ?? state.me.Currency,
          Price: cp.Price,
        };
      });
  }
  return out;
}
