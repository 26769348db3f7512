import type { z } from 'zod';
import type { Cin7Transport } from '../http/transport.js';
import type { Cin7Page, PageOptions } from '../pagination/paginate.js';
import { availabilityEnvelope, type Cin7AvailabilityRow } from '../schemas/availability.schema.js';
import { type ListSpec, listAll, listOnePage, listPages } from './list-page.js';

/** `GET ref/productavailability` filters (BP L6142-6162). */
export interface AvailabilityQuery {
  /** One product. */
  ID?: string;
  /** Products whose name starts with this. */
  Name?: string;
  /** One SKU. */
  Sku?: string;
  /** Rows of one location (by name) only. */
  Location?: string;
  /** Rows of one batch or serial number only. */
  Batch?: string;
  /** Products of one category (by name) only. */
  Category?: string;
  /** Default 1. */
  Page?: number;
  /** Default 100 for `list` (Cin7's default), 1000 for `pages`; at most 1000. */
  Limit?: number;
}

type Envelope = z.output<typeof availabilityEnvelope>;

const spec: ListSpec<Envelope, Cin7AvailabilityRow> = {
  path: 'ref/productavailability',
  envelope: availabilityEnvelope,
  read: (e) => ({ Total: e.Total, Page: e.Page, items: e.ProductAvailabilityList }),
};

/** Stock availability per product, location, bin and batch (BP L6118-6200). */
export class AvailabilityResource {
  constructor(private readonly transport: Cin7Transport) {}

  /** One page. */
  list(q: AvailabilityQuery = {}): Promise<Cin7Page<Cin7AvailabilityRow>> {
    return listOnePage(this.transport, spec, { ...q });
  }

  /** Every page at Limit 1000 (or `q.Limit`), from `startPage` on: a full pass with a checkpoint per page. */
  pages(q: AvailabilityQuery = {}, opts: PageOptions = {}): AsyncIterable<Cin7Page<Cin7AvailabilityRow>> {
    return listPages(this.transport, spec, { ...q }, opts);
  }

  /** Every row of one product (all its locations, bins and batches); none when it has no stock records. */
  forProduct(id: string): Promise<Cin7AvailabilityRow[]> {
    return listAll(this.transport, spec, { ID: id });
  }
}
