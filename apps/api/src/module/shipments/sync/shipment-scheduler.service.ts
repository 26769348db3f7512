import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../../cin7-core.options.js';
import type { ConnectionEntity } from '../../connection/connection.entity.js';
import { ConnectionsService } from '../../connection/connections.service.js';
import { SettingsService } from '../../settings/settings.service.js';
import { clockOf } from '../../work/clock.js';
import { JobQueue, QUEUES } from '../../work/job-queue.service.js';

export const SHIPMENTS_INTERVAL_NAME = 'cin7-core:shipments';
/**
 * How often Cin7's webhook registrations are checked (one `GET /webhooks` per connection). Cin7 deactivates a
 * webhook after about 76 minutes of failed deliveries (reference §6); the poll covers the gap meanwhile.
 */
export const WEBHOOK_CHECK_INTERVAL_MS = 15 * 60_000;

/**
 * Thin fan-out on every scheduler tick: for each connection whose poll (settings.shipmentPollIntervalMinutes) or
 * webhook check is due, enqueue one job. "Due" is claimed with one UPDATE ... WHERE due RETURNING, so several
 * replicas ticking at once enqueue each unit once.
 */
@Injectable()
export class ShipmentScheduler implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Cin7Core:ShipmentScheduler');

  constructor(
    private readonly dataSource: DataSource,
    private readonly connections: ConnectionsService,
    private readonly settings: SettingsService,
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

  async tick(): Promise<void> {
    let connections: ConnectionEntity[];
    try {
      connections = await this.connections.findActiveConnections();
    } catch (error) {
      this.logger.warn(`tick skipped: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    for (const connection of connections) {
      try {
        await this.fanOut(connection.supplierId);
      } catch (error) {
        this.logger.warn(
          `tick for ${connection.supplierId}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  async fanOut(supplierId: string): Promise<{ poll: boolean; webhookCheck: boolean }> {
    const now = this.now();
    const { shipmentPollIntervalMinutes } = await this.settings.get(supplierId);
    await this.ensureSchedule(supplierId, now);
    const poll = await this.claim(supplierId, 'next_poll_at', now, shipmentPollIntervalMinutes * 60_000);
    if (poll)
      await this.queue.send(
        QUEUES.shipmentPoll,
        { supplierId },
        { singletonKey: `shipment-poll:${supplierId}` },
      );
    const webhookCheck = await this.claim(
      supplierId,
      'next_webhook_check_at',
      now,
      WEBHOOK_CHECK_INTERVAL_MS,
    );
    if (webhookCheck) {
      await this.queue.send(
        QUEUES.webhooks,
        { supplierId, action: 'check' },
        { singletonKey: `webhooks:${supplierId}` },
      );
    }
    return { poll, webhookCheck };
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

  private async claim(
    supplierId: string,
    column: 'next_poll_at' | 'next_webhook_check_at',
    now: Date,
    intervalMs: number,
  ): Promise<boolean> {
    const [rows] = await this.dataSource.query(
      `UPDATE cin7_shipment_schedule SET ${column} = $3 WHERE supplier_id = $1 AND ${column} <= $2 RETURNING supplier_id`,
      [supplierId, now, new Date(now.getTime() + intervalMs)],
    );
    return Array.isArray(rows) && rows.length > 0;
  }
}
