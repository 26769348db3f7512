import type { z } from 'zod';
import type { Cin7Transport } from '../http/transport.js';
import { CIN7_MAX_LIMIT, type Cin7Page, type PageOptions } from '../pagination/paginate.js';
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
  /** Default 100 for `list`; for `pages` 1000, or {@link PRODUCT_PAGE_LIMIT_WITH_INCLUDES} with `Include*`; at most 1000. */
  Limit?: number;
}

/**
 * Rows per page when a product read asks for attachments or custom prices. Cin7 allows 1,000 (BP L98-104), but a
 * page of a large catalogue with its images and price lists is heavy enough to time out; public Cin7 connectors read
 * such pages at 100. Ten times the calls of a bare read: a 10,000-product import costs 100 reads, not 10.
 */
export const PRODUCT_PAGE_LIMIT_WITH_INCLUDES = 100;

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

  /** Every page, from `startPage` on: at `q.Limit`, else 1000, or 100 when `Include*` flags make pages heavy. */
  pages(q: ProductQuery = {}, opts: PageOptions = {}): AsyncIterable<Cin7Page<Cin7Product>> {
    const heavy = q.IncludeAttachments === true || q.IncludeCustomPrices === true;
    const Limit = q.Limit ?? (heavy ? PRODUCT_PAGE_LIMIT_WITH_INCLUDES : CIN7_MAX_LIMIT);
    return listPages(this.transport, spec, { ...q, Limit }, opts);
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
