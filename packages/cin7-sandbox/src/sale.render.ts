import { orderTotals } from './sale-money.js';
import type { AccountState, SaleLineRecord, SaleRecord } from './store.types.js';
import { formatDateOnly, formatTimestamp } from './wire-format.js';

/**
 * Status and Combined* fields derived from the documents, per reference §5.1. After the shipment is authorised
 * (and with no invoice, which the sandbox does not model) a simple sale reports `SHIPPED`: the docs' table lists no
 * value for that state, so this is the sandbox's reading; clients should look at CombinedShippingStatus.
 */
export function deriveStatus(sale: SaleRecord): string {
  if (sale.voided) return 'VOIDED';
  if (sale.order.Status === 'NOT AVAILABLE')
    return sale.quote.Status === 'DRAFT' ? 'ESTIMATING' : 'ESTIMATED';
  if (sale.order.Status === 'DRAFT') return 'ORDERING';
  const f = sale.fulfilments[0];
  if (sale.Type === 'Simple Sale' && f) {
    if (f.ship.Status === 'AUTHORISED') return 'SHIPPED';
    if (f.ship.Status === 'PARTIALLY AUTHORISED' || f.ship.Status === 'DRAFT') return 'SHIPPING';
    if (f.pack.Status === 'AUTHORISED') return 'PACKED';
    if (f.pack.Status === 'DRAFT') return 'PACKING';
    if (f.pick.Status === 'AUTHORISED') return 'PICKED';
    if (f.pick.Status === 'DRAFT') return 'PICKING';
  }
  return isBackordered(sale) ? 'BACKORDERED' : 'ORDERED';
}

export function isBackordered(sale: SaleRecord): boolean {
  return sale.order.Status === 'AUTHORISED' && sale.order.Lines.some((l) => l.BackorderQuantity > 0);
}

export function combinedStatuses(sale: SaleRecord) {
  const authorised = sale.order.Status === 'AUTHORISED';
  const fs = sale.fulfilments;
  const combine = (stage: 'pick' | 'pack', word: 'PICK' | 'PACK') => {
    if (sale.voided) return 'VOIDED';
    if (!authorised || fs.length === 0) return 'NOT AVAILABLE';
    const done = fs.filter((f) => f[stage].Status === 'AUTHORISED').length;
    if (done === fs.length) return `${word}ED`;
    if (done > 0) return `PARTIALLY ${word}ED`;
    return fs.some((f) => f[stage].Status === 'DRAFT') ? `${word}ING` : `NOT ${word}ED`;
  };
  let shipping = 'NOT AVAILABLE';
  let fulfilment = 'NOT AVAILABLE';
  if (sale.voided) {
    shipping = 'VOIDED';
    fulfilment = 'VOIDED';
  } else if (authorised && fs.length > 0) {
    const shipped = fs.filter((f) => f.ship.Status === 'AUTHORISED').length;
    const partial = fs.some((f) => f.ship.Status === 'PARTIALLY AUTHORISED');
    if (shipped === fs.length) shipping = 'SHIPPED';
    else if (shipped > 0 || partial) shipping = 'PARTIALLY SHIPPED';
    else if (fs.some((f) => f.ship.Status === 'DRAFT')) shipping = 'SHIPPING';
    else shipping = 'NOT SHIPPED';
    fulfilment =
      shipping === 'SHIPPED'
        ? 'FULFILLED'
        : shipping === 'PARTIALLY SHIPPED'
          ? 'PARTIALLY FULFILLED'
          : 'NOT FULFILLED';
  }
  return {
    CombinedPickingStatus: combine('pick', 'PICK'),
    CombinedPackingStatus: combine('pack', 'PACK'),
    CombinedShippingStatus: shipping,
    FulFilmentStatus: fulfilment,
    CombinedInvoiceStatus: sale.voided ? 'VOIDED' : authorised ? 'NOT INVOICED' : 'NOT AVAILABLE',
    CombinedPaymentStatus: sale.voided ? 'VOIDED' : 'UNPAID',
    CreditNoteStatus: 'NOT AVAILABLE',
  };
}

export function trackingNumbers(sale: SaleRecord): string {
  return sale.fulfilments
    .flatMap((f) => f.ship.Lines.map((l) => l.TrackingNumber))
    .filter(Boolean)
    .join(', ');
}

function renderLine(state: AccountState, l: SaleLineRecord) {
  return {
    ...l,
    Backorder: l.BackorderQuantity > 0,
    AverageCost: state.productsById.get(l.ProductID)?.AverageCost ?? 0,
    DropShip: false,
  };
}

export function renderOrder(state: AccountState, sale: SaleRecord) {
  return {
    SaleOrderNumber: sale.order.SaleOrderNumber,
    Memo: sale.order.Memo,
    Status: sale.order.Status,
    Lines: sale.order.Lines.map((l) => renderLine(state, l)),
    AdditionalCharges: sale.order.AdditionalCharges.map((c) => ({ ...c })),
    ...orderTotals(state, sale),
  };
}

