import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Cin7Sale } from '@upstock/cin7-core';
import { DataSource, type EntityManager } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../../cin7-core.options.js';
import { clockOf } from '../../work/clock.js';
import { ORDER_PUSH_LEDGER, type OrderPushLedger, type PushedSale } from './order-push-ledger.js';
import { findSaleDrift } from './sale-drift.js';
import { describeShipment, readShipment, shipmentKey, shippingPhase } from './sale-shipment.reader.js';

interface StateRow {
  shipping_status: string | null;
  sale_status: string | null;
  cin7_updated_at: Date | null;
  sale_modified_at: Date | null;
  fetched_as_of: Date | null;
  shipped_key: string | null;
  partial_key: string | null;
  drift_key: string | null;
  voided_at: Date | null;
}

export type ReconcileEffect =
  | 'stale'
  | 'shipped'
  | 'tracking-changed'
  | 'partially-shipped'
  | 'voided'
  | 'drift'
  | 'drift-cleared'
  | 'awaiting-tracking';

/** The push is still to write its tracking number on this shipment (PushedSale.pendingShipTracking). */
function awaitsOurTracking(pushed: PushedSale, shipped: string | null): boolean {
  const pending = pushed.pendingShipTracking;
  return !!pending && !(shipped ?? '').split(', ').includes(pending);
}

/**
 * Applies what a freshly fetched Cin7 sale means for its Upstock order, exactly once per distinct fact: each effect
 * (shipped with this tracking, this partial shipment, this drift, voided) is remembered in cin7_shipment_state under
 * a row lock, so replayed, duplicated or concurrent events change nothing twice, and a fetch older than one already
 * applied (out of order) is ignored.
 */
