import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { OrderSyncEventType } from '@upstock/cin7-contracts';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import {
  OrderPushEntity,
  OrderPushEventEntity,
  type OrderPushOutcome,
  type OrderPushState,
  type SentSaleSnapshot,
} from './order-push.entity.js';

/**
 * A worker holds a push through a lease renewed by a heartbeat (database time, not the module's clock, so replicas
 * whose scaled clocks differ still agree). A killed replica stops renewing: its pushes are free again after this.
 */
export const LEASE_SECONDS = 10;
export const HEARTBEAT_MS = 2_500;
/** A push recorded or re-queued this recently is left alone by the sweeper (its job may simply not have started). */
const SWEEP_GRACE_SECONDS = 5;

/** Thrown when another worker took the push over: this one stops before writing anything else. */
export class LeaseLostError extends Error {
  constructor() {
    super('Another worker took this order push over');
  }
}

/** The columns a worker changes while it holds the lease. */
export interface PushPatch {
  state?: OrderPushState;
  cin7SaleId?: string | null;
  cin7OrderNumber?: string | null;
  headerSentAt?: Date | null;
  linesSentAt?: Date | null;
  sentSnapshot?: SentSaleSnapshot | null;
  sentTotal?: number | null;
  currency?: string | null;
  orderNumber?: string | null;
  customerName?: string | null;
  lastError?: string | null;
  refusalCode?: string | null;
  totalsMismatch?: string | null;
  nextAttemptAt?: Date | null;
  sentAt?: Date | null;
}

const COLUMNS: Record<keyof PushPatch, string> = {
  state: 'state',
  cin7SaleId: 'cin7_sale_id',
  cin7OrderNumber: 'cin7_order_number',
  headerSentAt: 'header_sent_at',
  linesSentAt: 'lines_sent_at',
  sentSnapshot: 'sent_snapshot',
  sentTotal: 'sent_total',
  currency: 'currency',
  orderNumber: 'order_number',
  customerName: 'customer_name',
  lastError: 'last_error',
  refusalCode: 'refusal_code',
  totalsMismatch: 'totals_mismatch',
  nextAttemptAt: 'next_attempt_at',
  sentAt: 'sent_at',
};

export interface NewEvent {
  type: OrderSyncEventType;
  message: string;
  attempt: number;
  cin7OrderNumber?: string | null;
}

