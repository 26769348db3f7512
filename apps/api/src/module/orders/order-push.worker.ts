import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import {
  Cin7AuthError,
  type Cin7Client,
  Cin7Error,
  Cin7NotFoundError,
  Cin7ServerError,
  Cin7ThrottledError,
  Cin7ValidationError,
  isUncertainWriteOutcome,
} from '@upstock/cin7-core';
import type { EntityManager } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { ConnectionsService } from '../connection/connections.service.js';
import { ConnectionGoneError } from '../work/call-budget.js';
import { clockOf } from '../work/clock.js';
import { withWriteGuard } from '../work/job-context.js';
import { type JobData, JobQueue, QUEUES } from '../work/job-queue.service.js';
import { isTransient } from '../work/sync-runs.service.js';
import type { OrderPushEntity, SentSaleSnapshot } from './order-push.entity.js';
import {
  HEARTBEAT_MS,
  LEASE_SECONDS,
  LeaseLostError,
  type NewEvent,
  OrderPushRepository,
  type PushPatch,
} from './order-push.repository.js';
import { buildSale, refusalBeforeCin7 } from './sale.mapper.js';
import { SaleDefaultsService } from './sale-defaults.service.js';
import { applySaleHooks } from './sale-hooks.js';
import { SaleInputs } from './sale-inputs.service.js';
import { CENT_TOLERANCE } from './sale-money.js';
import {
  type PushProgress,
  pushSaleOnce,
  SaleNotListedYetError,
  type SalesApi,
  SaleUnusableError,
} from './sale-push.engine.js';

export const ORDER_PUSH_SWEEP_INTERVAL = 'cin7-core:order-push-sweep';
/** Workers of the push queue per replica: pushes of several suppliers (each on its own budget) move in parallel. */
const PUSH_CONCURRENCY = 8;
/** Passes within one job before a push waits for the sweeper (Cin7 down for long): about 5 minutes of trying. */
const MAX_PASSES = 8;
/** Then: try again this much later (module clock). */
const LONG_WAIT_MS = 5 * 60_000;
/**
 * Jobs (of MAX_PASSES passes each) in which Cin7 kept answering 5xx before the push ends failed: about 15 minutes
 * of trying. The supplier is told and can retry; the stored markers make the retry look the sale up first.
 */
const MAX_JOBS_ON_SERVER_ERRORS = 3;
const SWEEP_BATCH = 200;

export interface OrderPushJob extends JobData {
  pushId: string;
}

/**
 * The background side of order pushes: the queue handler (one push at a time per lease), the classification of
 * what went wrong, and the sweeper that re-queues pushes whose worker died.
 */
