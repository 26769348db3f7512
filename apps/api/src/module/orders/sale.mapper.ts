import type { OrderPreview, Settings } from '@upstock/cin7-contracts';
import type {
  Cin7AdditionalChargeInput,
  Cin7SaleHeaderInput,
  Cin7SaleLineInput,
  Cin7SaleOrderInput,
} from '@upstock/cin7-core';
import type { CustomerLinkEntity, LinkedAddress, ProductLinkEntity } from '../catalog/index.js';
import type { HostOrder } from '../ports/index.js';
import type { SentSaleSnapshot } from './order-push.entity.js';

// The help article's "Sales order details" table and "Integration settings", as one pure function: what a push
// sends is exactly what the preview shows (both call buildSale with the same inputs).

/** Cin7 has no "API Sales" contact of its own; it is the rep Upstock's sales carry when the customer has none. */
export const DEFAULT_SALES_REPRESENTATIVE = 'API Sales';
export const UNLINKED_CUSTOMER_HINT = 'link this customer to a Cin7 customer first';

/** The parts of the links a sale needs (the catalog's entities satisfy these). */
export type PushCustomerLink = Pick<
  CustomerLinkEntity,
  | 'cin7CustomerId'
  | 'cin7Name'
  | 'billingAddress'
  | 'shippingAddress'
  | 'salesRepresentative'
  | 'taxRule'
  | 'orderingBlockedReason'
>;
export type PushProductLink = Pick<ProductLinkEntity, 'cin7ProductId' | 'sku' | 'name' | 'saleTaxRule'>;

/** What Cin7 itself decides when the supplier did not: its default location and default sale tax rule. */
export interface Cin7SaleDefaults {
  /** Cin7's location flagged IsDefault, or null. */
  defaultLocation: string | null;
  /** Every location name Cin7 knows (to catch a setting naming a removed location); null = not known. */
  locationNames: string[] | null;
  /** `GET /me` DefaultSaleTaxRuleName, or null. */
  defaultTaxRule: string | null;
}

export interface SaleMappingInput {
  orderId: string;
  order: HostOrder;
  /** The Upstock customer's name, for messages. */
  customerName: string | null;
  customer: PushCustomerLink | null;
  /** By Upstock product id. */
  products: ReadonlyMap<string, PushProductLink>;
  settings: Settings;
  /** The connection's Cin7 base currency (`GET /me` Currency). */
  baseCurrency: string;
  /** Null when not known yet: only needed if the settings or links leave a gap. */
  defaults: Cin7SaleDefaults | null;
}

export type SaleMapping =
  | { ok: true; snapshot: SentSaleSnapshot; summary: NonNullable<OrderPreview['summary']> }
  | { ok: false; refusal: string; needsDefaults?: boolean };

/** The ExternalID of an order's sale: stable, so the sale can always be found again (saleList?ExternalID=). */
export function externalIdFor(orderId: string): string {
  return `upstock-order:${orderId}`;
}

/**
 * Refusals that need no Cin7 data at all: currency, links, an empty order. Checked first, before any call.
 */
export function refusalBeforeCin7(input: Omit<SaleMappingInput, 'defaults'>): string | null {
  const { order, customer, products, baseCurrency } = input;
  const currency = order.currency.trim().toUpperCase();
  if (currency !== baseCurrency.trim().toUpperCase()) {
    return `Upstock can only create Cin7 sales in your Cin7 base currency, ${baseCurrency}; this order is in ${order.currency}`;
  }
  if (!customer) {
    const who = input.customerName ? `"${input.customerName}"` : 'This order’s customer';
    return `${who} is not linked to a Cin7 customer: ${UNLINKED_CUSTOMER_HINT}`;
  }
  if (customer.orderingBlockedReason) return customer.orderingBlockedReason;
  if (order.lines.length === 0) return 'The order has no lines to send to Cin7';
  const unlinked = order.lines.filter((l) => !products.has(l.productId));
  if (unlinked.length > 0) {
    const names = unlinked.map((l) => `${l.sku} (${l.name})`).join(', ');
    const plural = unlinked.length === 1 ? 'This product is' : 'These products are';
    return `${plural} not linked to a Cin7 product: ${names}; import or link ${unlinked.length === 1 ? 'it' : 'them'} first`;
  }
  return null;
}

