import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An Upstock product and its Cin7 twin (by Cin7 ID; the SKU is a snapshot). Read by prices and order pushes. */
@Entity({ name: 'cin7_product_link' })
@Index(['supplierId', 'upstockProductId'], { unique: true })
@Index(['supplierId', 'cin7ProductId'], { unique: true })
export class ProductLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  @Column({ name: 'upstock_product_id', type: 'text' })
  upstockProductId: string;

  /** Lowercase GUID. */
  @Column({ name: 'cin7_product_id', type: 'text' })
  cin7ProductId: string;

  @Column({ type: 'text' })
  sku: string;

  @Column({ type: 'text' })
  name: string;

  /** Cin7 sale tax rule name, or null (Cin7 then uses the customer's). */
  @Column({ name: 'sale_tax_rule', type: 'text', nullable: true })
  saleTaxRule: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
