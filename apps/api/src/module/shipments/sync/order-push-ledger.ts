import type { EntityManager } from 'typeorm';

/**
 * What shipments need from the order push (issue 6): which Cin7 sales are ours, and a place to write what happened
 * to them on the order's sync timeline. Provided under ORDER_PUSH_LEDGER by an adapter over the orders feature.
 */
export const ORDER_PUSH_LEDGER = Symbol('cin7-core:order-push-ledger');

export interface PushedSale {
  orderId: string;
  /** Cin7 sale id, lowercase. */
  saleId: string;
  saleNumber: string | null;
  /** The lines are in Cin7 (a header still waiting for its lines cannot drift yet). */
  complete: boolean;
  /** When the push finished sending (our clock); a sale changed well after it was changed by someone else. */
  sentAt: Date | null;
  /**
   * The tracking number the push is still to write on the sale's ship lines (the creation mode shipped the sale at
   * authorisation, issue 12), or null. A shipment read before that write is not the shipment Upstock should record.
   */
  pendingShipTracking?: string | null;
}

export type ShipmentEventType =
  | 'shipped'
  | 'partially-shipped'
  | 'tracking-changed'
  | 'totals-mismatch'
  | 'totals-match'
  | 'voided';

export interface ShipmentLedgerEvent {
  type: ShipmentEventType;
  message: string;
  /** For 'shipped' and 'tracking-changed': what the order now shows as tracking. */
  tracking?: string | null;
  /** For 'totals-mismatch' (the explanation) and 'totals-match' (null). */
  totalsMismatch?: string | null;
}

export interface OrderPushLedger {
  /** The pushes of this supplier whose Cin7 sale id is one of `saleIds` (lowercase); others are not ours. */
  findBySaleIds(supplierId: string, saleIds: string[]): Promise<PushedSale[]>;
  /** The push whose Cin7 sale carries this order number (`SO-00412`), when a webhook names a task, not the sale. */
  findBySaleNumber(supplierId: string, saleNumber: string): Promise<PushedSale | null>;
  /**
   * Adds the event to the order's sync timeline and reflects it on the push (shipped, totals mismatch), in the
   * caller's transaction: the timeline and what shipments remember commit together.
   */
  record(
    manager: EntityManager,
    supplierId: string,
    orderId: string,
    event: ShipmentLedgerEvent,
  ): Promise<void>;
}
