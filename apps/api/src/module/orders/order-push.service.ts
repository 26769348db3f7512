import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  type HeldOrders,
  type OrderPreview,
  type OrderSync,
  type OrderSyncDetail,
  type OrderSyncEvent,
  type OrderSyncEventType,
  type OrderSyncListQuery,
  orderSyncEventTypeSchema,
  type SendHeldResult,
} from '@upstock/cin7-contracts';
import { DataSource } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { ConnectionGoneError } from '../work/call-budget.js';
import { clockOf } from '../work/clock.js';
import { JobQueue, QUEUES } from '../work/job-queue.service.js';
import type { RecordApprovalOptions } from './order-approvals.js';
import type { OrderPushEntity, OrderPushEventEntity, OrderPushState } from './order-push.entity.js';
import { OrderPushRepository } from './order-push.repository.js';
import { defaultsKey, OrderPushWorker } from './order-push.worker.js';
import { buildSale, externalIdFor, refusalBeforeCin7 } from './sale.mapper.js';
import { SaleDefaultsService } from './sale-defaults.service.js';
import { applySaleHooks } from './sale-hooks.js';
import { SaleInputs } from './sale-inputs.service.js';

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
   * given. Approving again changes nothing (one push per order). A supplier whose Cin7 account is disconnected gets
   * a `held` push: recorded, not queued, listed for the supplier to send after reconnecting (never sent silently).
   * Answers null when the supplier never connected Cin7: the integration is not in use, nothing is recorded.
   */
  async recordApproval(
    supplierId: string,
    orderId: string,
    options: RecordApprovalOptions = {},
  ): Promise<OrderPushEntity | null> {
    const m = options.manager ?? this.dataSource.manager;
    const [connection]: { status: string }[] = await m.query(
      `SELECT status FROM cin7_connection WHERE supplier_id = $1`,
      [supplierId],
    );
    if (!connection) return null;
    const held = connection.status === 'connected' ? undefined : HELD_WHILE_DISCONNECTED;
    const at = new Date(clockOf(this.options).now());
    const { push, created } = await this.repo.insertApproval(options.manager, {
      supplierId,
      orderId,
      externalId: externalIdFor(orderId),
      at,
      ...(held ? { held } : {}),
    });
    if (created && held) {
      await this.repo.addEvent(push, { type: 'held', message: held, attempt: 0 }, options.manager);
    } else if (created) {
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

  /**
   * The HTTP variant for hosts in another process. The host's own word on the order decides: an order it does not
   * report as approved (a draft, a cancelled order) is refused and nothing is recorded or sent.
   */
  async approveFromRoute(supplierId: string, orderId: string): Promise<OrderSync> {
    const order = await this.options.ports.orders.findOrder(supplierId, orderId);
    if (!order) throw new NotFoundException(`No order ${orderId}`);
    if (order.status !== 'approved' && order.status !== 'shipped') {
      throw new ConflictException({
        message: `Order ${order.number} is ${order.status} in the host; only approved orders go to Cin7.`,
        error: 'Not Approved',
      });
    }
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
    return this.sendAgain(supplierId, orderId, ['failed', 'refused']);
  }

  /** "Send to Cin7": a held, refused or failed push is queued, once; it needs a connected Cin7 account. */
  async send(supplierId: string, orderId: string): Promise<OrderSync> {
    return this.sendAgain(supplierId, orderId, ['held', 'failed', 'refused']);
  }

  /** Orders waiting for the supplier: held while disconnected, or refused for a reason they can fix. */
  async waiting(supplierId: string): Promise<HeldOrders> {
    const { items, held, refused } = await this.repo.waiting(supplierId, WAITING_LIMIT);
    return { items: await Promise.all(items.map((p) => this.toSync(p))), held, refused };
  }

  /** Every held order, in approval order; each is queued at most once whoever else asks at the same time. */
  async sendHeld(supplierId: string): Promise<SendHeldResult> {
    await this.requireConnected(supplierId);
    let queued = 0;
    for (const id of await this.repo.heldIds(supplierId)) {
      if (await this.queueAgain({ id, supplierId, attempts: 0 }, ['held'])) queued++;
    }
    return { queued };
  }

  private async sendAgain(
    supplierId: string,
    orderId: string,
    from: readonly OrderPushState[],
  ): Promise<OrderSync> {
    const push = await this.require(supplierId, orderId);
    if (!from.includes(push.state)) {
      throw new ConflictException(
        push.state === 'pending' || push.state === 'pushing'
          ? `Order ${push.orderNumber ?? orderId} is already on its way to Cin7.`
          : push.state === 'pushed' || push.state === 'shipped'
            ? `Order ${push.orderNumber ?? orderId} is already in Cin7 as ${push.cin7OrderNumber}.`
            : `Order ${push.orderNumber ?? orderId} cannot be sent again from here (it is ${push.state}).`,
      );
    }
    await this.requireConnected(supplierId);
    if (!(await this.queueAgain(push, from))) {
      throw new ConflictException(`Order ${push.orderNumber ?? orderId} was sent to Cin7 already.`);
    }
    return this.toSync(await this.require(supplierId, orderId));
  }

  /** Back to pending (a conditional update: one caller wins), a timeline entry, and a job. */
  private async queueAgain(
    push: Pick<OrderPushEntity, 'id' | 'supplierId' | 'attempts'>,
    from: readonly OrderPushState[],
  ): Promise<boolean> {
    if (!(await this.repo.reopen(push, from))) return false;
    await this.repo.addEvent(push, {
      type: 'retried',
      message: 'Sent to Cin7 by the supplier; queued',
      attempt: push.attempts,
    });
    await this.worker.enqueue(push);
    return true;
  }

  private async requireConnected(supplierId: string): Promise<void> {
    const [connected] = await this.dataSource.query(
      `SELECT 1 FROM cin7_connection WHERE supplier_id = $1 AND status = 'connected'`,
      [supplierId],
    );
    if (!connected) {
      throw new ConflictException({
        message: 'Reconnect your Cin7 account first: orders are sent once Cin7 is connected.',
        error: 'Not Connected',
      });
    }
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
    const snapshot = await applySaleHooks(this.options, mapping.snapshot, {
      supplierId,
      order: gathered.input.order,
    });
    return {
      orderId,
      refusal: null,
      header: { ...snapshot.header },
      order: { ...snapshot.order },
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
      error:
        push.state === 'failed' || push.state === 'refused' || push.state === 'held' ? push.lastError : null,
      refusalCode: push.state === 'refused' ? push.refusalCode : null,
      totalsMismatch: push.totalsMismatch,
      tracking: order?.tracking ?? null,
      attempts: push.attempts,
      approvedAt: push.approvedAt.toISOString(),
      updatedAt: push.updatedAt.toISOString(),
    };
  }
}

const EVENT_TYPES = new Set<string>(orderSyncEventTypeSchema.options);
/** Held and refused orders listed at once (the panel pages nothing: a supplier fixes them a few at a time). */
const WAITING_LIMIT = 100;
export const HELD_WHILE_DISCONNECTED =
  'Approved while Cin7 was disconnected. Nothing was sent: send it to Cin7 once you have reconnected.';

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
