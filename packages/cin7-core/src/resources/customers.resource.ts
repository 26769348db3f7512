import type { z } from 'zod';
import type { Cin7Transport } from '../http/transport.js';
import type { Cin7Page, PageOptions } from '../pagination/paginate.js';
import { type Cin7Customer, customerEnvelope } from '../schemas/customer.schema.js';
import { fetchListPage, type ListSpec, listOnePage, listPages } from './list-page.js';
import { orNull } from './not-found.js';

/** `GET /customer` filters (BP L1057-1074). */
export interface CustomerQuery {
  ID?: string;
  /** Names starting with this value. */
  Name?: string;
  /** Contact name starting with this value, or contact email exactly equal. */
  ContactFilter?: string;
  ModifiedSince?: Date;
  /** Default false: only Active customers. */
  IncludeDeprecated?: boolean;
  /** Adds `ProductPrices` (customer-specific prices). */
  IncludeProductPrices?: boolean;
  /** Default 1. */
  Page?: number;
  /** Default 100 for `list`, 1000 for `pages`; at most 1000. */
  Limit?: number;
}

type Envelope = z.output<typeof customerEnvelope>;

const spec: ListSpec<Envelope, Cin7Customer> = {
  path: 'customer',
  envelope: customerEnvelope,
  read: (e) => ({ Total: e.Total, Page: e.Page, items: e.CustomerList }),
};

const EMAIL_LIKE = /^[^\s@]+@[^\s@]+$/;

export class CustomersResource {
  constructor(private readonly transport: Cin7Transport) {}

  /** One page. */
  list(q: CustomerQuery = {}): Promise<Cin7Page<Cin7Customer>> {
    return listOnePage(this.transport, spec, { ...q });
  }

  /** Every page at Limit 1000 (or `q.Limit`), from `startPage` on. */
  pages(q: CustomerQuery = {}, opts: PageOptions = {}): AsyncIterable<Cin7Page<Cin7Customer>> {
    return listPages(this.transport, spec, { ...q }, opts);
  }

  /** One customer by ID, or null. */
  async get(id: string, opts: { IncludeProductPrices?: boolean } = {}): Promise<Cin7Customer | null> {
    const page = await orNull(() =>
      fetchListPage(this.transport, spec, { ID: id, IncludeProductPrices: opts.IncludeProductPrices }, 1, 1),
    );
    const wanted = id.toLowerCase();
    return page?.items.find((c) => c.ID === wanted) ?? null;
  }

  /**
   * For matching a customer: an email-looking text is searched as a contact email (`ContactFilter`, exact),
   * anything else as a name prefix (`Name`). One call either way; `limit` default 20.
   */
  async search(text: string, opts: { limit?: number } = {}): Promise<Cin7Customer[]> {
    const trimmed = text.trim();
    if (trimmed === '') return [];
    const filter = EMAIL_LIKE.test(trimmed) ? { ContactFilter: trimmed } : { Name: trimmed };
    const page = await this.transport.request({
      method: 'GET',
      path: spec.path,
      query: { ...filter, Page: 1, Limit: Math.min(1000, Math.max(1, opts.limit ?? 20)) },
      schema: customerEnvelope,
      priority: 'interactive',
    });
    return page.CustomerList;
  }
}
