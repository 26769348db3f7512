import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type {
  ReferenceHostCreateOrder as CreateOrder,
  ReferenceHostUpdateOrder as UpdateOrder,
} from '@upstock/cin7-contracts';
import { DataSource, type EntityManager, In } from 'typeorm';
import { Cin7OrderApprovals } from '../module/index.js';
import type { HostOrder } from '../module/ports/index.js';
import {
  HostCustomerEntity,
  HostOrderCommentEntity,
  HostOrderEntity,
  HostOrderLineEntity,
  HostProductEntity,
} from './entities/host.entities.js';
import { isUuid } from './ports/host-customers.port.js';
import { HostOrdersPort } from './ports/host-orders.port.js';
import { HostPriceListsPort } from './ports/host-price-lists.port.js';

/** The reference host's order workflow: a buyer orders, the supplier edits and approves. */
@Injectable()
export class HostOrdersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly prices: HostPriceListsPort,
    private readonly ordersPort: HostOrdersPort,
    private readonly approvals: Cin7OrderApprovals,
  ) {}

  async list(supplierId: string, limit = 50) {
    return this.dataSource.getRepository(HostOrderEntity).find({
      where: { supplierId },
      order: { createdAt: 'DESC' },
      take: limit,
    });
  }

  /** An order as the host shows it: the module's view plus what came back from Cin7. */
  async get(supplierId: string, orderId: string) {
    const order = await this.ordersPort.findOrder(supplierId, orderId);
    if (!order) throw new NotFoundException(`No order ${orderId}`);
    const row = await this.dataSource.getRepository(HostOrderEntity).findOneByOrFail({ id: orderId });
    return {
      ...order,
      totalsMismatch: row.totalsMismatch,
      shippedAt: row.shippedAt?.toISOString() ?? null,
      carrier: row.shipmentCarrier,
      trackingNumber: row.shipmentTrackingNumber,
      trackingUrl: row.shipmentTrackingUrl,
    };
  }

  /** A buyer's order, priced from the supplier's price lists for that customer. */
  async create(supplierId: string, input: CreateOrder): Promise<HostOrder> {
    const orderId = await this.dataSource.transaction(async (m) => {
      const customer = await m
        .getRepository(HostCustomerEntity)
        .findOneBy({ supplierId, id: input.customerId });
      if (!customer) throw new NotFoundException(`No customer ${input.customerId}`);
      // Order numbers are per supplier: serialise numbering so parallel orders never take the same one.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('host-order-number'), hashtext($1))`, [
        supplierId,
      ]);
      const [{ next }] = await m.query(
        `SELECT 1001 + count(*)::int AS next FROM host_order WHERE supplier_id = $1`,
        [supplierId],
      );
      const order = await m.getRepository(HostOrderEntity).save(
        m.getRepository(HostOrderEntity).create({
          supplierId,
          number: `UP-${next}`,
          reference: input.reference ?? null,
          customerId: customer.id,
          currency: customer.currency ?? 'NZD',
          status: 'draft',
          orderDate: new Date().toISOString().slice(0, 10),
          deliveryDate: input.deliveryDate ?? null,
          tracking: null,
          freight: input.freight ?? null,
        }),
      );
      await this.writeLines(m, supplierId, order.id, customer.id, input.lines);
      if (input.comment)
        await m.getRepository(HostOrderCommentEntity).insert({ orderId: order.id, body: input.comment });
      return order.id;
    });
    return this.get(supplierId, orderId);
  }

  async update(supplierId: string, orderId: string, input: UpdateOrder): Promise<HostOrder> {
    await this.dataSource.transaction(async (m) => {
      const order = await this.lockOrder(m, supplierId, orderId);
      const { lines, ...fields } = input;
      if (order.status !== 'draft' && (lines || fields.freight !== undefined)) {
        throw new ConflictException('Approved orders cannot change lines or freight');
      }
      if (Object.keys(fields).length) await m.getRepository(HostOrderEntity).update(order.id, fields);
      if (lines) {
        await m.getRepository(HostOrderLineEntity).delete({ orderId });
        await this.writeLines(
          m,
          supplierId,
          orderId,
          order.customerId,
          lines.filter((l) => l.quantity > 0),
        );
      }
    });
    return this.get(supplierId, orderId);
  }

  async comment(supplierId: string, orderId: string, body: string): Promise<HostOrder> {
    await this.lockOrder(this.dataSource.manager, supplierId, orderId, false);
    await this.dataSource.getRepository(HostOrderCommentEntity).insert({ orderId, body });
    return this.get(supplierId, orderId);
  }

  /**
   * Approval and the Cin7 push record commit together, or neither does: the module records the push in this
   * transaction (what Upstock does when it mounts the module).
   */
  async approve(supplierId: string, orderId: string): Promise<HostOrder> {
    await this.dataSource.transaction(async (m) => {
      const order = await this.lockOrder(m, supplierId, orderId);
      if (order.status !== 'draft')
        throw new ConflictException(`Order ${order.number} is already ${order.status}`);
      await m.getRepository(HostOrderEntity).update(order.id, { status: 'approved' });
      await this.approvals.recordApproval(supplierId, orderId, { manager: m });
    });
    return this.get(supplierId, orderId);
  }

  private async lockOrder(
    m: EntityManager,
    supplierId: string,
    orderId: string,
    lock = true,
  ): Promise<HostOrderEntity> {
    if (!isUuid(orderId)) throw new NotFoundException(`No order ${orderId}`);
    const order = await m.getRepository(HostOrderEntity).findOne({
      where: { supplierId, id: orderId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!order) throw new NotFoundException(`No order ${orderId}`);
    return order;
  }

  private async writeLines(
    m: EntityManager,
    supplierId: string,
    orderId: string,
    customerId: string,
    lines: { productId: string; quantity: number }[],
  ): Promise<void> {
    const products = await m
      .getRepository(HostProductEntity)
      .findBy({ supplierId, id: In(lines.map((l) => l.productId)) });
    const byId = new Map(products.map((p) => [p.id, p]));
    const rows = [];
    for (const [position, line] of lines.entries()) {
      const product = byId.get(line.productId);
      if (!product)
        throw new BadRequestException({
          message: `No product ${line.productId}`,
          field: `lines.${position}.productId`,
        });
      const unitPrice = (await this.prices.priceFor(supplierId, customerId, product.id)) ?? product.basePrice;
      rows.push({
        orderId,
        position,
        productId: product.id,
        sku: product.sku,
        name: product.name,
        quantity: line.quantity,
        unitPrice,
      });
    }
    if (rows.length) await m.getRepository(HostOrderLineEntity).insert(rows);
  }
}
