import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DEFAULT_SETTINGS } from '@upstock/cin7-contracts';
import { DataSource } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { clockOf, INTERVAL_CHANGE_SLACK_MS } from '../work/clock.js';
import { PriceSyncTrigger } from './price-sync.trigger.js';

export const PRICE_SYNC_INTERVAL_NAME = 'cin7-core:price-sync';

/**
 * Thin fan-out on every scheduler tick: each connected supplier whose price sync is due (settings
 * `priceSyncIntervalMinutes`, default hourly) gets one run enqueued. Set-based: one INSERT for new connections and
 * one UPDATE ... WHERE due ... RETURNING, whatever the number of suppliers, so replicas ticking at once enqueue each
 * supplier once. A sync scheduled further out than the current interval (the supplier shortened it) is due at once.
 * Ticks of one replica never overlap.
 */
@Injectable()
export class PriceSyncScheduler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Cin7Core:PriceSyncScheduler');
  private ticking = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly trigger: PriceSyncTrigger,
    private readonly registry: SchedulerRegistry,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
  ) {}

  onModuleInit(): void {
    const interval = setInterval(() => void this.tick(), this.options.schedulerTickMs ?? 60_000);
    this.registry.addInterval(PRICE_SYNC_INTERVAL_NAME, interval);
  }

  onModuleDestroy(): void {
    if (this.registry.doesExist('interval', PRICE_SYNC_INTERVAL_NAME))
      this.registry.deleteInterval(PRICE_SYNC_INTERVAL_NAME);
  }

  /** Enqueues every due supplier; answers which. One supplier's failure never stops the others. */
  async tick(): Promise<string[]> {
    if (this.ticking) return [];
    this.ticking = true;
    try {
      return await this.fanOut();
    } catch (error) {
      this.logger.warn(`tick skipped: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    } finally {
      this.ticking = false;
    }
  }

  private async fanOut(): Promise<string[]> {
    const now = new Date(clockOf(this.options).now());
    await this.dataSource.query(
      `INSERT INTO cin7_price_sync_state (supplier_id)
       SELECT supplier_id FROM cin7_connection WHERE status = 'connected'
       ON CONFLICT DO NOTHING`,
    );
    const [rows] = (await this.dataSource.query(
      `UPDATE cin7_price_sync_state s SET next_due_at = $1 + due.every
         FROM (SELECT k.supplier_id,
                      make_interval(mins => COALESCE((st.settings->>'priceSyncIntervalMinutes')::int, $2)) AS every
                 FROM cin7_connection k LEFT JOIN cin7_settings st ON st.supplier_id = k.supplier_id
                WHERE k.status = 'connected') due
        WHERE s.supplier_id = due.supplier_id
          AND (s.next_due_at IS NULL OR s.next_due_at <= $1
               OR s.next_due_at > $1 + due.every + make_interval(secs => $3))
       RETURNING s.supplier_id`,
      [now, DEFAULT_SETTINGS.priceSyncIntervalMinutes, INTERVAL_CHANGE_SLACK_MS / 1000],
    )) as [{ supplier_id: string }[], number];
    const enqueued: string[] = [];
    for (const { supplier_id: supplierId } of rows) {
      try {
        await this.trigger.forSupplier(supplierId, { reason: 'scheduled' });
        enqueued.push(supplierId);
      } catch (error) {
        this.logger.warn(`tick for ${supplierId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return enqueued;
  }
}
