import type { z } from 'zod';
import type { Cin7Transport } from '../http/transport.js';
import type {
  Cin7PackInput,
  Cin7PickInput,
  Cin7SaleHeaderInput,
  Cin7SaleOrderInput,
  Cin7ShipInput,
} from '../inputs/sale.inputs.js';
import type { Cin7Page, PageOptions } from '../pagination/paginate.js';
import {
  type Cin7PickPack,
  type Cin7Sale,
  type Cin7SaleListRow,
  type Cin7SaleOrder,
  type Cin7Ship,
  pickPackSchema,
  saleListEnvelope,
  saleOrderSchema,
  saleSchema,
  shipSchema,
} from '../schemas/sale.schema.js';
import { type ListSpec, listAll, listOnePage, listPages } from './list-page.js';
import { orNull } from './not-found.js';

/** `GET /saleList` filters (BP L20400-20549). */
export interface SaleListQuery {
  /** Substring of order number, status, customer, invoice number, customer reference or credit note number. */
  Search?: string;
  CreatedSince?: Date;
  /** Changed after this moment; inclusive or not is undocumented, so poll with overlapping windows. */
  UpdatedSince?: Date;
  UpdatedUntil?: Date;
  ExternalID?: string;
  Status?: string;
  OrderStatus?: string;
  CombinedShippingStatus?: string;
  /** Default 1. */
  Page?: number;
  /** Default 100 for `list`, 1000 for `pages`; at most 1000. */
  Limit?: number;
}

const saleList: ListSpec<z.output<typeof saleListEnvelope>, Cin7SaleListRow> = {
  path: 'saleList',
  envelope: saleListEnvelope,
  read: (e) => ({ Total: e.Total, Page: e.Page, items: e.SaleList }),
};

export class SalesResource {
  constructor(private readonly transport: Cin7Transport) {}

  /** `POST /sale`: the header. Not retried on failure: check `isUncertainWriteOutcome` and `findByExternalId`. */
  create(header: Cin7SaleHeaderInput): Promise<Cin7Sale> {
    return this.transport.request({ method: 'POST', path: 'sale', body: header, schema: saleSchema });
  }

  /** `POST /sale/order`: replaces the lines and additional charges (send the full set). */
  saveOrder(order: Cin7SaleOrderInput): Promise<Cin7SaleOrder> {
    return this.transport.request({
      method: 'POST',
      path: 'sale/order',
      body: order,
      schema: saleOrderSchema,
    });
  }

  /** `GET /sale?ID=`, or null when Cin7 does not know the ID. */
  get(id: string): Promise<Cin7Sale | null> {
    return orNull(() =>
      this.transport.request({ method: 'GET', path: 'sale', query: { ID: id }, schema: saleSchema }),
    );
  }

  /** One page of `GET /saleList`. */
  list(q: SaleListQuery = {}): Promise<Cin7Page<Cin7SaleListRow>> {
    return listOnePage(this.transport, saleList, { ...q });
  }

  /** Every page of `GET /saleList` at Limit 1000 (or `q.Limit`). */
  pages(q: SaleListQuery = {}, opts: PageOptions = {}): AsyncIterable<Cin7Page<Cin7SaleListRow>> {
    return listPages(this.transport, saleList, { ...q }, opts);
  }

  /**
   * Sales carrying this ExternalID: the dedupe check before (re)pushing an order. The filter is applied again
   * here, exactly, in case Cin7 ever matches loosely; ExternalIDs are compared as given (they are ours).
   */
  async findByExternalId(externalId: string): Promise<Cin7SaleListRow[]> {
    const rows = await listAll(this.transport, saleList, { ExternalID: externalId, Limit: 100 });
    return rows.filter((row) => row.ExternalID === externalId);
  }

  /** `POST /sale/fulfilment/pick`. Answers the pick document. */
  pick(input: Cin7PickInput): Promise<Cin7PickPack> {
    return this.transport.request({
      method: 'POST',
      path: 'sale/fulfilment/pick',
      body: input,
      schema: pickPackSchema,
    });
  }

  /** `POST /sale/fulfilment/pack`. Answers the pack document. */
  pack(input: Cin7PackInput): Promise<Cin7PickPack> {
    return this.transport.request({
      method: 'POST',
      path: 'sale/fulfilment/pack',
      body: input,
      schema: pickPackSchema,
    });
  }

  /**
   * `POST /sale/fulfilment/ship`, or PUT when `AddTrackingNumbers` is set (changing tracking after
   * authorisation, BP L24148). Answers the ship document.
   */
  ship(input: Cin7ShipInput): Promise<Cin7Ship> {
    return this.transport.request({
      method: input.AddTrackingNumbers === true ? 'PUT' : 'POST',
      path: 'sale/fulfilment/ship',
      body: input,
      schema: shipSchema,
    });
  }

  /** `DELETE /sale?ID=&Void=true`: voids the sale (there is no hard delete). Answers the voided sale. */
  void(id: string): Promise<Cin7Sale> {
    return this.transport.request({
      method: 'DELETE',
      path: 'sale',
      query: { ID: id, Void: true },
      schema: saleSchema,
    });
  }
}