@Injectable()
export class OrderPushWorker implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Cin7Core:OrderPush');

  constructor(
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
    private readonly repo: OrderPushRepository,
    private readonly queue: JobQueue,
    private readonly connections: ConnectionsService,
    private readonly inputs: SaleInputs,
    private readonly defaults: SaleDefaultsService,
    private readonly scheduler: SchedulerRegistry,
  ) {}

  private get clock() {
    return clockOf(this.options);
  }

  onModuleInit(): void {
    this.queue.register(QUEUES.orderPush, (data) => this.handle(data), { concurrency: PUSH_CONCURRENCY });
    if (this.options.workersEnabled === false) return;
    const tick = setInterval(() => void this.sweep(), this.options.schedulerTickMs ?? 60_000);
    this.scheduler.addInterval(ORDER_PUSH_SWEEP_INTERVAL, tick);
  }

  onModuleDestroy(): void {
    if (this.scheduler.doesExist('interval', ORDER_PUSH_SWEEP_INTERVAL)) {
      this.scheduler.deleteInterval(ORDER_PUSH_SWEEP_INTERVAL);
    }
  }

  /** Enqueues a push (in the caller's transaction when given a manager). */
  enqueue(push: Pick<OrderPushEntity, 'id' | 'supplierId'>, manager?: EntityManager): Promise<string | null> {
    return this.queue.send(
      QUEUES.orderPush,
      { supplierId: push.supplierId, pushId: push.id },
      { singletonKey: `push:${push.id}`, ...(manager ? { manager } : {}) },
    );
  }

  /** The sweeper tick: a thin fan-out that only enqueues. */
  async sweep(): Promise<number> {
    try {
      const due = await this.repo.sweepDue(new Date(this.clock.now()), SWEEP_BATCH);
      for (const row of due) await this.enqueue({ id: row.id, supplierId: row.supplier_id });
      for (const supplierId of await this.repo.suppliersWithoutDefaults()) {
        await this.queue.send(
          QUEUES.orderPush,
          { supplierId, kind: 'defaults' },
          { singletonKey: defaultsKey(supplierId) },
        );
      }
      return due.length;
    } catch (error) {
      this.logger.warn(`order push sweep failed: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    }
  }

  async handle(data: JobData): Promise<void> {
    if (data.kind === 'defaults') return this.refreshDefaults(data.supplierId);
    const pushId = typeof data.pushId === 'string' ? data.pushId : null;
    if (!pushId) return;
    const owner = randomUUID();
    const push = await this.repo.claim(pushId, owner);
    if (!push) return; // finished, or another worker holds it
    let lost = false;
    let renewedAt = Date.now();
    const heartbeat = setInterval(() => {
      this.repo.renew(pushId, owner).then(
        (held) => {
          if (held) renewedAt = Date.now();
          else lost = true;
        },
        (error) => {
          this.logger.warn(`order push ${pushId}: lease renewal failed: ${errorText(error)}`);
          // Unconfirmed for a whole lease: another worker may hold it now. Stop before the next write.
          if (Date.now() - renewedAt >= LEASE_SECONDS * 1000) lost = true;
        },
      );
    }, HEARTBEAT_MS);
    // Right before every Cin7 write (after its wait for the budget): the lease is still ours, or nothing is sent.
    const checkLease = async () => {
      if (lost || !(await this.repo.renew(pushId, owner))) {
        lost = true;
        throw new LeaseLostError();
      }
      renewedAt = Date.now();
    };
    try {
      await withWriteGuard(checkLease, () => this.run(push, owner, () => lost));
    } finally {
      clearInterval(heartbeat);
      await this.repo.release(pushId, owner).catch(() => undefined);
    }
  }

  private async run(push: OrderPushEntity, owner: string, isLost: () => boolean): Promise<void> {
    const attempt = push.attempts;
    const event = (e: Omit<NewEvent, 'attempt'>) => this.repo.addEvent(push, { ...e, attempt });
    const save = async (patch: PushPatch): Promise<void> => {
      if (isLost()) throw new LeaseLostError();
      await this.repo.patch(push.id, owner, patch);
    };

    try {
      let client: Cin7Client | null = null;
      const getClient = async () => {
        client ??= (await this.connections.clientFor(push.supplierId, 'push')).client;
        return client;
      };

      let snapshot = push.sentSnapshot;
      if (!snapshot) {
        const built = await this.build(push, getClient);
        if (!built.ok) {
          await this.refuse(push, owner, attempt, built.refusal, built.orderNumber, built.code ?? null);
          return;
        }
        snapshot = built.snapshot;
        await save({
          sentSnapshot: snapshot,
          sentTotal: snapshot.totals.total,
          currency: snapshot.totals.currency,
          orderNumber: built.orderNumber,
          customerName: built.customerName,
        });
      }

      const progress: PushProgress = {
        externalId: push.externalId,
        snapshot,
        cin7SaleId: push.cin7SaleId,
        cin7OrderNumber: push.cin7OrderNumber,
        headerSentAt: push.headerSentAt,
        linesSentAt: push.linesSentAt,
      };
      const sales: SalesApi = (await getClient()).sales;
      for (let pass = 1; ; pass++) {
        try {
          const result = await pushSaleOnce(progress, {
            sales,
            clock: this.clock,
            event,
            save: async (patch) => {
              await save(patch);
              if (patch.cin7SaleId !== undefined) progress.cin7SaleId = patch.cin7SaleId;
              if (patch.cin7OrderNumber !== undefined) progress.cin7OrderNumber = patch.cin7OrderNumber;
              if (patch.headerSentAt !== undefined) progress.headerSentAt = patch.headerSentAt;
              if (patch.linesSentAt !== undefined) progress.linesSentAt = patch.linesSentAt;
            },
          });
          // Before `pushed`: whoever sees the push done sees the heads-up with it (the timeline, the host's order).
          await this.compareAnswer(push, snapshot, result, event, save);
          await save({
            state: 'pushed',
            cin7SaleId: result.saleId,
            cin7OrderNumber: result.orderNumber,
            sentAt: new Date(this.clock.now()),
            lastError: null,
            nextAttemptAt: null,
          });
          return;
        } catch (error) {
          if (error instanceof SaleNotListedYetError) {
            // Waiting out Cin7's listing lag is part of the lookup the timeline already announced.
            if (this.queue.isStopping) {
              await save({ state: 'pending', nextAttemptAt: null });
              return;
            }
            await this.clock.sleep(error.retryInMs);
            pass--;
            continue;
          }
          if (!isTransient(error)) throw error;
          const message = transientMessage(error);
          // A write's unknown outcome is already on the timeline (the engine wrote it); say what else happened.
          const recorded =
            isUncertainWriteOutcome(error) && error instanceof Cin7Error && error.method !== 'GET';
          if (!recorded) {
            await event({
              type: error instanceof Cin7ThrottledError ? 'throttled' : 'cin7-unavailable',
              message,
            });
          }
          await save({ lastError: message });
          if (this.queue.isStopping) {
            // This replica is shutting down: leave the push to another (its progress markers are stored).
            await save({ state: 'pending', nextAttemptAt: null });
            return;
          }
          if (
            pass >= MAX_PASSES &&
            error instanceof Cin7ServerError &&
            attempt >= MAX_JOBS_ON_SERVER_ERRORS
          ) {
            const failedMessage = `Cin7 kept failing (${error.cin7Message}) over ${attempt * MAX_PASSES} tries; retry once Cin7 is working again`;
            await save({ state: 'failed', lastError: failedMessage, nextAttemptAt: null });
            await event({ type: 'failed', message: failedMessage });
            await this.notify(push, push.orderNumber, failedMessage);
            return;
          }
          if (pass >= MAX_PASSES) {
            const at = new Date(this.clock.now() + LONG_WAIT_MS);
            await save({ state: 'pending', nextAttemptAt: at });
            await event({
              type: 'cin7-unavailable',
              message: `Cin7 kept failing; trying again at ${at.toISOString()}`,
            });
            return;
          }
          await this.clock.sleep(backoffMs(error, pass));
        }
      }
    } catch (error) {
      await this.fail(push, owner, attempt, error);
    }
  }

  /**
   * Compares the total Cin7 answered to `POST sale/order` with the total sent; when Cin7 changed the money (it
   * applied a discount on authorisation, a rule changed), the totals heads-up is raised at once, before anyone is
   * paid on the wrong total. The shipments feature's later checks keep it up to date.
   */
  private async compareAnswer(
    push: OrderPushEntity,
    snapshot: SentSaleSnapshot,
    result: { orderNumber: string | null; cin7Total: number | null },
    event: (e: Omit<NewEvent, 'attempt'>) => Promise<void>,
    save: (patch: PushPatch) => Promise<void>,
  ): Promise<void> {
    const sent = snapshot.order.Total;
    if (result.cin7Total === null || Math.abs(result.cin7Total - sent) < CENT_TOLERANCE) return;
    const { currency } = snapshot.totals;
    const saleName = result.orderNumber ? `Cin7 sale ${result.orderNumber}` : 'The Cin7 sale';
    const explanation = `${saleName} totals ${result.cin7Total.toFixed(2)} ${currency} but Upstock sent ${sent.toFixed(2)} ${currency}: Cin7 changed the money when it saved the sale (for example a discount applied on authorisation).`;
    // Raised by a pass that then lost the push before marking it pushed: the supplier was told already.
    if (push.totalsMismatch === explanation) return;
    await save({ totalsMismatch: explanation });
    await event({ type: 'totals-mismatch', message: explanation, cin7OrderNumber: result.orderNumber });
    try {
      await this.options.ports.orders.setTotalsMismatch(push.supplierId, push.upstockOrderId, explanation);
      await this.options.ports.notifications.notify(push.supplierId, {
        kind: 'order-totals-mismatch',
        title: `Order ${push.orderNumber ?? push.upstockOrderId} no longer matches Cin7`,
        message: `${explanation} Update the order in Upstock so payment and invoicing use the right total.`,
        orderId: push.upstockOrderId,
      });
    } catch (error) {
      this.logger.warn(
        `could not raise the totals heads-up: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /** Reads Cin7's defaults for previews (asked by a preview that found none cached). */
  private async refreshDefaults(supplierId: string): Promise<void> {
    try {
      const { client } = await this.connections.clientFor(supplierId, 'background');
      await this.defaults.refresh(supplierId, client, await this.inputs.freightName(supplierId));
    } catch (error) {
      if (!(error instanceof ConnectionGoneError)) throw error;
    }
  }

  /** Builds the sale from Postgres and the ports; Cin7's defaults are read (hourly) only after the free checks. */
  private async build(
    push: OrderPushEntity,
    getClient: () => Promise<Cin7Client>,
  ): Promise<
    | { ok: true; snapshot: SentSaleSnapshot; orderNumber: string; customerName: string | null }
    | { ok: false; refusal: string; code?: string | null; orderNumber: string | null }
  > {
    const gathered = await this.inputs.gather(push.supplierId, push.upstockOrderId);
    if (!gathered.ok)
      return { ok: false, refusal: gathered.refusal, orderNumber: gathered.order?.number ?? null };
    const { input } = gathered;
    const early = refusalBeforeCin7(input);
    if (early) return { ok: false, refusal: early, orderNumber: input.order.number };
    const defaults = await this.defaults.fresh(
      push.supplierId,
      await getClient(),
      input.settings.freightServiceName,
    );
    const mapping = buildSale({ ...input, defaults });
    if (!mapping.ok)
      return {
        ok: false,
        refusal: mapping.refusal,
        code: mapping.code ?? null,
        orderNumber: input.order.number,
      };
    return {
      ok: true,
      snapshot: await applySaleHooks(this.options, mapping.snapshot, {
        supplierId: push.supplierId,
        order: input.order,
      }),
      orderNumber: input.order.number,
      customerName: input.customer?.cin7Name ?? input.customerName,
    };
  }

  private async refuse(
    push: OrderPushEntity,
    owner: string,
    attempt: number,
    reason: string,
    orderNumber: string | null,
    code: string | null,
  ): Promise<void> {
    await this.repo.patch(push.id, owner, {
      state: 'refused',
      lastError: reason,
      refusalCode: code,
      ...(orderNumber ? { orderNumber } : {}),
    });
    await this.repo.addEvent(push, { type: 'refused', message: reason, attempt });
    await this.notify(push, orderNumber ?? push.orderNumber, reason);
  }

  /** Classifies what ended a pass: the supplier's to fix (failed, told), or ours to try again later. */
  private async fail(push: OrderPushEntity, owner: string, attempt: number, error: unknown): Promise<void> {
    if (error instanceof LeaseLostError) return; // another worker has it now
    const write = async (state: 'failed' | 'pending', message: string, nextAttemptAt: Date | null) => {
      try {
        await this.repo.patch(push.id, owner, { state, lastError: message, nextAttemptAt });
        await this.repo.addEvent(push, {
          type: state === 'failed' ? 'failed' : 'cin7-unavailable',
          message,
          attempt,
        });
      } catch (inner) {
        if (!(inner instanceof LeaseLostError)) throw inner;
      }
    };
    const fresh = (await this.repo.findById(push.id)) ?? push;
    const number = fresh.orderNumber;
    if (error instanceof ConnectionGoneError) {
      // The supplier disconnected on purpose: no heads-up. The push waits, and the sweeper resumes it (from its
      // stored markers) once the supplier reconnects.
      await write(
        'pending',
        'Waiting for the Cin7 connection, which was removed; resumes after reconnecting',
        null,
      );
      return;
    }
    if (error instanceof Cin7ValidationError || error instanceof Cin7NotFoundError) {
      const message = `Cin7 said: ${error.cin7Message}`;
      // The sale was built from Cin7's settings as cached within the hour; a retry reads them again.
      await this.defaults.markStale(push.supplierId);
      await write('failed', message, null);
      await this.notify(fresh, number, message);
      return;
    }
    if (error instanceof Cin7AuthError) {
      const message = 'Cin7 rejected the Account ID or API key; reconnect the integration, then retry';
      await write('failed', message, null);
      await this.notify(fresh, number, message);
      return;
    }
    if (error instanceof SaleUnusableError) {
      await write('failed', error.message, null);
      await this.notify(fresh, number, error.message);
      return;
    }
    // Our own trouble (a database hiccup, a bug): logged, and the sweeper tries again shortly.
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error(`order push ${push.id} failed unexpectedly: ${message}`);
    await write(
      'pending',
      'Something went wrong on our side; trying again shortly',
      new Date(this.clock.now() + 60_000),
    );
  }

  private async notify(
    push: Pick<OrderPushEntity, 'supplierId' | 'upstockOrderId'>,
    orderNumber: string | null,
    message: string,
  ) {
    try {
      await this.options.ports.notifications.notify(push.supplierId, {
        kind: 'push-failed',
        title: `Order ${orderNumber ?? push.upstockOrderId} was not sent to Cin7`,
        message,
        orderId: push.upstockOrderId,
      });
    } catch (error) {
      this.logger.warn(`could not notify: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** One defaults read queued per supplier at a time. */
export function defaultsKey(supplierId: string): string {
  return `order-defaults:${supplierId}`;
}

function transientMessage(error: unknown): string {
  if (error instanceof Cin7ThrottledError)
    return 'Cin7 is limiting calls (60 a minute); waiting for the next window';
  if (error instanceof Cin7Error) return `Cin7 did not answer properly: ${error.cin7Message}`;
  return error instanceof Error ? error.message : String(error);
}

/** Module-clock wait before the next pass: an unknown outcome is looked up at once, outages back off. */
function backoffMs(error: unknown, pass: number): number {
  if (isUncertainWriteOutcome(error)) return 250;
  if (error instanceof Cin7ThrottledError) return 5_000;
  const ceiling = Math.min(60_000, 1_000 * 2 ** (pass - 1));
  return ceiling / 2 + Math.floor(Math.random() * (ceiling / 2));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
