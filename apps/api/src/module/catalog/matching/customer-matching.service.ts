import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import type {
  Cin7CustomerSummary,
  CustomerLink,
  CustomerSearchResponse,
  LinkAddressChoices,
  LinkCustomerRequest,
  LinkTakenDetails,
  UnmatchedCustomersQuery,
  UnmatchedCustomersResponse,
} from '@upstock/cin7-contracts';
import type { Cin7Client, Cin7Customer } from '@upstock/cin7-core';
import { CIN7_CORE_OPTIONS } from '../../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../../cin7-core.options.js';
import { ConnectionsService } from '../../connection/connections.service.js';
import type { HostCustomer } from '../../ports/index.js';
import { ConnectionGoneError } from '../../work/call-budget.js';
import { clockOf } from '../../work/clock.js';
import { CatalogChanges } from '../catalog-changes.js';
import {
  billingAddress,
  currencyBlockedReason,
  customerCurrency,
  defaultContactEmail,
  shippingAddresses,
} from '../import/customer.mapper.js';
import { CatalogLinks } from '../links/catalog-links.service.js';
import type { CustomerLinkEntity, LinkedAddress } from '../links/customer-link.entity.js';
import { toCustomerLink } from '../links/customer-link.view.js';
import { LinkStore } from '../links/link.store.js';
import { notConnected } from '../not-connected.error.js';

/** Cin7 customers shown for one search. */
const SEARCH_LIMIT = 20;
/** Host customers read per call while looking for unmatched ones. */
const HOST_SCAN_PAGE = 500;
/** Host pages read at once after the first (each holds one database connection of the host's while it runs). */
const HOST_SCAN_PARALLEL = 4;

/**
 * Matching an existing Upstock customer to its Cin7 twin (help article: "What if my Cin7 customers have multiple
 * addresses?"). Searching and reading the chosen Cin7 customer are the interactive Cin7 calls the design allows in
 * a request; they draw on the shared budget at the interactive priority.
 */
@Injectable()
export class CustomerMatchingService {
  constructor(
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
    private readonly connections: ConnectionsService,
    private readonly links: CatalogLinks,
    private readonly store: LinkStore,
    private readonly changes: CatalogChanges,
  ) {}

  async search(supplierId: string, q: string): Promise<CustomerSearchResponse> {
    const client = await this.interactiveClient(supplierId);
    const found = await client.customers.search(q, { limit: SEARCH_LIMIT });
    const linked = await this.links.customerLinksByCin7Ids(
      supplierId,
      found.map((c) => c.ID),
    );
    return { items: found.map((c) => toSummary(c, linked.get(c.ID)?.upstockCustomerId ?? null)) };
  }

  async getLink(supplierId: string, upstockCustomerId: string): Promise<CustomerLink> {
    const link = await this.links.customerLink(supplierId, upstockCustomerId);
    if (!link) throw new NotFoundException(`Customer ${upstockCustomerId} is not linked to a Cin7 customer`);
    return toCustomerLink(link);
  }

