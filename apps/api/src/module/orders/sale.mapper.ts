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
import {
  CENT_TOLERANCE,
  round2,
  round4,
  saleMoney,
  type TaxCalculationMethod,
  type TaxRuleRate,
} from './sale-money.js';
import { fitText, fitWithTail } from './text-limits.js';

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
  | 'location'
  | 'orderingBlockedReason'
  | 'discount'
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
  /** `GET /ref/tax`: every tax rule's rate and inclusiveness (BP L27431-27432). */
  taxRules: TaxRuleRate[];
  /** `GET /me` TaxCalculationMethod (BP L3999). */
  taxCalculationMethod: TaxCalculationMethod;
  /** `GET /me` AutomaticallyApplyDiscounts: Cin7 applies customer discounts on authorisation (BP L4003). */
  autoDiscounts: boolean;
  /**
   * Whether Cin7 has an active service product with the freight setting's name (an additional charge's
   * Description must name one, BP L30711), as last checked; null = never checked.
   */
  freightProduct: { name: string; exists: boolean } | null;
}

/**
 * Stable codes for refusals the supplier can fix (lists such as held orders key on them); other refusals have none.
 */
export type RefusalCode =
  | 'freight-product-missing'
  | 'quantity-below-one'
  | 'tax-rule-unknown'
  | 'mixed-tax-inclusion'
  | 'discount-not-representable'
  | 'totals-do-not-add-up';

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
  | { ok: false; refusal: string; code?: RefusalCode; needsDefaults?: boolean };

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

  // The settings' location wins; else the Cin7 customer's own Location (as Cin7 itself fills a new sale), unless Cin7
  // no longer has it; else Cin7's default location.
  const customerLocation =
    customer.location && (!defaults?.locationNames || hasName(defaults.locationNames, customer.location))
      ? customer.location
      : null;
  const location = settings.location ?? customerLocation ?? defaults?.defaultLocation ?? null;
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

  if (!defaults) return { ok: false, refusal: 'Cin7’s tax rules are not known yet', needsDefaults: true };
  const rules = new Map(defaults.taxRules.map((r) => [r.name.toLowerCase(), r]));
  const ruleNamed = (name: string) => rules.get(name.toLowerCase());

  // Quantities below 1 are refused by Cin7 ("Minimal value is 1", BP L30631): say so before anything is sent.
  const small = order.lines.filter((l) => l.quantity < 1);
  if (small.length > 0) {
    return {
      ok: false,
      code: 'quantity-below-one',
      refusal: `Cin7 needs a quantity of at least 1 on every line: ${small
        .map((l) => `${l.sku} (${l.quantity})`)
        .join(', ')}; change the order in Upstock`,
    };
  }

  // Tax rule: the product's, else the customer's, else Cin7's default sale tax rule.
  const fallbackTaxRule = customer.taxRule ?? defaults.defaultTaxRule ?? null;
  const headerRule = fallbackTaxRule ? ruleNamed(fallbackTaxRule) : undefined;
  // The sale is tax inclusive when its tax rule is (BP L20782, L27431); Upstock prices follow the same convention
  // because they were imported from this tenant's price tiers.
  const inclusive = headerRule?.inclusive ?? false;
  // With AutomaticallyApplyDiscounts on, Cin7 applies the customer's discount when the sale is authorised (BP L4003),
  // and Upstock's prices already include it: each line is sent at the undiscounted price carrying the customer's
  // discount, which Cin7 leaves as it is, so the discount is applied once (README "Discounts").
  const discount = defaults.autoDiscounts ? (customer.discount ?? 0) : 0;

  const lines: Cin7SaleLineInput[] = [];
  let upstockSum = 0;
  for (const line of order.lines) {
    const product = input.products.get(line.productId) as PushProductLink;
    const taxRule = product.saleTaxRule ?? fallbackTaxRule;
    if (!taxRule) {
      return {
        ok: false,
        code: 'tax-rule-unknown',
        refusal: `No tax rule for ${product.sku}: neither the product, the customer nor Cin7 has a default sale tax rule`,
      };
    }
    const rule = ruleNamed(taxRule);
    if (!rule) {
      return {
        ok: false,
        code: 'tax-rule-unknown',
        refusal: `The tax rule "${taxRule}" of ${product.sku} does not exist in Cin7; fix the product or customer in Cin7`,
      };
    }
    if (rule.inclusive !== inclusive) {
      return {
        ok: false,
        code: 'mixed-tax-inclusion',
        refusal: `The tax rule "${rule.name}" of ${product.sku} is tax ${rule.inclusive ? 'inclusive' : 'exclusive'} but the sale’s "${fallbackTaxRule}" is not; Cin7 cannot mix them on one sale`,
      };
    }
    const quantity = round4(line.quantity);
    const upstockTotal = round4(quantity * line.unitPrice);
    upstockSum += upstockTotal;
    const price = discount > 0 ? round4(line.unitPrice / (1 - discount / 100)) : round4(line.unitPrice);
    const total = round4(quantity * price * (1 - discount / 100));
    if (Math.abs(total - upstockTotal) >= CENT_TOLERANCE) {
      return {
        ok: false,
        code: 'discount-not-representable',
        refusal: `Cin7 applies this customer’s ${discount}% discount itself (Automatically apply discounts), and ${product.sku} at ${line.unitPrice} cannot be sent as a Cin7 price less ${discount}% to the cent; turn that Cin7 setting off or adjust the price`,
      };
    }
    lines.push({
      ProductID: product.cin7ProductId,
      SKU: product.sku,
      Name: fitText(product.name, NAME_LIMIT),
      Quantity: quantity,
      Price: price,
      Discount: discount,
      Tax: 0,
      TaxRule: rule.name,
      Total: total,
    });
  }

  const freight = order.freight !== null && order.freight > 0 ? round4(order.freight) : 0;
  const charges: Cin7AdditionalChargeInput[] = [];
  if (freight > 0) {
    if (!fallbackTaxRule || !headerRule) {
      return {
        ok: false,
        code: 'tax-rule-unknown',
        refusal: 'No tax rule for the freight: neither the customer nor Cin7 has a default sale tax rule',
      };
    }
    // An additional charge names a Cin7 service product (BP L30711): refused here, before the header exists.
    const check = defaults.freightProduct;
    if (!check || check.name.toLowerCase() !== settings.freightServiceName.toLowerCase()) {
      return { ok: false, refusal: 'Cin7’s freight service product is not checked yet', needsDefaults: true };
    }
    if (!check.exists) {
      return {
        ok: false,
        code: 'freight-product-missing',
        refusal: `Cin7 has no service product named "${settings.freightServiceName}" for the freight; choose your freight service product in Settings › Integrations › Cin7 Core, then retry`,
      };
    }
    charges.push({
      Description: settings.freightServiceName,
      Quantity: 1,
      Price: freight,
      Discount: 0,
      Tax: 0,
      TaxRule: headerRule.name,
      Total: freight,
    });
  }

  const rows = [...lines, ...charges];
  const money = saleMoney(
    rows,
    (name) => ruleNamed(name)?.percent ?? 0,
    inclusive,
    defaults.taxCalculationMethod,
  );
  rows.forEach((row, i) => {
    row.Tax = money.rowTax[i] ?? 0;
  });
  // The Upstock order's own total, in the same convention, taxed by the same rules: Cin7's Total must equal it.
  const upstock = saleMoney(
    [
      ...order.lines.map((l, i) => ({
        Total: round4(l.quantity * l.unitPrice),
        TaxRule: lines[i]?.TaxRule ?? '',
      })),
      ...charges,
    ],
    (name) => ruleNamed(name)?.percent ?? 0,
    inclusive,
    defaults.taxCalculationMethod,
  );
  if (Math.abs(upstock.total - money.total) >= CENT_TOLERANCE) {
    return {
      ok: false,
      code: 'totals-do-not-add-up',
      refusal: `The Cin7 sale would total ${money.total.toFixed(2)} but the Upstock order totals ${upstock.total.toFixed(2)}; nothing was sent`,
    };
  }

  const reference = fitText(order.reference?.trim() || order.number, REFERENCE_LIMIT);
  const firstComment = order.comments.find((c) => c.trim() !== '')?.trim() ?? null;
  const deliveryInNotes = settings.shipByMode === 'IN_SHIPPING_NOTES' && order.deliveryDate;
  // The comment is cut (with a visible marker) so the delivery date always fits (ShippingNotes 1,024, BP L20780).
  const shippingNotes =
    fitWithTail(firstComment, deliveryInNotes ? `Delivery date: ${order.deliveryDate}` : null, NOTES_LIMIT) ||
    null;
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
    TaxInclusive: inclusive,
    ...(headerRule ? { TaxRule: headerRule.name } : {}),
    BillingAddress: customer.billingAddress ? address(customer.billingAddress) : null,
    ShippingAddress: customer.shippingAddress
      ? {
          ...address(customer.shippingAddress),
          Company: fitText(customer.cin7Name, COMPANY_LIMIT),
          ShipToOther: false,
        }
      : null,
    Note: fitText(noteFor(order.number, tracking), NOTES_LIMIT),
  };

  // Pick/pack/ship steps only exist for Simple sales created Authorised (the settings schema enforces it too).
  const autoSteps = saleType === 'Simple' && settings.saleStatus === 'AUTHORISED';
  const orderBody: Omit<Cin7SaleOrderInput, 'SaleID'> = {
    Memo: fitText(`Upstock order ${order.number}`, NOTES_LIMIT),
    Status: settings.saleStatus,
    ...(autoSteps ? { AutoPickPackShipMode: AUTO_MODES[settings.fulfilmentSteps] } : {}),
    Lines: lines,
    AdditionalCharges: charges,
    TotalBeforeTax: money.totalBeforeTax,
    Tax: money.tax,
    Total: money.total,
  };

  const totals: SentSaleSnapshot['totals'] = {
    lines: round4(upstockSum),
    freight,
    beforeTax: money.totalBeforeTax,
    tax: money.tax,
    total: money.total,
    taxInclusive: inclusive,
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
      tax: money.tax,
      taxInclusive: inclusive,
      total: money.total,
      currency: order.currency,
    },
  };
}

/** Blueprint text limits (BP L20780-20790, L30628, L30620, L30537). */
const NOTES_LIMIT = 1024;
const REFERENCE_LIMIT = 256;
const NAME_LIMIT = 1024;
const COMPANY_LIMIT = 128;

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
 * read-only, BP L30684): the order's tracking travels on the sale's note, labelled as the article names it. Where
 * the creation mode ships the sale, the push also writes the number on the ship lines (ship-tracking.ts).
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

export { round2, round4 };
