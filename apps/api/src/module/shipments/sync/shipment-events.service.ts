import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { CIN7_CORE_OPTIONS } from '../../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../../cin7-core.options.js';
import { ConnectionsService } from '../../connection/connections.service.js';
import { ConnectionGoneError } from '../../work/call-budget.js';
import { clockOf } from '../../work/clock.js';
import { type JobData, JobQueue, QUEUES } from '../../work/job-queue.service.js';
import { ORDER_PUSH_LEDGER, type OrderPushLedger } from './order-push-ledger.js';
import { SaleReconciler } from './sale-reconciler.service.js';

/** What the webhook route enqueues: one Cin7 event about one sale. */
export interface ShipmentEventJob extends JobData {
  supplierId: string;
  /** Lowercase; from `SaleID`, or `SaleTaskID` for Sale/ShipmentAuthorised (reference §6). */
  saleId: string;
  eventType: string;
  /** The sale's order number from the payload (`OrderNumber` / `SaleOrderNumber`), when given. */
  orderNumber?: string | null;
  /** When the webhook arrived (ISO): a fetch started after it already reflects it. */
  receivedAt: string;
}

export function isShipmentEventJob(data: JobData): data is ShipmentEventJob {
  return typeof data.saleId === 'string' && typeof data.receivedAt === 'string';
}

/** Events handled at once per replica. */
const EVENT_CONCURRENCY = 16;

/** Background half of a webhook: fetch the sale (the payload is only a hint) and reconcile the order. */
@Injectable()
export class ShipmentEvents implements OnModuleInit {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly queue: JobQueue,
    private readonly reconciler: SaleReconciler,
    @Inject(ORDER_PUSH_LEDGER) private readonly ledger: OrderPushLedger,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
  ) {}

  onModuleInit(): void {
    // A shipped batch delivers its webhooks together (a minute after the event): each waits on one Cin7 read, so
    // enough of them run at once that the last is not queued behind the others (the call budget still paces them).
    this.queue.register(QUEUES.shipmentEvent, (data) => this.handle(data), {
      concurrency: EVENT_CONCURRENCY,
    });
  }

  async handle(data: JobData): Promise<void> {
    if (!isShipmentEventJob(data)) return;
    try {
      await this.process(data);
    } catch (error) {
      if (error instanceof ConnectionGoneError) return;
      throw error;
    }
  }

  /** Answers what was done, for tests: 'not-ours' | 'covered' | 'missing' | 'applied'. */
  async process(job: ShipmentEventJob): Promise<'not-ours' | 'covered' | 'missing' | 'applied'> {
    const [pushed] = await this.ledger.findBySaleIds(job.supplierId, [job.saleId]);
    if (!pushed) {
      // Not a sale we pushed, or a task id that is not the sale id (advanced sales): let the poll reconcile.
      await this.queue.send(
        QUEUES.shipmentPoll,
        { supplierId: job.supplierId },
        { singletonKey: `shipment-poll:${job.supplierId}` },
      );
      return 'not-ours';
    }
    if (await this.reconciler.isCovered(job.supplierId, pushed.saleId, new Date(job.receivedAt)))
      return 'covered';
    // Someone is waiting for this one (a shipment to show in Upstock): ahead of syncs, never ahead of pushes.
    const { client } = await this.connections.clientFor(job.supplierId, 'event');
    const fetchStartedAt = new Date(clockOf(this.options).now());
    const sale = await client.sales.get(pushed.saleId);
    if (!sale) return 'missing';
    await this.reconciler.apply(job.supplierId, pushed, sale, fetchStartedAt);
    return 'applied';
  }
}
