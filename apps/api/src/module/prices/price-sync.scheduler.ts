import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { SettingsService } from '../settings/settings.service.js';
import { clockOf } from '../work/clock.js';
import { PriceSyncTrigger } from './price-sync.trigger.js';

export const PRICE_SYNC_INTERVAL_NAME = 'cin7-core:price-sync';

/**
 * Thin fan-out on every scheduler tick: each connected supplier whose price sync is due (settings
 * `priceSyncIntervalMinutes`, default hourly) gets one run enqueued. "Due" is claimed with one
 * UPDATE ... WHERE due RETURNING, so replicas ticking at once enqueue each supplier once.
 */
@Injectable()
export class PriceSyncScheduler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Cin7Core:PriceSyncScheduler');

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SettingsService,
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
    const now = new Date(clockOf(this.options).now());
    let due: { supplier_id: string }[];
    try {
      due = await this.dataSource.query(
        `SELECT c.supplier_id FROM cin7_connection c
           LEFT JOIN cin7_price_sync_state s ON s.supplier_id = c.supplier_id
          WHERE c.status = 'connected' AND (s.next_due_at IS NULL OR s.next_due_at <= $1)`,
        [now],
      );
    } catch (error) {
      this.logger.warn(`tick skipped: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
    const enqueued: string[] = [];
    for (const { supplier_id: supplierId } of due) {
      try {
        if (await this.claim(supplierId, now)) {
          await this.trigger.forSupplier(supplierId, { reason: 'scheduled' });
          enqueued.push(supplierId);
        }
      } catch (error) {
        this.logger.warn(`tick for ${supplierId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return enqueued;
  }

  private async claim(supplierId: string, now: Date): Promise<boolean> {
    const { priceSyncIntervalMinutes } = await this.settings.get(supplierId);
    const next = new Date(now.getTime() + priceSyncIntervalMinutes * 60_000);
    await this.dataSource.query(
      `INSERT INTO cin7_price_sync_state (supplier_id) VALUES ($1) ON CONFLICT DO NOTHING`,
      [supplierId],
    );
    const [rows] = await this.dataSource.query(
      `UPDATE cin7_price_sync_state SET next_due_at = $3
        WHERE supplier_id = $1 AND (next_due_at IS NULL OR next_due_at <= $2) RETURNING supplier_id`,
      [supplierId, now, next],
    );
    return Array.isArray(rows) && rows.length > 0;
  }
}
