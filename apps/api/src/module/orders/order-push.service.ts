import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  type OrderPreview,
  type OrderSync,
  type OrderSyncDetail,
  type OrderSyncEvent,
  type OrderSyncEventType,
  type OrderSyncListQuery,
  orderSyncEventTypeSchema,
} from '@upstock/cin7-contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { ConnectionGoneError } from '../work/call-budget.js';
import { clockOf } from '../work/clock.js';
import { JobQueue, QUEUES } from '../work/job-queue.service.js';
import type { OrderPushEntity, OrderPushEventEntity } from './order-push.entity.js';
import { OrderPushRepository } from './order-push.repository.js';
import { defaultsKey, OrderPushWorker } from './order-push.worker.js';
import { buildSale, externalIdFor, refusalBeforeCin7 } from './sale.mapper.js';
import { SaleDefaultsService } from './sale-defaults.service.js';
import { SaleInputs } from './sale-inputs.service.js';

export interface RecordApprovalOptions {
  /** The host's transaction: the push (and its job) commit with the approval, or not at all. */
  manager?: EntityManager;
}

/**
 * What the host and the panel ask of order pushes: record an approval, read pushes and their timelines, retry a
 * failed one, preview the sale. No Cin7 call happens here; the worker does the sending.
 */
@Injectable()
export class OrderPushService {
  constructor(
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
    private readonly dataSource: DataSource,
    private readonly repo: OrderPushRepository,
    private readonly worker: OrderPushWorker,
    private readonly inputs: SaleInputs,
    private readonly defaults: SaleDefaultsService,
    private readonly queue: JobQueue,
  ) {}

  /**
   * The host approved an order: records its push durably and queues it, inside the host's transaction when one is
   * given. Approving again changes nothing (one push per order). Answers null when the supplier has no Cin7
   * connection: nothing is recorded, the order simply is not sent.
   */
  async recordApproval(
    supplierId: string,
    orderId: string,
    options: RecordApprovalOptions = {},
  ): Promise<OrderPushEntity | null> {
    const m = options.manager ?? this.dataSource.manager;
    const [connected] = await m.query(
      `SELECT 1 FROM cin7_connection WHERE supplier_id = $1 AND status = 'connected'`,
      [supplierId],
    );
    if (!connected) return null;
    const at = new Date(clockOf(this.options).now());
    const { push, created } = await this.repo.insertApproval(options.manager, {
      supplierId,
      orderId,
      externalId: externalIdFor(orderId),
      at,
    });
    if (created) {
      await this.repo.addEvent(
        push,
        { type: 'approved', message: 'Approved in Upstock; queued for Cin7', attempt: 0 },
        options.manager,
      );
      // Without a transaction a failed send is not lost: the sweeper queues pushes that have no job.
      await this.worker.enqueue(push, options.manager);
    }
    return push;
  }

  /** The HTTP variant for hosts in another process. */
  async approveFromRoute(supplierId: string, orderId: string): Promise<OrderSync> {
    const order = await this.options.ports.orders.findOrder(supplierId, orderId);
    if (!order) throw new NotFoundException(`No order ${orderId}`);
    const push = await this.recordApproval(supplierId, orderId);
    if (!push) {
      throw new ConflictException({
        message: 'Connect a Cin7 account before sending orders to Cin7.',
        error: 'Not Connected',
      });
    }
    return this.toSync(push);
  }

  async list(supplierId: string, query: OrderSyncListQuery): Promise<OrderSync[]> {
    const pushes = await this.repo.list(supplierId, query.state, query.limit);
    return Promise.all(pushes.map((p) => this.toSync(p)));
  }

  async detail(supplierId: string, orderId: string): Promise<OrderSyncDetail> {
    const push = await this.require(supplierId, orderId);
    const [sync, events] = await Promise.all([this.toSync(push), this.repo.timeline(push.id)]);
    return { sync, timeline: events.map(toEvent) };
  }