/** `GET /sale?ID=` shape (reference §5.5). */
export function renderSale(state: AccountState, sale: SaleRecord) {
  const location = state.locations.find((l) => l.Name === sale.Location);
  return {
    ID: sale.ID,
    Customer: sale.Customer,
    CustomerID: sale.CustomerID,
    Contact: sale.Contact,
    Phone: sale.Phone,
    Email: sale.Email,
    DefaultAccount: '200',
    SkipQuote: sale.SkipQuote,
    BillingAddress: sale.BillingAddress
      ? {
          ...sale.BillingAddress,
          DisplayAddressLine1: sale.BillingAddress.Line1,
          DisplayAddressLine2: sale.BillingAddress.City,
        }
      : null,
    ShippingAddress: sale.ShippingAddress ? { ...sale.ShippingAddress } : null,
    ShippingNotes: sale.ShippingNotes,
    BaseCurrency: sale.BaseCurrency,
    CustomerCurrency: sale.CustomerCurrency,
    TaxRule: sale.TaxRule,
    TaxCalculation: sale.TaxInclusive ? 'Inclusive' : 'Exclusive',
    Terms: sale.Terms,
    PriceTier: sale.PriceTier,
    ShipBy: sale.ShipBy === null ? null : formatDateOnly(sale.ShipBy),
    Location: sale.Location,
    SaleOrderDate: formatDateOnly(sale.SaleOrderDate),
    LastModifiedOn: formatTimestamp(sale.updated),
    Note: sale.Note,
    CustomerReference: sale.CustomerReference,
    COGSAmount: 0,
    Status: deriveStatus(sale),
    ...combinedStatuses(sale),
    CombinedTrackingNumbers: trackingNumbers(sale),
    Carrier: sale.Carrier,
    CurrencyRate: sale.CurrencyRate,
    SalesRepresentative: sale.SalesRepresentative,
    ServiceOnly: false,
    Type: sale.Type,
    SourceChannel: null,
    ExternalID: sale.ExternalID,
    OrderLocationID: location?.ID ?? null,
    Quote: {
      Memo: sale.quote.Memo,
      Status: sale.quote.Status,
      Lines: sale.quote.Lines.map((l) => renderLine(state, l)),
    },
    Order: renderOrder(state, sale),
    Fulfilments: sale.fulfilments.map((f) => ({
      TaskID: f.TaskID,
      FulfillmentNumber: f.FulfillmentNumber,
      LinkedInvoiceNumber: null,
      FulFilmentStatus:
        f.ship.Status === 'AUTHORISED'
          ? 'FULFILLED'
          : f.ship.Status === 'PARTIALLY AUTHORISED'
            ? 'PARTIALLY FULFILLED'
            : 'NOT FULFILLED',
      Pick: { Status: f.pick.Status, Lines: f.pick.Lines.map((l) => ({ ...l })) },
      Pack: { Status: f.pack.Status, Lines: f.pack.Lines.map((l) => ({ ...l })) },
      Ship: {
        Status: f.ship.Status,
        RequireBy: f.ship.RequireBy,
        ShippingAddress: sale.ShippingAddress ? { ...sale.ShippingAddress } : null,
        ShippingNotes: f.ship.ShippingNotes,
        Lines: f.ship.Lines.map((l) => ({ ...l })),
      },
    })),
    Invoices: [],
    CreditNotes: [],
    ManualJournals: { Status: 'NOT AVAILABLE', Lines: [] },
    AdditionalAttributes: {},
    Attachments: [],
    InventoryMovements: [],
    Transactions: [],
  };
}

/** `GET /saleList` row (reference §5.6). */
export function renderSaleListRow(state: AccountState, sale: SaleRecord) {
  const location = state.locations.find((l) => l.Name === sale.Location);
  const statuses = combinedStatuses(sale);
  return {
    SaleID: sale.ID,
    OrderNumber: sale.order.SaleOrderNumber,
    Status: deriveStatus(sale),
    OrderDate: formatDateOnly(sale.SaleOrderDate),
    InvoiceDate: null,
    Customer: sale.Customer,
    CustomerID: sale.CustomerID,
    InvoiceNumber: null,
    CustomerReference: sale.CustomerReference,
    InvoiceAmount: 0,
    PaidAmount: 0,
    SaleInvoicesTotalAmount: 0,
    InvoiceDueDate: null,
    ShipBy: sale.ShipBy === null ? null : formatDateOnly(sale.ShipBy),
    BaseCurrency: sale.BaseCurrency,
    CustomerCurrency: sale.CustomerCurrency,
    CreditNoteNumber: null,
    Updated: formatTimestamp(sale.updated),
    QuoteStatus: sale.quote.Status,
    OrderStatus: sale.order.Status,
    CombinedPickingStatus: statuses.CombinedPickingStatus,
    CombinedPackingStatus: statuses.CombinedPackingStatus,
    CombinedShippingStatus: statuses.CombinedShippingStatus,
    FulFilmentStatus: statuses.FulFilmentStatus,
    CombinedInvoiceStatus: statuses.CombinedInvoiceStatus,
    CombinedPaymentStatus: statuses.CombinedPaymentStatus,
    CombinedPaymentTotal: 0,
    CreditNoteStatus: statuses.CreditNoteStatus,
    RestockStatus: 'NOT AVAILABLE',
    Type: sale.Type,
    CombinedTrackingNumbers: trackingNumbers(sale),
    SourceChannel: null,
    ExternalID: sale.ExternalID,
    OrderLocationID: location?.ID ?? null,
  };
}
