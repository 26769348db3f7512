import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { HostAddress, HostContact } from '../../module/ports/index.js';
import { numeric } from './numeric.transformer.js';

// The reference host's own tables: a small stand-in for Upstock's domain. The module never reads them.

@Entity({ name: 'host_supplier' })
export class HostSupplierEntity {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', unique: true }) token: string;
}

@Entity({ name: 'host_customer' })
@Index(['supplierId', 'name'])
export class HostCustomerEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'supplier_id', type: 'text' }) supplierId: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'text', nullable: true }) currency: string | null;
  @Column({ type: 'jsonb', default: () => `'[]'` }) contacts: HostContact[];
  @Column({ name: 'billing_address', type: 'jsonb', nullable: true }) billingAddress: HostAddress | null;
  @Column({ name: 'shipping_addresses', type: 'jsonb', default: () => `'[]'` })
  shippingAddresses: HostAddress[];
  @Column({ name: 'price_tier', type: 'text', nullable: true }) priceTier: string | null;
  @Column({ name: 'discount_percent', type: 'numeric', default: 0, transformer: numeric })
  discountPercent: number;
  @Column({ name: 'sales_representative', type: 'text', nullable: true }) salesRepresentative: string | null;
  @Column({ name: 'ordering_blocked_reason', type: 'text', nullable: true }) orderingBlockedReason:
    | string
    | null;
  @Column({ name: 'price_list_id', type: 'uuid', nullable: true }) priceListId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity({ name: 'host_product' })
@Index(['supplierId', 'sku'], { unique: true })
export class HostProductEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'supplier_id', type: 'text' }) supplierId: string;
  @Column({ type: 'text' }) sku: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', nullable: true }) notes: string | null;
  @Column({ name: 'image_urls', type: 'jsonb', default: () => `'[]'` }) imageUrls: string[];
  @Column({ name: 'base_price', type: 'numeric', transformer: numeric }) basePrice: number;
  /** Units available to buyers; null when only in/out of stock is shown, or never told. */
  @Column({ type: 'numeric', nullable: true, transformer: numeric }) available: number | null;
  @Column({ name: 'in_stock', type: 'boolean', nullable: true }) inStock: boolean | null;
  @Column({ name: 'on_order', type: 'numeric', nullable: true, transformer: numeric }) onOrder: number | null;
  /** `YYYY-MM-DD`. */
  @Column({ name: 'next_delivery_date', type: 'text', nullable: true }) nextDeliveryDate: string | null;
  @Column({ name: 'availability_updated_at', type: 'timestamptz', nullable: true })
  availabilityUpdatedAt: Date | null;
}

@Entity({ name: 'host_price_list' })
@Index(['supplierId', 'key'], { unique: true })
export class HostPriceListEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'supplier_id', type: 'text' }) supplierId: string;
  @Column({ type: 'text' }) key: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) currency: string;
}

@Entity({ name: 'host_price_list_entry' })
export class HostPriceListEntryEntity {
  @PrimaryColumn({ name: 'price_list_id', type: 'uuid' }) priceListId: string;
  @PrimaryColumn({ name: 'product_id', type: 'uuid' }) productId: string;
  @Column({ type: 'numeric', transformer: numeric }) price: number;
}

@Entity({ name: 'host_customer_price' })
export class HostCustomerPriceEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'uuid' }) customerId: string;
  @PrimaryColumn({ name: 'product_id', type: 'uuid' }) productId: string;
  @Column({ type: 'numeric', transformer: numeric }) price: number;
}

@Entity({ name: 'host_order' })
@Index(['supplierId', 'createdAt'])
export class HostOrderEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'supplier_id', type: 'text' }) supplierId: string;
  @Column({ type: 'text' }) number: string;
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ name: 'customer_id', type: 'uuid' }) customerId: string;
  @Column({ type: 'text' }) currency: string;
  @Column({ type: 'text' }) status: 'draft' | 'approved' | 'shipped' | 'cancelled';
  @Column({ name: 'order_date', type: 'date' }) orderDate: string;
  @Column({ name: 'delivery_date', type: 'date', nullable: true }) deliveryDate: string | null;
  @Column({ type: 'text', nullable: true }) tracking: string | null;
  @Column({ type: 'numeric', nullable: true, transformer: numeric }) freight: number | null;
  @Column({ name: 'shipped_at', type: 'timestamptz', nullable: true }) shippedAt: Date | null;
  @Column({ name: 'shipment_carrier', type: 'text', nullable: true }) shipmentCarrier: string | null;
  @Column({ name: 'shipment_tracking_number', type: 'text', nullable: true }) shipmentTrackingNumber:
    | string
    | null;
  @Column({ name: 'shipment_tracking_url', type: 'text', nullable: true }) shipmentTrackingUrl: string | null;
  @Column({ name: 'totals_mismatch', type: 'text', nullable: true }) totalsMismatch: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity({ name: 'host_order_line' })
export class HostOrderLineEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ name: 'product_id', type: 'uuid' }) productId: string;
  @Column({ type: 'text' }) sku: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'numeric', transformer: numeric }) quantity: number;
  @Column({ name: 'unit_price', type: 'numeric', transformer: numeric }) unitPrice: number;
}

@Entity({ name: 'host_order_comment' })
export class HostOrderCommentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId: string;
  @Column({ type: 'text' }) body: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity({ name: 'host_notification' })
export class HostNotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'supplier_id', type: 'text' }) supplierId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) message: string;
  @Column({ name: 'order_id', type: 'uuid', nullable: true }) orderId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export const HOST_ENTITIES = [
  HostSupplierEntity,
  HostCustomerEntity,
  HostProductEntity,
  HostPriceListEntity,
  HostPriceListEntryEntity,
  HostCustomerPriceEntity,
  HostOrderEntity,
  HostOrderLineEntity,
  HostOrderCommentEntity,
  HostNotificationEntity,
];
