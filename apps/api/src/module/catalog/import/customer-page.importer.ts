import type { Cin7Customer } from '@upstock/cin7-core';
import type { CustomersPort } from '../../ports/index.js';
import type { SkippedItem } from '../../work/sync-run.entity.js';
import type { CatalogLinks } from '../links/catalog-links.service.js';
import type { CustomerLinkEntity } from '../links/customer-link.entity.js';
import type { CustomerLinkWrite, LinkStore } from '../links/link.store.js';
import {
  billingAddress,
  chooseShippingAddress,
  currencyBlockedReason,
  customerCurrency,
  SKIP_DEPRECATED_CUSTOMER,
  shippingAddresses,
  toCustomerUpsert,
} from './customer.mapper.js';
import type { PageOutcome } from './import-tally.js';

export interface CustomerPageDeps {
  customers: Pick<CustomersPort, 'list' | 'find' | 'upsertMany'>;
  links: Pick<CatalogLinks, 'customerLinksByCin7Ids' | 'customerLinksByUpstockIds'>;
  store: Pick<LinkStore, 'upsertCustomerLinks'>;
}

/** Host customers read per call while indexing names. */
const HOST_PAGE = 1_000;

export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Upstock customers without a Cin7 twin, by name. Cin7 customer names are unique, so an Upstock customer with the
 * same name is that customer: the import links it instead of creating a second one. This is also what makes a page
 * re-run after a crash (host written, links not yet) update rather than duplicate. A name shared by several
 * unlinked Upstock customers is ambiguous and matches none.
 */
export class UnlinkedCustomerIndex {
  private constructor(private readonly byName: Map<string, string | null>) {}

  static async load(deps: Pick<CustomerPageDeps, 'customers' | 'links'>, supplierId: string) {
    const byName = new Map<string, string | null>();
    for (let offset = 0; ; offset += HOST_PAGE) {
      const { items } = await deps.customers.list(supplierId, { limit: HOST_PAGE, offset });
      const linked = await deps.links.customerLinksByUpstockIds(
        supplierId,
        items.map((c) => c.id),
      );
      for (const c of items) {
        if (linked.has(c.id)) continue;
        const key = normaliseName(c.name);
        byName.set(key, byName.has(key) ? null : c.id);
      }
      if (items.length < HOST_PAGE) break;
    }
    return new UnlinkedCustomerIndex(byName);
  }

  find(name: string): string | undefined {
    return this.byName.get(normaliseName(name)) ?? undefined;
  }

  /** Once linked, a customer is no longer a candidate. */
  remove(name: string): void {
    this.byName.delete(normaliseName(name));
  }
}

/**
 * One page of a customer import: deprecated customers reported, the others written to the host in one batch with
 * their contacts, addresses, tier, discount, representative and currency, then linked in one statement. A customer in
 * another currency than the Cin7 base currency is imported but blocked from ordering through the integration.
 */
export async function importCustomerPage(
  deps: CustomerPageDeps,
  supplierId: string,
  baseCurrency: string,
  items: readonly Cin7Customer[],
  index: UnlinkedCustomerIndex,
): Promise<PageOutcome> {
  const skipped: SkippedItem[] = [];
  const wanted: Cin7Customer[] = [];
  for (const c of items) {
    if (c.Status === 'Deprecated')
      skipped.push({ cin7Id: c.ID, label: c.Name, reason: SKIP_DEPRECATED_CUSTOMER });
    else wanted.push(c);
  }
  const linked = await deps.links.customerLinksByCin7Ids(
    supplierId,
    wanted.map((c) => c.ID),
  );
  const toWrite = wanted.map((c): PlannedCustomer => {
    const link = linked.get(c.ID);
    if (link) return { customer: c, id: link.upstockCustomerId, outcome: 'updated', link };
    const existing = index.find(c.Name);
    // Taken at once, so a second Cin7 name normalising the same way cannot claim the same Upstock customer.
    if (existing) index.remove(c.Name);
    return { customer: c, id: existing, outcome: existing ? 'linked' : 'created', link };
  });
  if (toWrite.length === 0)
    return {
      created: 0,
      updated: 0,
      linkedExisting: 0,
      skipped,
      blocked: 0,
      blockedReason: null,
      severalShippingAddresses: 0,
    };

  const ids = await writeCustomers(deps, supplierId, baseCurrency, toWrite);

  let blocked = 0;
  let blockedReason: string | null = null;
  let severalShippingAddresses = 0;
  const rows: CustomerLinkWrite[] = toWrite.map((w, i) => {
    const c = w.customer;
    const currency = customerCurrency(c, baseCurrency);
    const reason = currencyBlockedReason(currency, baseCurrency);
    if (reason) {
      blocked++;
      blockedReason = `Orders in another currency than your Cin7 base currency (${baseCurrency}) cannot be sent to Cin7.`;
    }
    // Keep the supplier's choice of shipping address while the customer still has it.
    const choices = shippingAddresses(c);
    if (choices.length > 1) severalShippingAddresses++;
    const shipping = chooseShippingAddress(choices, w.link?.shippingAddressId ?? null);
    return {
      upstockCustomerId: ids[i] ?? '',
      cin7CustomerId: c.ID,
      cin7Name: c.Name,
      currency,
      shippingAddressId: shipping?.id ?? null,
      billingAddress: billingAddress(c),
      shippingAddress: shipping,
      salesRepresentative: c.SalesRepresentative?.trim() || null,
      priceTier: c.PriceTier?.trim() || null,
      discount: c.Discount ?? 0,
      taxRule: c.TaxRule?.trim() || null,
      location: c.Location?.trim() || null,
      orderingBlockedReason: reason,
    };
  });
  await deps.store.upsertCustomerLinks(supplierId, rows, 'cin7');
  return {
    created: toWrite.filter((w) => w.outcome === 'created').length,
    updated: toWrite.filter((w) => w.outcome === 'updated').length,
    linkedExisting: toWrite.filter((w) => w.outcome === 'linked').length,
    skipped,
    blocked,
    blockedReason,
    severalShippingAddresses,
  };
}

interface PlannedCustomer {
  customer: Cin7Customer;
  /** The Upstock customer to update; undefined = create. */
  id: string | undefined;
  outcome: 'created' | 'updated' | 'linked';
  link: CustomerLinkEntity | undefined;
}

/**
 * One batch to the host. A linked Upstock customer may have been deleted in Upstock since: the host then refuses the
 * batch, so the linked ids are checked one by one (only on that failure) and the deleted ones are created again,
 * their links moving to the new customer.
 */
async function writeCustomers(
  deps: CustomerPageDeps,
  supplierId: string,
  baseCurrency: string,
  planned: PlannedCustomer[],
): Promise<string[]> {
  const write = async () => {
    const ids = await deps.customers.upsertMany(
      supplierId,
      planned.map((w) => toCustomerUpsert(w.customer, baseCurrency, w.id)),
    );
    if (ids.length !== planned.length)
      throw new Error('The host answered a different number of customer ids');
    return ids;
  };
  try {
    return await write();
  } catch (error) {
    let gone = 0;
    for (const w of planned) {
      if (w.id && !(await deps.customers.find(supplierId, w.id))) {
        w.id = undefined;
        w.outcome = 'created';
        gone++;
      }
    }
    if (gone === 0) throw error;
    return write();
  }
}
