import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions, RetentionOptions } from '../cin7-core.options.js';

/** Defaults of Cin7CoreModuleOptions.retention (documented in docs/architecture.md, "Retention"). */
export const DEFAULT_RETENTION: Required<RetentionOptions> = {
  runsDays: 30,
  pushEventsDays: 90,
  shipmentStatesDays: 90,
  callLogHours: 1,
  retiredCredentialsMinutes: 60,
  intervalMs: 15 * 60_000,
};
/** Rows deleted per statement, so a large backlog never holds long locks. */
const BATCH = 5_000;

/**
 * Deletes what no longer serves anyone, by age in database time: finished runs (the latest of each kind per supplier
 * is kept, the panel shows it), push timelines, the shipment state of long-settled sales, the call log beyond any
 * window, and retired credentials past their hour (whether or not the clean-up job that should delete them ran).
 */
@Injectable()
export class Retention implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Cin7Core:Retention');
  private timer: ReturnType<typeof setInterval> | null = null;
  private running = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
  ) {}

  private get limits(): Required<RetentionOptions> {
    return { ...DEFAULT_RETENTION, ...this.options.retention };
  }

  onModuleInit(): void {
    if (this.options.workersEnabled === false) return;
    this.timer = setInterval(() => void this.tick(), this.limits.intervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return; // a slow pass is never overlapped by the next
    this.running = true;
    try {
      await this.prune();
    } catch (error) {
      this.logger.warn(`retention pass failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = false;
    }
  }

  /** One pass; answers how many rows each rule deleted. Every replica may run it: deletes are idempotent. */
  async prune(): Promise<Record<string, number>> {
    const l = this.limits;
    const deleted = {
      runs: await this.inBatches(
        `DELETE FROM cin7_sync_run WHERE id IN (
           SELECT r.id FROM cin7_sync_run r
            WHERE r.state IN ('succeeded', 'failed', 'cancelled')
              AND r.finished_at < now() - make_interval(days => $1)
              AND EXISTS (SELECT 1 FROM cin7_sync_run n
                           WHERE n.supplier_id = r.supplier_id AND n.kind = r.kind AND n.created_at > r.created_at)
            LIMIT $2)`,
        [l.runsDays],
      ),
      pushEvents: await this.inBatches(
        `DELETE FROM cin7_order_push_event WHERE id IN (
           SELECT id FROM cin7_order_push_event WHERE at < now() - make_interval(days => $1) LIMIT $2)`,
        [l.pushEventsDays],
      ),
      shipmentStates: await this.inBatches(
        `DELETE FROM cin7_shipment_state WHERE (supplier_id, sale_id) IN (
           SELECT supplier_id, sale_id FROM cin7_shipment_state
            WHERE (shipped_key IS NOT NULL OR voided_at IS NOT NULL)
              AND updated_at < now() - make_interval(days => $1)
            LIMIT $2)`,
        [l.shipmentStatesDays],
      ),
      callLog: await this.inBatches(
        `DELETE FROM cin7_call_log WHERE id IN (
           SELECT id FROM cin7_call_log
            WHERE COALESCE(answered_at, called_at) < now() - make_interval(hours => $1) LIMIT $2)`,
        [l.callLogHours],
      ),
      retiredCredentials: await this.inBatches(
        `DELETE FROM cin7_retired_credentials WHERE connection_id IN (
           SELECT connection_id FROM cin7_retired_credentials
            WHERE retired_at < now() - make_interval(mins => $1) LIMIT $2)`,
        [l.retiredCredentialsMinutes],
      ),
    };
    if (Object.values(deleted).some((n) => n > 0)) this.logger.log(`pruned ${JSON.stringify(deleted)}`);
    return deleted;
  }

  private async inBatches(sql: string, params: unknown[]): Promise<number> {
    let total = 0;
    for (;;) {
      const [, count] = (await this.dataSource.query(sql, [...params, BATCH])) as [unknown, number];
      total += count;
      if (count < BATCH) return total;
    }
  }
}