  /**
   * Links (or re-links) an Upstock customer. Everything is checked before anything is written: the Upstock
   * customer is the supplier's, the Cin7 customer exists, and the shipping address is one of the Cin7 customer's
   * (chosen by the supplier when there are several). A Cin7 customer that is another Upstock customer's twin is a
   * question, not a dead end: 409 naming who holds it, and with `move: true` the link moves (the other customer's
   * link is removed in the same transaction). Prices follow: both customers' prices are synced.
   */
  async link(
    supplierId: string,
    upstockCustomerId: string,
    input: LinkCustomerRequest,
  ): Promise<CustomerLink> {
    const customer = await this.requireHostCustomer(supplierId, upstockCustomerId);
    const taken = await this.links.customerLinkByCin7Id(supplierId, input.cin7CustomerId);
    const movingFrom = taken && taken.upstockCustomerId !== customer.id ? taken : null;
    if (movingFrom && !input.move) throw await this.takenConflict(supplierId, movingFrom, customer.name);
    const client = await this.interactiveClient(supplierId);
    const twin = await client.customers.get(input.cin7CustomerId);
    if (!twin) {
      throw new NotFoundException({
        message: `No active Cin7 customer has the ID ${input.cin7CustomerId}`,
        field: 'cin7CustomerId',
      });
    }
    const shipping = pickShippingAddress(twin, input.shippingAddressId);
    const { baseCurrency } = await this.connections.requireActive(supplierId);
    const currency = customerCurrency(twin, baseCurrency);
    const blockedReason = currencyBlockedReason(currency, baseCurrency);
    const row = {
      upstockCustomerId: customer.id,
      cin7CustomerId: twin.ID,
      cin7Name: twin.Name,
      currency,
      shippingAddressId: shipping?.id ?? null,
      billingAddress: billingAddress(twin),
      shippingAddress: shipping,
      salesRepresentative: twin.SalesRepresentative?.trim() || null,
      priceTier: twin.PriceTier?.trim() || null,
      discount: twin.Discount ?? 0,
      taxRule: twin.TaxRule?.trim() || null,
      location: twin.Location?.trim() || null,
      orderingBlockedReason: blockedReason,
    };

    let moved: string | null = null;
    try {
      moved = await this.store.linkCustomer(supplierId, row, { move: input.move === true });
    } catch (error) {
      // Lost a race with another link of the same Cin7 customer: the unique index kept the first.
      if (isUniqueViolation(error)) {
        const holder = await this.links.customerLinkByCin7Id(supplierId, twin.ID);
        if (holder) throw await this.takenConflict(supplierId, holder, customer.name);
      }
      throw error;
    }
    await this.options.ports.customers.setOrderingBlocked(supplierId, customer.id, blockedReason);
    if (moved) await this.options.ports.customers.setOrderingBlocked(supplierId, moved, null);
    // "Upstock automatically checks and syncs prices from Cin7 [...] when you match a customer."
    await this.changes.customerLinked(supplierId, customer.id);
    if (moved) await this.changes.customerUnlinked(supplierId, moved);
    return this.getLink(supplierId, customer.id);
  }

  /** The linked Cin7 customer's shipping addresses today, to change the one used (one interactive Cin7 call). */
  async addressChoices(supplierId: string, upstockCustomerId: string): Promise<LinkAddressChoices> {
    const link = await this.links.customerLink(supplierId, upstockCustomerId);
    if (!link) throw new NotFoundException(`Customer ${upstockCustomerId} is not linked to a Cin7 customer`);
    const client = await this.interactiveClient(supplierId);
    const twin = await client.customers.get(link.cin7CustomerId);
    if (!twin) {
      throw new NotFoundException({
        message: `Cin7 customer "${link.cin7Name}" is no longer active in Cin7: link another one.`,
        field: 'cin7CustomerId',
      });
    }
    return { current: link.shippingAddressId, items: shippingAddresses(twin) };
  }

  async unlink(supplierId: string, upstockCustomerId: string): Promise<void> {
    await this.requireHostCustomer(supplierId, upstockCustomerId);
    const removed = await this.store.deleteCustomerLink(supplierId, upstockCustomerId);
    if (!removed)
      throw new NotFoundException(`Customer ${upstockCustomerId} is not linked to a Cin7 customer`);
    // The block was about the Cin7 twin's currency; without a twin there is nothing to push anyway.
    await this.options.ports.customers.setOrderingBlocked(supplierId, upstockCustomerId, null);
    // Its Cin7 prices no longer apply (the prices feature puts it back on the base price).
    await this.changes.customerUnlinked(supplierId, upstockCustomerId);
  }

  private async takenConflict(
    supplierId: string,
    holder: CustomerLinkEntity,
    wantedBy: string,
  ): Promise<ConflictException> {
    const other = await this.options.ports.customers
      .find(supplierId, holder.upstockCustomerId)
      .catch(() => null);
    const details: LinkTakenDetails = {
      linkedUpstockCustomerId: holder.upstockCustomerId,
      linkedUpstockCustomerName: other?.name ?? null,
      cin7Name: holder.cin7Name,
    };
    const who = other ? `"${other.name}"` : 'another Upstock customer';
    return new ConflictException({
      message: `Cin7 customer "${holder.cin7Name}" is linked to ${who}. Move the link to "${wantedBy}"? ${who} will no longer be linked.`,
      error: 'Linked Elsewhere',
      field: 'cin7CustomerId',
      details,
    });
  }

