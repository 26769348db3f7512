import type { z } from 'zod';
import type { Cin7Transport } from '../http/transport.js';
import {
  type Cin7Carrier,
  type Cin7Deal,
  type Cin7DiscountRule,
  type Cin7Location,
  type Cin7PaymentTerm,
  type Cin7PriceTier,
  type Cin7TaxRule,
  carrierEnvelope,
  dealEnvelope,
  discountRuleEnvelope,
  locationEnvelope,
  paymentTermEnvelope,
  priceTierEnvelope,
  taxRuleEnvelope,
} from '../schemas/reference.schema.js';
import { type ListSpec, listAll } from './list-page.js';

// Reference books have no since-filter (HV sync.md) and are small: each method reads every page.

const taxRules: ListSpec<z.output<typeof taxRuleEnvelope>, Cin7TaxRule> = {
  path: 'ref/tax',
  envelope: taxRuleEnvelope,
  read: (e) => ({ Total: e.Total, Page: e.Page, items: e.TaxRuleList }),
};
const locations: ListSpec<z.output<typeof locationEnvelope>, Cin7Location> = {
  path: 'ref/location',
  envelope: locationEnvelope,
  read: (e) => ({ Total: e.Total, Page: e.Page, items: e.LocationList }),
};
const carriers: ListSpec<z.output<typeof carrierEnvelope>, Cin7Carrier> = {
  path: 'ref/carrier',
  envelope: carrierEnvelope,
  read: (e) => ({ Total: e.Total, Page: e.Page, items: e.CarrierList }),
};
const paymentTerms: ListSpec<z.output<typeof paymentTermEnvelope>, Cin7PaymentTerm> = {
  path: 'ref/paymentterm',
  envelope: paymentTermEnvelope,
  read: (e) => ({ Total: e.Total, Page: e.Page, items: e.PaymentTermList }),
};
const discountRules: ListSpec<z.output<typeof discountRuleEnvelope>, Cin7DiscountRule> = {
  path: 'reference/discount',
  envelope: discountRuleEnvelope,
  read: (e) => ({ Total: e.Total, Page: e.Page, items: e.DiscountRules }),
};
const deals: ListSpec<z.output<typeof dealEnvelope>, Cin7Deal> = {
  path: 'reference/deals',
  envelope: dealEnvelope,
  read: (e) => ({ Total: e.Total, Page: e.Page, items: e.Deals }),
};

/**
 * Discounts and deals default to 25 a page (BP L18940, L19444) and their maximum is undocumented, so they are read
 * at 100: a few more calls on a big book, no risk of a refused Limit.
 */
const DISCOUNT_AND_DEAL_LIMIT = 100;

export class ReferenceResource {
  constructor(private readonly transport: Cin7Transport) {}

  /** `GET /ref/priceTier`: the 10 tier names (not paginated). */
  async priceTiers(): Promise<Cin7PriceTier[]> {
    const envelope = await this.transport.request({
      method: 'GET',
      path: 'ref/priceTier',
      schema: priceTierEnvelope,
    });
    return envelope.PriceTiers;
  }

  taxRules(): Promise<Cin7TaxRule[]> {
    return listAll(this.transport, taxRules);
  }

  locations(): Promise<Cin7Location[]> {
    return listAll(this.transport, locations);
  }

  carriers(): Promise<Cin7Carrier[]> {
    return listAll(this.transport, carriers);
  }

  paymentTerms(): Promise<Cin7PaymentTerm[]> {
    return listAll(this.transport, paymentTerms);
  }

  /** Product discount rules (volume discounts among them): read to report what is not applied. */
  discountRules(): Promise<Cin7DiscountRule[]> {
    return listAll(this.transport, discountRules, { Limit: DISCOUNT_AND_DEAL_LIMIT });
  }

  /** Deals: read to report what is not applied. */
  deals(): Promise<Cin7Deal[]> {
    return listAll(this.transport, deals, { Limit: DISCOUNT_AND_DEAL_LIMIT });
  }
}
