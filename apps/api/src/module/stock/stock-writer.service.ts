import { Inject, Injectable } from '@nestjs/common';
import type { StockDisplay } from '@upstock/cin7-contracts';
import { DataSource } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import type { InventoryPort, ProductAvailability } from '../ports/index.js';
import { clockOf } from '../work/clock.js';
import { type StockSum, toAvailability } from './stock-sum.js';

/** Products per host call: the port takes up to 1,000 at a time. */
const HOST_BATCH = 1_000;
/** Batches written at once: the host's pool is shared with the job queue and the API's requests. */
const WRITE_CONCURRENCY = 3;

export interface StockWrite {
  cin7ProductId: string;
  sum: Omit<StockSum, 'sku'>;
}

export interface WriteOptions {
  display: StockDisplay;
  /** Set by webhooks and targeted reads: the news is dated now, and a pass that read earlier will not undo it. */
  event?: boolean;
  /** A pass started at this time: products a webhook or read updated since keep that fresher value. */
  notNewerThan?: Date;
}

interface LevelRow {
  cin7_product_id: string;
  upstock_product_id: string;
  available: string;
  in_stock: boolean;
  on_order: string;
  next_delivery_date: string | null;
  display: string;
  last_event_at: Date | null;
}

/**
 * Writes availability into the host through the inventory port, only where it differs from what was last written
 * (`cin7_stock_level`), for linked products only (`cin7_product_link`). Writing the same values again is a no-op, so
 * duplicate deliveries cost nothing.
 */
@Injectable()
export class StockWriter {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
  ) {}

  get inventory(): InventoryPort | undefined {
    return this.options.ports.inventory;
  }

  /** Answers how many host products changed, and which Cin7 products have no Upstock twin. */
  async write(
    supplierId: string,
    writes: StockWrite[],
    opts: WriteOptions,
  ): Promise<{ updated: number; unlinked: string[] }> {
    const inventory = this.inventory;
    if (!inventory) throw new Error('The host provides no inventory port: stock cannot be written');
    if (writes.length === 0) return { updated: 0, unlinked: [] };
    const ids = writes.map((w) => w.cin7ProductId);
    const links: { cin7_product_id: string; upstock_product_id: string }[] = await this.dataSource.query(
      `SELECT cin7_product_id, upstock_product_id FROM cin7_product_link
        WHERE supplier_id = $1 AND cin7_product_id = ANY($2::text[])`,
      [supplierId, ids],
    );
    const upstockId = new Map(links.map((l) => [l.cin7_product_id, l.upstock_product_id]));
    const levels: LevelRow[] = await this.dataSource.query(
      `SELECT * FROM cin7_stock_level WHERE supplier_id = $1 AND cin7_product_id = ANY($2::text[])`,
      [supplierId, ids],
    );
    const current = new Map(levels.map((l) => [l.cin7_product_id, l]));
    const unlinked: string[] = [];
    const changed: { cin7ProductId: string; value: ProductAvailability }[] = [];
    for (const write of writes) {
      const productId = upstockId.get(write.cin7ProductId);
      if (!productId) {
        unlinked.push(write.cin7ProductId);
        continue;
      }
      const level = current.get(write.cin7ProductId);
      if (opts.notNewerThan && level?.last_event_at && level.last_event_at > opts.notNewerThan) continue;
      const value = toAvailability(productId, write.sum, opts.display);
      if (level && sameAsWritten(level, value, opts.display)) continue;
      changed.push({ cin7ProductId: write.cin7ProductId, value });
    }
    const now = new Date(clockOf(this.options).now());
    const batches: (typeof changed)[] = [];
    for (let i = 0; i < changed.length; i += HOST_BATCH) batches.push(changed.slice(i, i + HOST_BATCH));
    // A few batches at once (distinct products, each atomic in the host); each is recorded once the host has it.
    const writeNext = async (): Promise<void> => {
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        await inventory.setAvailability(
          supplierId,
          batch.map((c) => c.value),
        );
        await this.record(supplierId, batch, opts.display, opts.event ? now : null);
      }
    };
    await Promise.all(Array.from({ length: WRITE_CONCURRENCY }, writeNext));
    // Unchanged products still carry the news date of a webhook or read: a pass that read earlier leaves them be.
    if (opts.event) {
      const same = writes.map((w) => w.cin7ProductId).filter((id) => upstockId.has(id));
      await this.dataSource.query(
        `UPDATE cin7_stock_level SET last_event_at = $3 WHERE supplier_id = $1 AND cin7_product_id = ANY($2::text[])`,
        [supplierId, same, now],
      );
    }
    return { updated: changed.length, unlinked };
  }

  /** Stock sync turned off: the host stops showing figures no one keeps fresh; a later pass writes them all again. */
  async clear(supplierId: string): Promise<void> {
    await this.inventory?.clearAvailability(supplierId);
    await this.dataSource.query(`DELETE FROM cin7_stock_level WHERE supplier_id = $1`, [supplierId]);
  }

  private async record(
    supplierId: string,
    batch: { cin7ProductId: string; value: ProductAvailability }[],
    display: StockDisplay,
    eventAt: Date | null,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO cin7_stock_level (supplier_id, cin7_product_id, upstock_product_id, available, in_stock, on_order,
              next_delivery_date, display, last_event_at, updated_at)
       SELECT $1, v.cin7_id, v.upstock_id, v.available, v.in_stock, v.on_order, v.next_delivery, $7, $8, now()
         FROM unnest($2::text[], $3::text[], $4::numeric[], $5::boolean[], $6::numeric[], $9::text[])
           AS v(cin7_id, upstock_id, available, in_stock, on_order, next_delivery)
       ON CONFLICT (supplier_id, cin7_product_id) DO UPDATE SET upstock_product_id = EXCLUDED.upstock_product_id,
         available = EXCLUDED.available, in_stock = EXCLUDED.in_stock, on_order = EXCLUDED.on_order,
         next_delivery_date = EXCLUDED.next_delivery_date, display = EXCLUDED.display,
         last_event_at = COALESCE(EXCLUDED.last_event_at, cin7_stock_level.last_event_at), updated_at = now()`,
      [
        supplierId,
        batch.map((c) => c.cin7ProductId),
        batch.map((c) => c.value.productId),
        batch.map((c) => c.value.available ?? 0),
        batch.map((c) => c.value.inStock),
        batch.map((c) => c.value.onOrder),
        display,
        eventAt,
        batch.map((c) => c.value.nextDeliveryDate),
      ],
    );
  }
}

function sameAsWritten(level: LevelRow, value: ProductAvailability, display: StockDisplay): boolean {
  return (
    level.display === display &&
    Number(level.available) === (value.available ?? 0) &&
    level.in_stock === value.inStock &&
    Number(level.on_order) === value.onOrder &&
    (level.next_delivery_date ?? null) === value.nextDeliveryDate
  );
}