/** Every SQL statement about order pushes, in one place. */
@Injectable()
export class OrderPushRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(OrderPushEntity) private readonly pushes: Repository<OrderPushEntity>,
    @InjectRepository(OrderPushEventEntity) private readonly events: Repository<OrderPushEventEntity>,
  ) {}

  /**
   * Records an approval: one row per (supplier, order), whatever the number of approvals. Answers the push and
   * whether this call created it. Runs in the caller's transaction when given one.
   */
  async insertApproval(
    manager: EntityManager | undefined,
    row: {
      supplierId: string;
      orderId: string;
      externalId: string;
      at: Date;
      /** `held` (with why): recorded but not queued, the supplier sends it. */
      held?: string;
    },
  ): Promise<{ push: OrderPushEntity; created: boolean }> {
    const m = manager ?? this.dataSource.manager;
    const inserted: { id: string }[] = await m.query(
      `INSERT INTO cin7_order_push (supplier_id, upstock_order_id, state, external_id, approved_at, enqueued_at,
         last_error)
       VALUES ($1, $2, $5, $3, $4, CASE WHEN $5 = 'held' THEN NULL ELSE now() END, $6)
       ON CONFLICT (supplier_id, upstock_order_id) DO NOTHING RETURNING id`,
      [row.supplierId, row.orderId, row.externalId, row.at, row.held ? 'held' : 'pending', row.held ?? null],
    );
    const push = await m.getRepository(OrderPushEntity).findOneByOrFail({
      supplierId: row.supplierId,
      upstockOrderId: row.orderId,
    });
    return { push, created: inserted.length > 0 };
  }

  find(supplierId: string, orderId: string): Promise<OrderPushEntity | null> {
    return this.pushes.findOneBy({ supplierId, upstockOrderId: orderId });
  }

  findById(id: string): Promise<OrderPushEntity | null> {
    return this.pushes.findOneBy({ id });
  }

  list(supplierId: string, state: OrderPushState | undefined, limit: number): Promise<OrderPushEntity[]> {
    return this.pushes.find({
      where: { supplierId, ...(state ? { state } : {}) },
      order: { approvedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  /** Orders waiting for the supplier (held or refused), newest first, with how many of each. */
  async waiting(
    supplierId: string,
    limit: number,
  ): Promise<{ items: OrderPushEntity[]; held: number; refused: number }> {
    const [items, counts] = await Promise.all([
      this.pushes.find({
        where: [
          { supplierId, state: 'held' },
          { supplierId, state: 'refused' },
        ],
        order: { approvedAt: 'DESC', id: 'DESC' },
        take: limit,
      }),
      this.dataSource.query(
        `SELECT state, count(*)::int AS n FROM cin7_order_push
          WHERE supplier_id = $1 AND state IN ('held', 'refused') GROUP BY state`,
        [supplierId],
      ) as Promise<{ state: string; n: number }[]>,
    ]);
    const count = (state: string) => counts.find((c) => c.state === state)?.n ?? 0;
    return { items, held: count('held'), refused: count('refused') };
  }

  /** The ids of a supplier's held pushes, oldest first (sent in approval order). */
  async heldIds(supplierId: string): Promise<string[]> {
    const rows = await this.pushes.find({
      where: { supplierId, state: 'held' },
      order: { approvedAt: 'ASC', id: 'ASC' },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  timeline(pushId: string): Promise<OrderPushEventEntity[]> {
    return this.events.find({ where: { pushId }, order: { id: 'ASC' } });
  }

  async addEvent(
    push: Pick<OrderPushEntity, 'id' | 'supplierId'>,
    e: NewEvent,
    manager?: EntityManager,
  ): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO cin7_order_push_event (push_id, supplier_id, attempt, step, outcome, message, cin7_order_number, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
      [push.id, push.supplierId, e.attempt, e.type, outcomeOf(e.type), e.message, e.cin7OrderNumber ?? null],
    );
  }

  /** Takes the push for this worker unless it is finished or another worker holds a live lease. */
  async claim(pushId: string, owner: string): Promise<OrderPushEntity | null> {
    const [rows]: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE cin7_order_push
          SET state = 'pushing', lease_owner = $2, lease_until = now() + make_interval(secs => $3),
              attempts = attempts + 1, next_attempt_at = NULL, updated_at = now()
        WHERE id = $1 AND state IN ('pending', 'pushing')
          AND (lease_until IS NULL OR lease_until < now())
        RETURNING id`,
      [pushId, owner, LEASE_SECONDS],
    );
    return rows.length > 0 ? this.findById(pushId) : null;
  }

  /** Extends the lease; false when it was lost (taken over after expiring). */
  async renew(pushId: string, owner: string): Promise<boolean> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `UPDATE cin7_order_push SET lease_until = now() + make_interval(secs => $3)
        WHERE id = $1 AND lease_owner = $2`,
      [pushId, owner, LEASE_SECONDS],
    );
    return count > 0;
  }

  async release(pushId: string, owner: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE cin7_order_push SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2`,
      [pushId, owner],
    );
  }

  /** Writes while holding the lease (and renews it); LeaseLostError when another worker has the push now. */
  async patch(pushId: string, owner: string, patch: PushPatch): Promise<void> {
    const sets: string[] = [
      'updated_at = now()',
      `lease_until = now() + make_interval(secs => ${LEASE_SECONDS})`,
    ];
    const values: unknown[] = [pushId, owner];
    for (const [key, value] of Object.entries(patch) as [keyof PushPatch, unknown][]) {
      if (value === undefined) continue;
      values.push(key === 'sentSnapshot' && value !== null ? JSON.stringify(value) : value);
      sets.push(`${COLUMNS[key]} = $${values.length}`);
    }
    const [, count]: [unknown, number] = await this.dataSource.query(
      `UPDATE cin7_order_push SET ${sets.join(', ')} WHERE id = $1 AND lease_owner = $2`,
      values,
    );
    if (count === 0) throw new LeaseLostError();
  }

  /**
   * A supplier asked to try a failed or refused push again, or to send a held one: back to pending, and rebuilt
   * from today's links and settings (they fixed something). A sale already created keeps its id: only its lines
   * are sent again. The state test makes it happen once, however many clicks or replicas ask at the same moment.
   */
  async reopen(
    push: Pick<OrderPushEntity, 'id'>,
    from: readonly OrderPushState[] = ['failed', 'refused'],
  ): Promise<boolean> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `UPDATE cin7_order_push
          SET state = 'pending', last_error = NULL, refusal_code = NULL, next_attempt_at = NULL, enqueued_at = now(), updated_at = now(),
              sent_snapshot = NULL
        WHERE id = $1 AND state = ANY($2::text[])`,
      [push.id, from],
    );
    return count > 0;
  }

  /**
   * Crash recovery beyond pg-boss's own expiry: unfinished pushes that are due and held by nobody (or by a lease
   * nobody renews any more). Each is marked enqueued in the same statement, so two replicas sweeping at once do not
   * both pick it; a push whose job is still queued is not enqueued twice (one live job per push key).
   */
  async sweepDue(nowByClock: Date, limit: number): Promise<{ id: string; supplier_id: string }[]> {
    const rows: [{ id: string; supplier_id: string }[], number] = await this.dataSource.query(
      `UPDATE cin7_order_push p SET enqueued_at = now()
        WHERE p.id IN (
          SELECT c.id FROM cin7_order_push c
           WHERE c.state IN ('pending', 'pushing')
             AND (c.lease_until IS NULL OR c.lease_until < now())
             AND (c.next_attempt_at IS NULL OR c.next_attempt_at <= $1)
             AND (c.enqueued_at IS NULL OR c.enqueued_at < now() - make_interval(secs => $3))
             AND EXISTS (SELECT 1 FROM cin7_connection k WHERE k.supplier_id = c.supplier_id AND k.status = 'connected')
           ORDER BY c.approved_at
           LIMIT $2
           FOR UPDATE SKIP LOCKED)
        RETURNING p.id, p.supplier_id`,
      [nowByClock, limit, SWEEP_GRACE_SECONDS],
    );
    return rows[0];
  }

  /** Connected suppliers whose Cin7 defaults were never read (the sweeper asks for them, so previews work). */
  async suppliersWithoutDefaults(): Promise<string[]> {
    const rows: { supplier_id: string }[] = await this.dataSource.query(
      `SELECT k.supplier_id FROM cin7_connection k
        WHERE k.status = 'connected'
          AND NOT EXISTS (SELECT 1 FROM cin7_order_defaults d WHERE d.supplier_id = k.supplier_id)`,
    );
    return rows.map((r) => r.supplier_id);
  }

  /** Shipments: the push of a Cin7 sale. */
  findBySaleId(supplierId: string, cin7SaleId: string): Promise<OrderPushEntity | null> {
    return this.pushes.findOneBy({ supplierId, cin7SaleId: cin7SaleId.toLowerCase() });
  }
}

function outcomeOf(type: OrderSyncEventType): OrderPushOutcome {
  switch (type) {
    case 'failed':
    case 'refused':
      return type;
    case 'outcome-unknown':
      return 'uncertain';
    case 'throttled':
    case 'cin7-unavailable':
    case 'held':
      return 'waiting';
    case 'sale-found':
      return 'found';
    default:
      return 'ok';
  }
}
