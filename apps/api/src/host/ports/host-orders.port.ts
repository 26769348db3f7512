import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { HostOrder, OrdersPort, ShipmentInfo } from '../../module/ports/index.js';
import { HostOrderCommentEntity, HostOrderEntity, HostOrderLineEntity } from '../entities/host.entities.js';
import { isUuid } from './host-customers.port.js';

@Injectable()
export class HostOrdersPort implements OrdersPort {
  constructor(
    @InjectRepository(HostOrderEntity) private readonly orders: Repository<HostOrderEntity>,
    @InjectRepository(HostOrderLineEntity) private readonly lines: Repository<HostOrderLineEntity>,
    @InjectRepository(HostOrderCommentEntity) private readonly comments: Repository<HostOrderCommentEntity>,
  ) {}

  async findOrder(supplierId: string, orderId: string): Promise<HostOrder | null> {
    if (!isUuid(orderId)) return null;
    const order = await this.orders.findOneBy({ supplierId, id: orderId });
    if (!order) return null;
    const [lines, comments] = await Promise.all([
      this.lines.find({ where: { orderId }, order: { position: 'ASC' } }),
      this.comments.find({ where: { orderId }, order: { createdAt: 'ASC' } }),
    ]);
    return toHostOrder(order, lines, comments);
  }

  async markShipped(supplierId: string, orderId: string, shipment: ShipmentInfo): Promise<void> {
    await this.orders.update(
      { supplierId, id: orderId },
      {
        status: 'shipped',
        shippedAt: new Date(shipment.shippedAt),
        tracking: shipment.trackingUrl ?? shipment.trackingNumber,
        shipmentTrackingNumber: shipment.trackingNumber,
        shipmentTrackingUrl: shipment.trackingUrl,
        shipmentCarrier: shipment.carrier,
      },
    );
  }

  async setTotalsMismatch(supplierId: string, orderId: string, explanation: string | null): Promise<void> {
    await this.orders.update({ supplierId, id: orderId }, { totalsMismatch: explanation });
  }
}

export function toHostOrder(
  order: HostOrderEntity,
  lines: HostOrderLineEntity[],
  comments: HostOrderCommentEntity[],
): HostOrder {
  const lineTotal = lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  return {
    id: order.id,
    number: order.number,
    reference: order.reference,
    customerId: order.customerId,
    currency: order.currency,
    status: order.status,
    orderDate: order.orderDate,
    deliveryDate: order.deliveryDate,
    comments: comments.map((c) => c.body),
    tracking: order.tracking,
    lines: lines.map((l) => ({
      productId: l.productId,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
    })),
    freight: order.freight,
    total: Math.round((lineTotal + (order.freight ?? 0)) * 10_000) / 10_000,
  };
}