@Injectable()
export class SaleReconciler {
  private readonly logger = new Logger('Cin7Core:Shipments');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
    @Inject(ORDER_PUSH_LEDGER) private readonly ledger: OrderPushLedger,
  ) {}

  private now(): Date {
    return new Date(clockOf(this.options).now());
  }

  /** True when a fetch started after `receivedAt` was already applied: the event brings nothing new. */
  async isCovered(supplierId: string, saleId: string, receivedAt: Date): Promise<boolean> {
    const rows: { covered: boolean }[] = await this.dataSource.query(
      `SELECT fetched_as_of >= $3 AS covered FROM cin7_shipment_state WHERE supplier_id = $1 AND sale_id = $2`,
      [supplierId, saleId, receivedAt],
    );
    return rows[0]?.covered === true;
  }

  /** `fetchStartedAt`: when the GET /sale that produced `sale` was sent. */
  async apply(
    supplierId: string,
    pushed: PushedSale,
    sale: Cin7Sale,
    fetchStartedAt: Date,
  ): Promise<ReconcileEffect[]> {
    return this.dataSource.transaction(async (m) => {
      const state = await this.lockState(m, supplierId, pushed);
      const modified = sale.LastModifiedOn;
      if (
        modified &&
        state.sale_modified_at &&
        modified.getTime() < new Date(state.sale_modified_at).getTime()
      ) {
        return ['stale'];
      }
      const effects: ReconcileEffect[] = [];
      const next: Partial<StateRow> = {};
      const phase = shippingPhase(sale);
      const { orders, notifications } = this.options.ports;
      const saleName = sale.Order?.SaleOrderNumber ?? pushed.saleNumber ?? sale.ID;

      // Drift first: the order must be flagged before it shows shipped, so payment is not taken on a wrong total.
      if (phase !== 'voided' && pushed.complete) {
        const order = await orders.findOrder(supplierId, pushed.orderId);
        const drift = order && order.status !== 'cancelled' ? findSaleDrift(order, sale) : null;
        if (order && drift && drift.key !== state.drift_key) {
          await orders.setTotalsMismatch(supplierId, pushed.orderId, drift.explanation);
          await this.ledger.record(m, supplierId, pushed.orderId, {
            type: 'totals-mismatch',
            message: drift.explanation,
            totalsMismatch: drift.explanation,
          });
          await notifications.notify(supplierId, {
            kind: 'order-totals-mismatch',
            title: `Order ${order.number} no longer matches Cin7`,
            message: `${drift.explanation} Update the order in Upstock so payment and invoicing use the right total.`,
            orderId: pushed.orderId,
          });
          next.drift_key = drift.key;
          effects.push('drift');
        } else if (!drift && order && state.drift_key !== null) {
          await orders.setTotalsMismatch(supplierId, pushed.orderId, null);
          await this.ledger.record(m, supplierId, pushed.orderId, {
            type: 'totals-match',
            message: `Cin7 sale ${saleName} matches the Upstock order again.`,
            totalsMismatch: null,
          });
          next.drift_key = null;
          effects.push('drift-cleared');
        }
      }

      if (phase === 'voided' && state.voided_at === null) {
        const message = `Cin7 sale ${saleName} was voided in Cin7. The Upstock order is unchanged: cancel or re-approve it as needed.`;
        await this.ledger.record(m, supplierId, pushed.orderId, { type: 'voided', message });
        await notifications.notify(supplierId, {
          kind: 'sale-voided',
          title: `Cin7 sale ${saleName} was voided`,
          message,
          orderId: pushed.orderId,
        });
        next.voided_at = this.now();
        effects.push('voided');
      }

      if (phase === 'shipped') {
        const shipment = readShipment(sale, modified ?? this.now());
        const key = shipmentKey(shipment);
        if (key !== state.shipped_key && awaitsOurTracking(pushed, shipment.trackingNumber)) {
          // Shipped by the creation mode a moment before the push writes the order's tracking on it: recorded once
          // that write lands (it changes the sale, which brings it back by webhook and poll), as one shipment with
          // that tracking, not a shipment without it then a change Cin7 never made.
          effects.push('awaiting-tracking');
        } else if (key !== state.shipped_key) {
          await orders.markShipped(supplierId, pushed.orderId, shipment);
          const first = state.shipped_key === null;
          await this.ledger.record(m, supplierId, pushed.orderId, {
            type: first ? 'shipped' : 'tracking-changed',
            message: first
              ? `Shipped in Cin7 (sale ${saleName}): ${describeShipment(shipment)}.`
              : `Cin7 changed the shipment of sale ${saleName}: ${describeShipment(shipment)}.`,
            tracking: shipment.trackingUrl ?? shipment.trackingNumber,
          });
          next.shipped_key = key;
          effects.push(first ? 'shipped' : 'tracking-changed');
        }
      } else if (phase === 'partially-shipped') {
        const shipment = readShipment(sale, modified ?? this.now());
        const key = shipmentKey(shipment);
        if (key !== state.partial_key) {
          await this.ledger.record(m, supplierId, pushed.orderId, {
            type: 'partially-shipped',
            message: `Partially shipped in Cin7 (sale ${saleName}): ${describeShipment(shipment)}. The order is marked shipped once everything has shipped.`,
          });
          next.partial_key = key;
          effects.push('partially-shipped');
        }
      }

      await m.query(
        `UPDATE cin7_shipment_state SET
           shipping_status = $3, sale_status = $4,
           cin7_updated_at = GREATEST(cin7_updated_at, $5::timestamptz),
           sale_modified_at = GREATEST(sale_modified_at, $5::timestamptz),
           fetched_as_of = GREATEST(fetched_as_of, $6::timestamptz),
           shipped_key = CASE WHEN $7 THEN $8 ELSE shipped_key END,
           partial_key = CASE WHEN $9 THEN $10 ELSE partial_key END,
           drift_key = CASE WHEN $11 THEN $12 ELSE drift_key END,
           voided_at = COALESCE(voided_at, $13::timestamptz),
           updated_at = now()
         WHERE supplier_id = $1 AND sale_id = $2`,
        [
          supplierId,
          pushed.saleId,
          // Held back: the shipping status stays as last recorded, so the next poll fetches the sale again even if
          // nothing else changes it (Cin7 refusing the tracking write, say).
          effects.includes('awaiting-tracking') ? state.shipping_status : sale.CombinedShippingStatus,
          sale.Status,
          modified,
          fetchStartedAt,
          'shipped_key' in next,
          next.shipped_key ?? null,
          'partial_key' in next,
          next.partial_key ?? null,
          'drift_key' in next,
          next.drift_key ?? null,
          next.voided_at ?? null,
        ],
      );
      if (effects.length > 0) this.logger.log(`sale ${pushed.saleId}: ${effects.join(', ')}`);
      return effects;
    });
  }

  private async lockState(m: EntityManager, supplierId: string, pushed: PushedSale): Promise<StateRow> {
    await m.query(
      `INSERT INTO cin7_shipment_state (supplier_id, sale_id, order_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [supplierId, pushed.saleId, pushed.orderId],
    );
    const rows: StateRow[] = await m.query(
      `SELECT shipping_status, sale_status, cin7_updated_at, sale_modified_at, fetched_as_of, shipped_key, partial_key, drift_key, voided_at
         FROM cin7_shipment_state WHERE supplier_id = $1 AND sale_id = $2 FOR UPDATE`,
      [supplierId, pushed.saleId],
    );
    const row = rows[0];
    if (!row) throw new Error(`cin7_shipment_state row for sale ${pushed.saleId} vanished`);
    return row;
  }
}
