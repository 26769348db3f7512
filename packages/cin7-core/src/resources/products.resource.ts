import type { z } from 'zod';
import type { Cin7Transport } from '../http/transport.js';
import type { Cin7Page, PageOptions } from '../pagination/paginate.js';
import { type Cin7Product, productEnvelope } from '../schemas/product.schema.js';
import { fetchListPage, type ListSpec, listOnePage, listPages } from './list-page.js';
import { orNull } from './not-found.js';

/** `GET /product` filters (BP L5269-5284). */
export interface ProductQuery {
  ID?: string;
  Name?: string;
  /** Matching rule (exact, prefix or contains) is unclear in Cin7's docs. */
  Sku?: string;
  ModifiedSince?: Date;
  IncludeDeprecated?: boolean;
  /** Adds `Attachments` (images). */
  IncludeAttachments?: boolean;
  /** Adds `CustomPrices` (customer-specific prices). */
  IncludeCustomPrices?: boolean;
  /** Default 1. */
  Page?: number;
  /** Default 100 for `list`, 1000 for `pages`; at most 1000. */
  Limit?: number;
}

type Envelope = z.output<typeof productEnvelope>;

const spec: ListSpec<Envelope, Cin7Product> = {
  path: 'product',
  envelope: productEnvelope,
  read: (e) => ({ Total: e.Total, Page: e.Page, items: e.Products }),
};

export class ProductsResource {
  constructor(private readonly transport: Cin7Transport) {}

  /** One page. */
  list(q: ProductQuery = {}): Promise<Cin7Page<Cin7Product>> {
    return listOnePage(this.transport, spec, { ...q });
  }

  /** Every page at Limit 1000 (or `q.Limit`), from `startPage` on. */
  pages(q: ProductQuery = {}, opts: PageOptions = {}): AsyncIterable<Cin7Page<Cin7Product>> {
    return listPages(this.transport, spec, { ...q }, opts);
  }

  /** One product by ID (with whatever `Include*` flags are asked for), or null. */
  async get(
    id: string,
    opts: Pick<ProductQuery, 'IncludeAttachments' | 'IncludeCustomPrices' | 'IncludeDeprecated'> = {},
  ): Promise<Cin7Product | null> {
    const page = await orNull(() => fetchListPage(this.transport, spec, { ...opts, ID: id }, 1, 1));
    const wanted = id.toLowerCase();
    return page?.items.find((p) => p.ID === wanted) ?? null;
  }
}
