import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type JobAttempt, type JobData, JobQueue, QUEUES } from '../work/job-queue.service.js';
import { PriceSyncService } from './price-sync.service.js';

/** Price syncs of different suppliers run side by side; one supplier's runs are serialised by the service. */
const PRICE_SYNC_CONCURRENCY = 2;

/** Consumes `QUEUES.priceSync` jobs (`{ supplierId, runId }`), whoever enqueued them. */
@Injectable()
export class PriceSyncWorker implements OnModuleInit {
  constructor(
    private readonly queue: JobQueue,
    private readonly sync: PriceSyncService,
  ) {}

  onModuleInit(): void {
    this.queue.register(QUEUES.priceSync, (data, attempt) => this.handle(data, attempt), {
      concurrency: PRICE_SYNC_CONCURRENCY,
    });
  }

  async handle(data: JobData, attempt?: JobAttempt): Promise<void> {
    if (typeof data.runId !== 'string') return;
    await this.sync.run(data.runId, attempt);
  }
}