/** Builds the two Cin7 calls of a push, or the reason it is refused. Pure: the same inputs give the same sale. */
export function buildSale(input: SaleMappingInput): SaleMapping {
  const early = refusalBeforeCin7(input);
  if (early) return { ok: false, refusal: early };
  const { order, settings, defaults } = input;
  const customer = input.customer as PushCustomerLink;

  const location = settings.location ?? defaults?.defaultLocation ?? null;
  if (!location) {
    if (!defaults)
      return { ok: false, refusal: 'Cin7’s default location is not known yet', needsDefaults: true };
    return {
      ok: false,
      refusal:
        'No Cin7 location for this sale: Cin7 has no default location; choose one in Settings › Integrations › Cin7 Core',
    };
  }
  if (settings.location && defaults?.locationNames && !hasName(defaults.locationNames, settings.location)) {
    return {
      ok: false,
      refusal: `The location "${settings.location}" chosen in Settings › Integrations › Cin7 Core does not exist in Cin7; choose another`,
    };
  }

  // Tax rule: the product's, else the customer's, else Cin7's default sale tax rule.
  const fallbackTaxRule = customer.taxRule ?? defaults?.defaultTaxRule ?? null;
  const lines: Cin7SaleLineInput[] = [];
  for (const line of order.lines) {
    const product = input.products.get(line.productId) as PushProductLink;
    const taxRule = product.saleTaxRule ?? fallbackTaxRule;
    if (!taxRule) {
      if (!defaults)
        return { ok: false, refusal: 'Cin7’s default tax rule is not known yet', needsDefaults: true };
      return {
        ok: false,
        refusal: `No tax rule for ${product.sku}: neither the product, the customer nor Cin7 has a default sale tax rule`,
      };
    }
    const price = round4(line.unitPrice);
    const quantity = round4(line.quantity);
    lines.push({
      ProductID: product.cin7ProductId,
      SKU: product.sku,
      Name: product.name,
      Quantity: quantity,
      Price: price,
      Discount: 0,
      TaxRule: taxRule,
      Total: round4(quantity * price),
    });
  }

  const freight = order.freight !== null && order.freight > 0 ? round4(order.freight) : 0;
  const charges: Cin7AdditionalChargeInput[] = [];
  if (freight > 0) {
    if (!fallbackTaxRule) {
      if (!defaults)
        return { ok: false, refusal: 'Cin7’s default tax rule is not known yet', needsDefaults: true };
      return {
        ok: false,
        refusal: 'No tax rule for the freight: neither the customer nor Cin7 has a default sale tax rule',
      };
    }
    charges.push({
      Description: settings.freightServiceName,
      Quantity: 1,
      Price: freight,
      Discount: 0,
      TaxRule: fallbackTaxRule,
      Total: freight,
    });
  }

  const reference = order.reference?.trim() || order.number;
  const firstComment = order.comments.find((c) => c.trim() !== '')?.trim() ?? null;
  const deliveryInNotes = settings.shipByMode === 'IN_SHIPPING_NOTES' && order.deliveryDate;
  const shippingNotes =
    [firstComment, deliveryInNotes ? `Delivery date: ${order.deliveryDate}` : null]
      .filter(Boolean)
      .join('\n') || null;
  const tracking = trackingOf(order.tracking);
  const saleType = settings.saleType === 'ADVANCED' ? 'Advanced' : 'Simple';

  const header: Cin7SaleHeaderInput = {
    CustomerID: customer.cin7CustomerId,
    SkipQuote: true,
    SaleType: saleType,
    Location: location,
    ExternalID: externalIdFor(input.orderId),
    CustomerReference: reference,
    SaleOrderDate: order.orderDate,
    ShipBy: settings.shipByMode === 'DELIVERY_DATE' ? order.deliveryDate : null,
    ShippingNotes: shippingNotes,
    SalesRepresentative: customer.salesRepresentative?.trim() || DEFAULT_SALES_REPRESENTATIVE,
    TaxInclusive: false,
    ...(fallbackTaxRule ? { TaxRule: fallbackTaxRule } : {}),
    BillingAddress: customer.billingAddress ? address(customer.billingAddress) : null,
    ShippingAddress: customer.shippingAddress
      ? { ...address(customer.shippingAddress), Company: customer.cin7Name, ShipToOther: false }
      : null,
    Note: noteFor(order.number, tracking),
  };

  // Pick/pack/ship steps only exist for Simple sales created Authorised (the settings schema enforces it too).
  const autoSteps = saleType === 'Simple' && settings.saleStatus === 'AUTHORISED';
  const orderBody: Omit<Cin7SaleOrderInput, 'SaleID'> = {
    Status: settings.saleStatus,
    ...(autoSteps ? { AutoPickPackShipMode: AUTO_MODES[settings.fulfilmentSteps] } : {}),
    Lines: lines,
    AdditionalCharges: charges,
  };

  const linesTotal = round4(lines.reduce((sum, l) => sum + l.Total, 0));
  const totals = {
    lines: linesTotal,
    freight,
    total: round4(linesTotal + freight),
    currency: order.currency,
  };
  return {
    ok: true,
    snapshot: { header, order: orderBody, totals, tracking },
    summary: {
      customer: customer.cin7Name,
      reference,
      location,
      status: settings.saleStatus,
      type: saleType,
      lines: lines.map((l) => ({
        sku: l.SKU ?? '',
        name: l.Name,
        quantity: l.Quantity,
        price: l.Price,
        total: l.Total,
        taxRule: l.TaxRule,
      })),
      freight,
      total: totals.total,
      currency: order.currency,
    },
  };
}

