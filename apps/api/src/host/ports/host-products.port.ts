import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import type { HostProduct, ProductsPort, ProductUpsert } from '../../module/ports/index.js';
import { HostProductEntity } from '../entities/host.entities.js';

@Injectable()
export class HostProductsPort implements ProductsPort {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(HostProductEntity) private readonly products: Repository<HostProductEntity>,
  ) {}

  async findBySkus(supplierId: string, skus: string[]): Promise<HostProduct[]> {
    if (skus.length === 0) return [];
    const rows = await this.products.find({
      where: { supplierId, sku: In(skus) },
      select: { id: true, sku: true, name: true },
    });
    return rows.map(({ id, sku, name }) => ({ id, sku, name }));
  }

  /** One multi-row statement per batch: imports write thousands of products. */
  async upsertMany(supplierId: string, products: ProductUpsert[]): Promise<string[]> {
    if (products.length === 0) return [];
    const rows: unknown[] = [];
    const values = products.map((p, i) => {
      rows.push(p.id ?? null, supplierId, p.sku, p.name, p.notes, JSON.stringify(p.imageUrls), p.basePrice);
      const o = i * 7;
      return `(COALESCE($${o + 1}::uuid, gen_random_uuid()), $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}::jsonb, $${o + 7}::numeric)`;
    });
    const result: { id: string; sku: string }[] = await this.dataSource.query(
      `INSERT INTO host_product (id, supplier_id, sku, name, notes, image_urls, base_price)
       VALUES ${values.join(',')}
       ON CONFLICT (supplier_id, sku) DO UPDATE SET name = EXCLUDED.name, notes = EXCLUDED.notes,
         image_urls = EXCLUDED.image_urls, base_price = EXCLUDED.base_price
       RETURNING id, sku`,
      rows,
    );
    const bySku = new Map(result.map((r) => [r.sku, r.id]));
    return products.map((p) => bySku.get(p.sku) as string);
  }

  async setBasePrices(supplierId: string, prices: { productId: string; price: number }[]): Promise<void> {
    if (prices.length === 0) return;
    await this.dataSource.query(
      `UPDATE host_product p SET base_price = v.price
         FROM unnest($2::uuid[], $3::numeric[]) AS v(id, price)
        WHERE p.id = v.id AND p.supplier_id = $1`,
      [supplierId, prices.map((p) => p.productId), prices.map((p) => p.price)],
    );
  }
}