  /**
   * Upstock customers without a Cin7 twin, paged. The host port cannot filter by link, so its customers are
   * scanned in pages and filtered against the supplier's linked ids (read once, as one set): the first page tells
   * how many there are, and the rest are read a few pages at a time together rather than one after the other.
   */
  async unmatched(supplierId: string, query: UnmatchedCustomersQuery): Promise<UnmatchedCustomersResponse> {
    const read = (offset: number) =>
      this.options.ports.customers.list(supplierId, {
        ...(query.search ? { search: query.search } : {}),
        limit: HOST_SCAN_PAGE,
        offset,
      });
    const [linked, first] = await Promise.all([this.links.linkedUpstockCustomerIds(supplierId), read(0)]);
    const pages = [first.items];
    let last = first.items;
    // Until a short page: customers added during the scan are read too, as one page after another always did.
    for (let offset = HOST_SCAN_PAGE; last.length === HOST_SCAN_PAGE; ) {
      const left = Math.ceil((first.total - offset) / HOST_SCAN_PAGE);
      const batch = Math.min(HOST_SCAN_PARALLEL, Math.max(1, left));
      const batchPages = await Promise.all(
        Array.from({ length: batch }, (_, i) => read(offset + i * HOST_SCAN_PAGE)),
      );
      for (const page of batchPages) pages.push(page.items);
      last = batchPages[batchPages.length - 1]?.items ?? [];
      offset += batch * HOST_SCAN_PAGE;
    }
    const items: HostCustomer[] = [];
    let total = 0;
    for (const c of pages.flat()) {
      if (linked.has(c.id)) continue;
      if (total >= query.offset && items.length < query.limit) items.push(c);
      total++;
    }
    return {
      items: items.map((c) => ({ id: c.id, name: c.name, email: c.email, currency: c.currency })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  private async requireHostCustomer(supplierId: string, upstockCustomerId: string): Promise<HostCustomer> {
    const customer = await this.options.ports.customers.find(supplierId, upstockCustomerId);
    if (!customer) throw new NotFoundException(`No customer ${upstockCustomerId}`);
    return customer;
  }

  /** A client for the one interactive call of a request; answers at once rather than waiting out a pause. */
  private async interactiveClient(supplierId: string): Promise<Cin7Client> {
    try {
      const { connection, client } = await this.connections.clientFor(supplierId, 'interactive');
      const now = clockOf(this.options).now();
      if (connection.pausedUntil && connection.pausedUntil.getTime() > now) {
        throw new ServiceUnavailableException({
          message: 'Cin7 is limiting calls right now (60 a minute). Try again in a minute.',
          error: 'Cin7 Busy',
        });
      }
      return client;
    } catch (error) {
      if (error instanceof ConnectionGoneError) {
        throw notConnected('searching Cin7 customers');
      }
      throw error;
    }
  }
}

/**
 * The address asked for must be one of the customer's shipping addresses; with none asked for, a single address is
 * taken and several are a question for the supplier (400 naming the choices).
 */
export function pickShippingAddress(twin: Cin7Customer, wanted: string | undefined): LinkedAddress | null {
  const choices = shippingAddresses(twin);
  if (wanted) {
    const chosen = choices.find((a) => a.id === wanted);
    if (chosen) return chosen;
    throw new BadRequestException({
      message: `Address ${wanted} is not a shipping address of Cin7 customer "${twin.Name}". Choose one of: ${describeChoices(choices)}.`,
      field: 'shippingAddressId',
      details: { choices },
    });
  }
  if (choices.length <= 1) return choices[0] ?? null;
  throw new BadRequestException({
    message: `Cin7 customer "${twin.Name}" has ${choices.length} shipping addresses: choose one with shippingAddressId: ${describeChoices(choices)}.`,
    field: 'shippingAddressId',
    details: { choices },
  });
}

function describeChoices(choices: readonly LinkedAddress[]): string {
  if (choices.length === 0) return '(the customer has no shipping address)';
  return choices
    .map((a) => `${a.id} (${[a.line1, a.city, a.postcode].filter(Boolean).join(', ')})`)
    .join('; ');
}

function toSummary(c: Cin7Customer, linkedUpstockCustomerId: string | null): Cin7CustomerSummary {
  return {
    id: c.ID,
    name: c.Name,
    currency: (c.Currency ?? '').toUpperCase(),
    email: defaultContactEmail(c),
    priceTier: c.PriceTier?.trim() || null,
    billingAddress: billingAddress(c),
    shippingAddresses: shippingAddresses(c),
    linkedUpstockCustomerId,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}