const AUTO_MODES = {
  NONE: 'NOPICK',
  PICK: 'AUTOPICK',
  PICK_PACK: 'AUTOPICKPACK',
  PICK_PACK_SHIP: 'AUTOPICKPACKSHIP',
} as const satisfies Record<Settings['fulfilmentSteps'], string>;

/** "If the Tracking field in Upstock contains a link, the Tracking URL ... otherwise the Tracking Number". */
export function trackingOf(value: string | null): SentSaleSnapshot['tracking'] {
  const text = value?.trim();
  if (!text) return null;
  return /^https?:\/\/\S+$/i.test(text)
    ? { trackingNumber: null, trackingUrl: text }
    : { trackingNumber: text, trackingUrl: null };
}

/**
 * Cin7 holds tracking only on a shipment, which does not exist when a sale is created (and its TrackingURL is
 * read-only, reference §5.4): the order's tracking travels on the sale's note, labelled as the article names it.
 */
function noteFor(orderNumber: string, tracking: SentSaleSnapshot['tracking']): string {
  const parts = [`Upstock order ${orderNumber}`];
  if (tracking?.trackingUrl) parts.push(`Tracking URL: ${tracking.trackingUrl}`);
  if (tracking?.trackingNumber) parts.push(`Tracking number: ${tracking.trackingNumber}`);
  return parts.join('\n');
}

function address(a: LinkedAddress) {
  return {
    Line1: a.line1,
    Line2: a.line2,
    City: a.city,
    State: a.state,
    Postcode: a.postcode,
    Country: a.country,
  };
}

function hasName(names: readonly string[], name: string): boolean {
  return names.some((n) => n.toLowerCase() === name.toLowerCase());
}

export function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
