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

  /**
   * Products with an id are updated by id (their SKU may have changed in Cin7); the others are inserted, or merged
   * into the product with the same SKU. One statement for each, per batch: imports write thousands of products.
   */
  upsertMany(supplierId: string, products: ProductUpsert[]): Promise<string[]> {
    if (products.length === 0) return Promise.resolve([]);
    return this.dataSource.transaction(async (m) => {
      const existing = products.filter((p) => p.id);
      if (existing.length) {
        // TypeORM answers an UPDATE as [rows, rowCount].
        const [updated]: [{ id: string }[], number] = await m.query(
          `UPDATE host_product p SET sku = v.sku, name = v.name, notes = v.notes, image_urls = v.image_urls,
                  base_price = v.base_price
             FROM jsonb_to_recordset($2::jsonb)
               AS v(id uuid, sku text, name text, notes text, image_urls jsonb, base_price numeric)
            WHERE p.id = v.id AND p.supplier_id = $1
           RETURNING p.id`,
          [supplierId, JSON.stringify(existing.map(toRecord))],
        );
        if (updated.length !== existing.length)
          throw new Error(`Some products do not belong to supplier ${supplierId}`);
      }
      const fresh = products.filter((p) => !p.id);
      const inserted: { id: string; sku: string }[] = fresh.length
        ? await m.query(
            `INSERT INTO host_product (supplier_id, sku, name, notes, image_urls, base_price)
             SELECT $1, v.sku, v.name, v.notes, v.image_urls, v.base_price
               FROM jsonb_to_recordset($2::jsonb) AS v(sku text, name text, notes text, image_urls jsonb, base_price numeric)
             ON CONFLICT (supplier_id, sku) DO UPDATE SET name = EXCLUDED.name, notes = EXCLUDED.notes,
               image_urls = EXCLUDED.image_urls, base_price = EXCLUDED.base_price
             RETURNING id, sku`,
            [supplierId, JSON.stringify(fresh.map(toRecord))],
          )
        : [];
      const bySku = new Map(inserted.map((r) => [r.sku, r.id]));
      return products.map((p) => p.id ?? (bySku.get(p.sku) as string));
    });
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

function toRecord(p: ProductUpsert) {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    notes: p.notes,
    image_urls: p.imageUrls,
    base_price: p.basePrice,
  };
}
