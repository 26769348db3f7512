import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type JobAttempt, type JobData, JobQueue, QUEUES } from '../work/job-queue.service.js';
import { StockPassService } from './stock-pass.service.js';
import { StockReadService } from './stock-read.service.js';

/** Passes of different suppliers side by side; one supplier's are serialised by the pass itself. */
const STOCK_PASS_CONCURRENCY = 2;
/** Targeted reads are one call each; a few at once keep a burst of cut deliveries moving. */
const STOCK_READ_CONCURRENCY = 3;

/** Consumes `QUEUES.stockSync` (`{ supplierId, runId }`) and `QUEUES.stockRead` (`{ supplierId, productId }`). */
@Injectable()
export class StockSyncWorker implements OnModuleInit {
  constructor(
    private readonly queue: JobQueue,
    private readonly pass: StockPassService,
    private readonly reads: StockReadService,
  ) {}

  onModuleInit(): void {
    this.queue.register(QUEUES.stockSync, (data, attempt) => this.handlePass(data, attempt), {
      concurrency: STOCK_PASS_CONCURRENCY,
    });
    this.queue.register(QUEUES.stockRead, (data) => this.handleRead(data), {
      concurrency: STOCK_READ_CONCURRENCY,
    });
  }

  async handlePass(data: JobData, attempt?: JobAttempt): Promise<void> {
    if (typeof data.runId === 'string') await this.pass.run(data.runId, attempt);
  }

  async handleRead(data: JobData): Promise<void> {
    if (typeof data.productId === 'string') await this.reads.read(data.supplierId, data.productId);
  }
}
