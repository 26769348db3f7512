import { Inject, Injectable, Logger } from '@nestjs/common';
import { availabilityWebhookSchema } from '@upstock/cin7-core';
import { DataSource } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { WebhookInbox } from '../shipments/webhooks/webhook-inbox.service.js';
import { clockOf } from '../work/clock.js';
import { JobQueue, QUEUES } from '../work/job-queue.service.js';
import { StockSettingsService } from './stock-settings.service.js';
import { splitWebhookRows, sumRows } from './stock-sum.js';
import { type StockWrite, StockWriter } from './stock-writer.service.js';

/**
 * Cin7 retries a failed delivery 5, 10, 15, 20 and 25 minutes after the one before, its first attempt a minute after
 * the event (BP L27929-27944): a delivery may describe a state up to this old. Payloads carry no time or version, so
 * a delivery that disagrees with news applied this recently cannot be ordered against it and is read instead.
 */
export const DELIVERY_DOUBT_WINDOW_MS = 76 * 60_000;

export type StockWebhookOutcome = 'unauthorised' | 'ignored' | 'received';

interface LevelRow {
  cin7_product_id: string;
  available: string;
  on_order: string;
  next_delivery_date: string | null;
  last_event_at: Date | null;
}

/**
 * `Stock/AvailableStockLevelChanged` (BP L27990, payload L28465): applied at once when a product's rows are all
 * there (`MaxRows`) and nothing makes it doubtful, with no Cin7 call; otherwise a hint: a targeted read of that
 * product (`ref/productavailability?ID=`) in background work. Duplicates write nothing (same values); a delivery
 * that disagrees with recent news, or that changes goods on order (the payload has no `NextDeliveryDate`), is read.
 */
@Injectable()
export class StockWebhookService {
  private readonly logger = new Logger('Cin7Core:StockWebhook');

  constructor(
    private readonly inbox: WebhookInbox,
    private readonly settings: StockSettingsService,
    private readonly writer: StockWriter,
    private readonly queue: JobQueue,
    private readonly dataSource: DataSource,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
  ) {}

  async receive(
    connectionId: string,
    secret: string | undefined,
    body: unknown,
  ): Promise<StockWebhookOutcome> {
    const connection = await this.inbox.authenticate(connectionId, secret);
    if (!connection) return 'unauthorised';
    const supplierId = connection.supplierId;
    const settings = await this.settings.get(supplierId);
    if (!settings.enabled || !this.writer.inventory) return 'ignored';
    const parsed = availabilityWebhookSchema.safeParse(body);
    if (!parsed.success) {
      this.logger.warn(`stock webhook for ${supplierId}: unreadable payload ignored`);
      return 'ignored';
    }
    // Rows of products with no Upstock twin are not ours to show: no write, no read.
    const ids = [...new Set(parsed.data.map((r) => r.ID))];
    const linked: { cin7_product_id: string }[] = await this.dataSource.query(
      `SELECT cin7_product_id FROM cin7_product_link WHERE supplier_id = $1 AND cin7_product_id = ANY($2::text[])`,
      [supplierId, ids],
    );
    const ours = new Set(linked.map((l) => l.cin7_product_id));
    const { complete, incomplete } = splitWebhookRows(parsed.data.filter((r) => ours.has(r.ID)));
    const locations = await this.locations(supplierId);
    const hints = new Set(incomplete);
    const applied: StockWrite[] = [];
    if (!locations) for (const id of complete.keys()) hints.add(id);
    else if (complete.size > 0) {
      const now = clockOf(this.options).now();
      const levels: LevelRow[] = await this.dataSource.query(
        `SELECT cin7_product_id, available, on_order, next_delivery_date, last_event_at FROM cin7_stock_level
          WHERE supplier_id = $1 AND cin7_product_id = ANY($2::text[])`,
        [supplierId, [...complete.keys()]],
      );
      const byId = new Map(levels.map((l) => [l.cin7_product_id, l]));
      for (const [id, rows] of complete) {
        const sum = sumRows(rows, locations).get(id) ?? { available: 0, onOrder: 0, nextDeliveryDate: null };
        const level = byId.get(id);
        const sameOnOrder = level ? Number(level.on_order) === sum.onOrder : sum.onOrder === 0;
        const differs = !level || Number(level.available) !== sum.available || !sameOnOrder;
        const doubtful =
          differs && !!level?.last_event_at && now - level.last_event_at.getTime() < DELIVERY_DOUBT_WINDOW_MS;
        if (doubtful || !sameOnOrder) {
          hints.add(id);
          continue;
        }
        applied.push({
          cin7ProductId: id,
          sum: {
            available: sum.available,
            onOrder: sum.onOrder,
            nextDeliveryDate: sum.onOrder > 0 ? (level?.next_delivery_date ?? null) : null,
          },
        });
      }
    }
    if (applied.length > 0)
      await this.writer.write(supplierId, applied, { display: settings.display, event: true });
    for (const productId of hints) {
      await this.queue.send(
        QUEUES.stockRead,
        { supplierId, productId },
        { singletonKey: `stock-read:${supplierId}:${productId}` },
      );
    }
    await this.dataSource.query(
      `INSERT INTO cin7_stock_state (supplier_id, webhooks_applied, webhooks_hinted, last_webhook_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (supplier_id) DO UPDATE SET webhooks_applied = cin7_stock_state.webhooks_applied + $2,
         webhooks_hinted = cin7_stock_state.webhooks_hinted + $3, last_webhook_at = $4`,
      [supplierId, applied.length, hints.size, new Date(clockOf(this.options).now())],
    );
    return 'received';
  }

  /** The locations the last pass summed; else what the settings say, from cached Cin7 data only (no call here). */
  private async locations(supplierId: string): Promise<string[] | null> {
    const [state]: { locations: string[] | null }[] = await this.dataSource.query(
      `SELECT locations FROM cin7_stock_state WHERE supplier_id = $1`,
      [supplierId],
    );
    if (state?.locations) return state.locations;
    return (await this.settings.resolve(supplierId))?.locations ?? null;
  }
}
