import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DEFAULT_SETTINGS } from '@upstock/cin7-contracts';
import { DataSource } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../../cin7-core.options.js';
import { clockOf, INTERVAL_CHANGE_SLACK_MS } from '../../work/clock.js';
import { JobQueue, QUEUES } from '../../work/job-queue.service.js';

export const SHIPMENTS_INTERVAL_NAME = 'cin7-core:shipments';
/**
 * How often Cin7's webhook registrations are checked (one `GET /webhooks` per connection). Cin7 deactivates a
 * webhook after about 76 minutes of failed deliveries (reference §6); the poll covers the gap meanwhile.
 */
export const WEBHOOK_CHECK_INTERVAL_MS = 15 * 60_000;

/**
 * Thin fan-out on every scheduler tick: every connection whose poll (settings.shipmentPollIntervalMinutes) or webhook
 * check is due gets one job. Set-based: one INSERT for new connections and one UPDATE ... WHERE due ... RETURNING per
 * kind, whatever the number of suppliers (an idle tick costs three statements), so several replicas ticking at once
 * enqueue each unit once. A poll scheduled further out than the current interval (the supplier shortened it) is due
 * at once. Ticks of one replica never overlap.
 */
@Injectable()
export class ShipmentScheduler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Cin7Core:ShipmentScheduler');
  private ticking = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly registry: SchedulerRegistry,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
  ) {}

  onModuleInit(): void {
    const interval = setInterval(() => void this.tick(), this.options.schedulerTickMs ?? 60_000);
    this.registry.addInterval(SHIPMENTS_INTERVAL_NAME, interval);
  }

  onModuleDestroy(): void {
    if (this.registry.doesExist('interval', SHIPMENTS_INTERVAL_NAME))
      this.registry.deleteInterval(SHIPMENTS_INTERVAL_NAME);
  }

  private now(): Date {
    return new Date(clockOf(this.options).now());
  }

  /** One tick; answers the suppliers it enqueued work for. A tick still running makes the next one a no-op. */
  async tick(): Promise<{ polls: string[]; webhookChecks: string[] }> {
    if (this.ticking) return { polls: [], webhookChecks: [] };
    this.ticking = true;
    try {
      return await this.fanOut();
    } catch (error) {
      this.logger.warn(`tick skipped: ${error instanceof Error ? error.message : String(error)}`);
      return { polls: [], webhookChecks: [] };
    } finally {
      this.ticking = false;
    }
  }

  /** Claims everything due (for one supplier when given) and enqueues it. */
  async fanOut(onlySupplierId?: string): Promise<{ polls: string[]; webhookChecks: string[] }> {
    const now = this.now();
    await this.dataSource.query(
      `INSERT INTO cin7_shipment_schedule (supplier_id, next_poll_at, next_webhook_check_at)
       SELECT k.supplier_id, $1, $2 FROM cin7_connection k
        WHERE k.status = 'connected' AND ($3::text IS NULL OR k.supplier_id = $3)
       ON CONFLICT DO NOTHING`,
      [now, new Date(now.getTime() + WEBHOOK_CHECK_INTERVAL_MS), onlySupplierId ?? null],
    );
    const [pollRows] = await this.dataSource.query(
      `UPDATE cin7_shipment_schedule s SET next_poll_at = $1 + due.every
         FROM (SELECT k.supplier_id,
                      make_interval(mins => COALESCE((st.settings->>'shipmentPollIntervalMinutes')::int, $2)) AS every
                 FROM cin7_connection k LEFT JOIN cin7_settings st ON st.supplier_id = k.supplier_id
                WHERE k.status = 'connected' AND ($3::text IS NULL OR k.supplier_id = $3)) due
        WHERE s.supplier_id = due.supplier_id
          AND (s.next_poll_at <= $1 OR s.next_poll_at > $1 + due.every + make_interval(secs => $4))
       RETURNING s.supplier_id`,
      [
        now,
        DEFAULT_SETTINGS.shipmentPollIntervalMinutes,
        onlySupplierId ?? null,
        INTERVAL_CHANGE_SLACK_MS / 1000,
      ],
    );
    const [checkRows] = await this.dataSource.query(
      `UPDATE cin7_shipment_schedule s SET next_webhook_check_at = $2
        WHERE s.next_webhook_check_at <= $1 AND ($3::text IS NULL OR s.supplier_id = $3)
          AND EXISTS (SELECT 1 FROM cin7_connection k WHERE k.supplier_id = s.supplier_id AND k.status = 'connected')
       RETURNING s.supplier_id`,
      [now, new Date(now.getTime() + WEBHOOK_CHECK_INTERVAL_MS), onlySupplierId ?? null],
    );
    const polls = (pollRows as { supplier_id: string }[]).map((r) => r.supplier_id);
    const webhookChecks = (checkRows as { supplier_id: string }[]).map((r) => r.supplier_id);
    for (const supplierId of polls) {
      await this.send(() =>
        this.queue.send(QUEUES.shipmentPoll, { supplierId }, { singletonKey: `shipment-poll:${supplierId}` }),
      );
    }
    for (const supplierId of webhookChecks) {
      await this.send(() =>
        this.queue.send(
          QUEUES.webhooks,
          { supplierId, action: 'check' },
          { singletonKey: `webhooks:${supplierId}` },
        ),
      );
    }
    return { polls, webhookChecks };
  }

  /** One supplier's enqueue failing does not stop the others' (it is due again next interval). */
  private async send(enqueue: () => Promise<unknown>): Promise<void> {
    try {
      await enqueue();
    } catch (error) {
      this.logger.warn(`enqueue failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** A poll now (the panel's "check now", tests), outside the schedule. */
  async pollNow(supplierId: string): Promise<void> {
    await this.ensureSchedule(supplierId, this.now());
    await this.queue.send(
      QUEUES.shipmentPoll,
      { supplierId },
      { singletonKey: `shipment-poll:${supplierId}` },
    );
  }

  /** A new connection polls at its first tick; its webhooks were just registered on connect. */
  private async ensureSchedule(supplierId: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO cin7_shipment_schedule (supplier_id, next_poll_at, next_webhook_check_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [supplierId, now, new Date(now.getTime() + WEBHOOK_CHECK_INTERVAL_MS)],
    );
  }
}
