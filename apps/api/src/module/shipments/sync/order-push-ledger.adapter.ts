import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, Repository } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../../cin7-core.options.js';
import { isUuid } from '../../common/ids.js';
import { OrderPushEntity, shipLineTracking } from '../../orders/index.js';
import { OrderPushRepository } from '../../orders/order-push.repository.js';
import { clockOf } from '../../work/clock.js';
import type { OrderPushLedger, PushedSale, ShipmentLedgerEvent } from './order-push-ledger.js';

const COLUMNS = {
  upstockOrderId: true,
  cin7SaleId: true,
  cin7OrderNumber: true,
  state: true,
  sentAt: true,
  sentSnapshot: true,
} as const;

function toPushedSale(r: OrderPushEntity): PushedSale[] {
  if (!r.cin7SaleId) return [];
  const complete = r.state === 'pushed' || r.state === 'shipped';
  return [
    {
      orderId: r.upstockOrderId,
      saleId: r.cin7SaleId.toLowerCase(),
      saleNumber: r.cin7OrderNumber,
      complete,
      sentAt: r.sentAt,
      pendingShipTracking: !complete && r.sentSnapshot ? shipLineTracking(r.sentSnapshot) : null,
    },
  ];
}

/**
 * The ledger over the orders feature (issue 6): `cin7_order_push` holds each order's Cin7 sale id; shipment events
 * go on its timeline through OrderPushRepository.addEvent, with the push's current attempt number, in the same
 * transaction as the push's shipped state and totals flag.
 */
@Injectable()
export class OrderPushLedgerAdapter implements OrderPushLedger {
  constructor(
    @InjectRepository(OrderPushEntity) private readonly pushes: Repository<OrderPushEntity>,
    private readonly orderPushes: OrderPushRepository,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
  ) {}

  async findBySaleIds(supplierId: string, saleIds: string[]): Promise<PushedSale[]> {
    const ids = [...new Set(saleIds.map((id) => id.toLowerCase()).filter((id) => isUuid(id)))];
    if (ids.length === 0) return [];
    const rows = await this.pushes.find({ where: { supplierId, cin7SaleId: In(ids) }, select: COLUMNS });
    return rows.flatMap(toPushedSale);
  }

  async findBySaleNumber(supplierId: string, saleNumber: string): Promise<PushedSale | null> {
    const rows = await this.pushes.find({
      where: { supplierId, cin7OrderNumber: saleNumber },
      select: COLUMNS,
      take: 2,
    });
    // Cin7 numbers sales uniquely per account; two pushes with one number would mean a reconnect to another account.
    return rows.length === 1 ? (toPushedSale(rows[0] as OrderPushEntity)[0] ?? null) : null;
  }

  async record(
    m: EntityManager,
    supplierId: string,
    orderId: string,
    event: ShipmentLedgerEvent,
  ): Promise<void> {
    const at = new Date(clockOf(this.options).now());
    const [push]: { id: string; attempts: number; cin7_order_number: string | null }[] = await m.query(
      `SELECT id, attempts, cin7_order_number FROM cin7_order_push
        WHERE supplier_id = $1 AND upstock_order_id = $2 FOR UPDATE`,
      [supplierId, orderId],
    );
    if (!push) return;
    if (event.type === 'shipped' || event.type === 'tracking-changed') {
      await m.query(
        `UPDATE cin7_order_push SET state = 'shipped', shipped_at = COALESCE(shipped_at, $2), updated_at = now()
          WHERE id = $1`,
        [push.id, at],
      );
    }
    if (event.totalsMismatch !== undefined) {
      await m.query(`UPDATE cin7_order_push SET totals_mismatch = $2, updated_at = now() WHERE id = $1`, [
        push.id,
        event.totalsMismatch,
      ]);
    }
    await this.orderPushes.addEvent(
      { id: push.id, supplierId },
      {
        type: event.type,
        message: event.message,
        attempt: push.attempts,
        cin7OrderNumber: push.cin7_order_number,
      },
      m,
    );
  }
}
