import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { clockOf } from '../work/clock.js';
import { QUEUES } from '../work/job-queue.service.js';
import type { SyncRunEntity } from '../work/sync-run.entity.js';
import { SyncRuns } from '../work/sync-runs.service.js';

export const STOCK_SYNC_INTERVAL_NAME = 'cin7-core:stock-sync';
/**
 * A full pass every hour: webhooks carry the changes between passes, the pass makes good any delivery that was
 * missed (Cin7 gives up on a webhook after about 76 minutes of failures, BP L27929-27944). 10,000 products in two
 * locations cost about 16 calls, under a third of one minute's budget.
 */
export const STOCK_PASS_INTERVAL_MS = 60 * 60_000;

/**
 * Thin fan-out on every scheduler tick: each connected supplier with stock sync on whose pass is due gets one run
 * (joined when one is already queued or running). "Due" is claimed with one UPDATE ... WHERE due RETURNING, so
 * replicas ticking at once start each pass once.
 */
@Injectable()
export class StockSyncScheduler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Cin7Core:StockSyncScheduler');

  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: SyncRuns,
    private readonly registry: SchedulerRegistry,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
  ) {}

  onModuleInit(): void {
    const interval = setInterval(() => void this.tick(), this.options.schedulerTickMs ?? 60_000);
    this.registry.addInterval(STOCK_SYNC_INTERVAL_NAME, interval);
  }

  onModuleDestroy(): void {
    if (this.registry.doesExist('interval', STOCK_SYNC_INTERVAL_NAME))
      this.registry.deleteInterval(STOCK_SYNC_INTERVAL_NAME);
  }

  private now(): Date {
    return new Date(clockOf(this.options).now());
  }

  /** Starts every due pass; answers for which suppliers. One supplier's failure never stops the others. */
  async tick(): Promise<string[]> {
    const now = this.now();
    let due: { supplier_id: string }[];
    try {
      due = await this.dataSource.query(
        `SELECT c.supplier_id FROM cin7_connection c
           JOIN cin7_stock_settings s ON s.supplier_id = c.supplier_id AND (s.settings->>'enabled')::boolean
           LEFT JOIN cin7_stock_state t ON t.supplier_id = c.supplier_id
          WHERE c.status = 'connected' AND (t.next_pass_at IS NULL OR t.next_pass_at <= $1)`,
        [now],
      );
    } catch (error) {
      this.logger.warn(`tick skipped: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
    const started: string[] = [];
    for (const { supplier_id: supplierId } of due) {
      try {
        if (await this.claim(supplierId, now)) {
          await this.passNow(supplierId, 'scheduled');
          started.push(supplierId);
        }
      } catch (error) {
        this.logger.warn(`tick for ${supplierId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return started;
  }

  /** A pass now (turned on, settings changed, "sync now"); the next scheduled one an interval later. */
  async passNow(supplierId: string, reason: string): Promise<SyncRunEntity> {
    const next = new Date(this.now().getTime() + STOCK_PASS_INTERVAL_MS);
    await this.dataSource.query(
      `INSERT INTO cin7_stock_state (supplier_id, next_pass_at) VALUES ($1, $2)
       ON CONFLICT (supplier_id) DO UPDATE SET next_pass_at = EXCLUDED.next_pass_at`,
      [supplierId, next],
    );
    const { run } = await this.runs.startOrJoin(supplierId, 'stock-sync', QUEUES.stockSync, {
      scope: 'all',
      reason,
    });
    return run;
  }

  private async claim(supplierId: string, now: Date): Promise<boolean> {
    await this.dataSource.query(
      `INSERT INTO cin7_stock_state (supplier_id) VALUES ($1) ON CONFLICT DO NOTHING`,
      [supplierId],
    );
    const [rows] = await this.dataSource.query(
      `UPDATE cin7_stock_state SET next_pass_at = $3
        WHERE supplier_id = $1 AND (next_pass_at IS NULL OR next_pass_at <= $2) RETURNING supplier_id`,
      [supplierId, now, new Date(now.getTime() + STOCK_PASS_INTERVAL_MS)],
    );
    return Array.isArray(rows) && rows.length > 0;
  }
}
