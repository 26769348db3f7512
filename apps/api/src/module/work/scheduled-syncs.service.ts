import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { ConnectionsService } from '../connection/connections.service.js';
import type { Cin7ScheduledSync } from '../extensions/extensions.js';
import { ConnectionGoneError } from './call-budget.js';
import { clockOf } from './clock.js';
import { type JobData, JobQueue, QUEUES } from './job-queue.service.js';

export const SCHEDULED_SYNCS_INTERVAL_NAME = 'cin7-core:scheduled-syncs';

/**
 * The host's own scheduled syncs (options.extensions.scheduledSyncs) on the module's work engine: each scheduler
 * tick claims the due (supplier, sync) pairs with one UPDATE ... RETURNING (so replicas ticking at once claim each
 * once) and queues a job; the job runs the sync with the supplier's budgeted Cin7 client.
 */
@Injectable()
export class ScheduledSyncs implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Cin7Core:ScheduledSyncs');
  private readonly syncs: Map<string, Cin7ScheduledSync>;

  constructor(
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
    private readonly dataSource: DataSource,
    private readonly connections: ConnectionsService,
    private readonly queue: JobQueue,
    private readonly registry: SchedulerRegistry,
  ) {
    const syncs = options.extensions?.scheduledSyncs ?? [];
    for (const sync of syncs) {
      if (!/^[\w-]+$/.test(sync.name))
        throw new Error(`Scheduled sync name "${sync.name}" must be [A-Za-z0-9_-]`);
      if (!(sync.everyMinutes > 0)) throw new Error(`Scheduled sync "${sync.name}" needs everyMinutes > 0`);
    }
    this.syncs = new Map(syncs.map((s) => [s.name, s]));
    if (this.syncs.size !== syncs.length) throw new Error('Scheduled sync names must be unique');
  }

  onModuleInit(): void {
    if (this.syncs.size === 0) return;
    this.queue.register(QUEUES.scheduledSync, (data) => this.run(data));
    const interval = setInterval(() => void this.tick(), this.options.schedulerTickMs ?? 60_000);
    this.registry.addInterval(SCHEDULED_SYNCS_INTERVAL_NAME, interval);
  }

  onModuleDestroy(): void {
    if (this.registry.doesExist('interval', SCHEDULED_SYNCS_INTERVAL_NAME))
      this.registry.deleteInterval(SCHEDULED_SYNCS_INTERVAL_NAME);
  }

  /** Queues every due (supplier, sync); answers how many. One failure never stops the others. */
  async tick(): Promise<number> {
    const now = new Date(clockOf(this.options).now());
    let queued = 0;
    for (const sync of this.syncs.values()) {
      try {
        await this.dataSource.query(
          `INSERT INTO cin7_scheduled_sync_state (supplier_id, name)
           SELECT supplier_id, $1 FROM cin7_connection WHERE status = 'connected' ON CONFLICT DO NOTHING`,
          [sync.name],
        );
        const [claimed]: [{ supplier_id: string }[]] = await this.dataSource.query(
          `UPDATE cin7_scheduled_sync_state s SET next_due_at = $3
             FROM cin7_connection c
            WHERE s.name = $1 AND c.supplier_id = s.supplier_id AND c.status = 'connected'
              AND (s.next_due_at IS NULL OR s.next_due_at <= $2)
            RETURNING s.supplier_id`,
          [sync.name, now, new Date(now.getTime() + sync.everyMinutes * 60_000)],
        );
        for (const { supplier_id: supplierId } of claimed) {
          await this.queue.send(
            QUEUES.scheduledSync,
            { supplierId, sync: sync.name },
            { singletonKey: `scheduled-sync:${sync.name}:${supplierId}` },
          );
          queued++;
        }
      } catch (error) {
        this.logger.warn(`tick for ${sync.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return queued;
  }

  private async run(data: JobData): Promise<void> {
    const sync = this.syncs.get(String(data.sync));
    if (!sync) return; // removed from the host's options since it was queued
    try {
      const { client } = await this.connections.clientFor(data.supplierId, 'background');
      await sync.run({ supplierId: data.supplierId, cin7: client });
    } catch (error) {
      if (error instanceof ConnectionGoneError) return; // disconnected meanwhile: nothing to sync
      throw error;
    }
  }
}
