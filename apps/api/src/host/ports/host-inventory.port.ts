import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { InventoryPort, ProductAvailability } from '../../module/ports/index.js';

/** The reference host's products carry availability; one statement per batch (a pass writes thousands). */
@Injectable()
export class HostInventoryPort implements InventoryPort {
  constructor(private readonly dataSource: DataSource) {}

  async setAvailability(supplierId: string, items: ProductAvailability[]): Promise<void> {
    if (items.length === 0) return;
    await this.dataSource.query(
      `UPDATE host_product p SET available = v.available, in_stock = v.in_stock, on_order = v.on_order,
              next_delivery_date = v.next_delivery_date, availability_updated_at = now()
         FROM unnest($2::uuid[], $3::numeric[], $4::boolean[], $5::numeric[], $6::text[])
           AS v(id, available, in_stock, on_order, next_delivery_date)
        WHERE p.id = v.id AND p.supplier_id = $1`,
      [
        supplierId,
        items.map((i) => i.productId),
        items.map((i) => i.available),
        items.map((i) => i.inStock),
        items.map((i) => i.onOrder),
        items.map((i) => i.nextDeliveryDate),
      ],
    );
  }

  async clearAvailability(supplierId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE host_product SET available = NULL, in_stock = NULL, on_order = NULL, next_delivery_date = NULL,
              availability_updated_at = now()
        WHERE supplier_id = $1 AND in_stock IS NOT NULL`,
      [supplierId],
    );
  }
}