  /** A failed or refused push goes again (rebuilt from today's links and settings unless its sale exists). */
  async retry(supplierId: string, orderId: string): Promise<OrderSync> {
    const push = await this.require(supplierId, orderId);
    if (push.state !== 'failed' && push.state !== 'refused') {
      throw new ConflictException(`Only a failed or refused push can be retried; this one is ${push.state}`);
    }
    if (!(await this.repo.reopen(push))) {
      throw new ConflictException('This push was retried already');
    }
    await this.repo.addEvent(push, {
      type: 'retried',
      message: 'Retry requested; queued for Cin7',
      attempt: push.attempts,
    });
    await this.worker.enqueue(push);
    return this.toSync(await this.require(supplierId, orderId));
  }

  /** The sale approval would send, built exactly as the push builds it; nothing is sent to Cin7. */
  async preview(supplierId: string, orderId: string): Promise<OrderPreview> {
    let gathered: Awaited<ReturnType<SaleInputs['gather']>>;
    try {
      gathered = await this.inputs.gather(supplierId, orderId);
    } catch (error) {
      if (error instanceof ConnectionGoneError) {
        throw new ConflictException({
          message: 'Connect a Cin7 account to preview the sale.',
          error: 'Not Connected',
        });
      }
      throw error;
    }
    if (!gathered.ok && !gathered.order) throw new NotFoundException(`No order ${orderId}`);
    const push = await this.repo.find(supplierId, orderId);
    const sent = push?.sentSnapshot
      ? { header: { ...push.sentSnapshot.header }, order: { ...push.sentSnapshot.order } }
      : null;
    const refused = (refusal: string): OrderPreview => ({
      orderId,
      refusal,
      header: null,
      order: null,
      summary: null,
      sent,
    });
    if (!gathered.ok) return refused(gathered.refusal);
    const early = refusalBeforeCin7(gathered.input);
    if (early) return refused(early);
    const defaults = await this.defaults.cached(supplierId);
    const mapping = buildSale({ ...gathered.input, defaults });
    if (!mapping.ok) {
      if (mapping.needsDefaults) {
        await this.queue.send(
          QUEUES.orderPush,
          { supplierId, kind: 'defaults' },
          { singletonKey: defaultsKey(supplierId) },
        );
      }
      return refused(mapping.refusal);
    }
    return {
      orderId,
      refusal: null,
      header: { ...mapping.snapshot.header },
      order: { ...mapping.snapshot.order },
      summary: mapping.summary,
      sent,
    };
  }

  private async require(supplierId: string, orderId: string): Promise<OrderPushEntity> {
    const push = await this.repo.find(supplierId, orderId);
    if (!push) throw new NotFoundException(`No Cin7 push for order ${orderId}`);
    return push;
  }

  private async toSync(push: OrderPushEntity): Promise<OrderSync> {
    const { ports } = this.options;
    const order = await ports.orders.findOrder(push.supplierId, push.upstockOrderId).catch(() => null);
    const customerName =
      push.customerName ??
      (order
        ? ((await ports.customers.find(push.supplierId, order.customerId).catch(() => null))?.name ?? null)
        : null);
    return {
      orderId: push.upstockOrderId,
      orderNumber: push.orderNumber ?? order?.number ?? '',
      customerName: customerName ?? '',
      total: push.sentTotal ?? order?.total ?? 0,
      currency: push.currency ?? order?.currency ?? '',
      state: push.state,
      cin7SaleId: push.cin7SaleId,
      cin7SaleNumber: push.cin7OrderNumber,
      error: push.state === 'failed' || push.state === 'refused' ? push.lastError : null,
      totalsMismatch: push.totalsMismatch,
      tracking: order?.tracking ?? null,
      attempts: push.attempts,
      approvedAt: push.approvedAt.toISOString(),
      updatedAt: push.updatedAt.toISOString(),
    };
  }
}

const EVENT_TYPES = new Set<string>(orderSyncEventTypeSchema.options);

function toEvent(e: OrderPushEventEntity): OrderSyncEvent {
  // Shipment events (issue 7) share the timeline; any step the contract does not know reads as a failure or a note.
  const type: OrderSyncEventType = EVENT_TYPES.has(e.step)
    ? e.step
    : e.outcome === 'failed' || e.outcome === 'refused'
      ? 'failed'
      : 'retried';
  return {
    at: e.at.toISOString(),
    type,
    message: e.message ?? '',
    attempt: e.attempt,
    cin7SaleNumber: e.cin7OrderNumber,
  };
}
