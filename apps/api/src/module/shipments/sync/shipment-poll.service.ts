import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Cin7SaleListRow } from '@upstock/cin7-core';
import { DataSource } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../../cin7-core.options.js';
import { ConnectionsService } from '../../connection/connections.service.js';
import { ConnectionGoneError } from '../../work/call-budget.js';
import { clockOf } from '../../work/clock.js';
import { type JobData, JobQueue, QUEUES } from '../../work/job-queue.service.js';
import { ORDER_PUSH_LEDGER, type OrderPushLedger, type PushedSale } from './order-push-ledger.js';
import { SaleReconciler } from './sale-reconciler.service.js';

/**
 * Every window reaches back this far behind the cursor: Cin7 does not say whether `UpdatedSince` is inclusive,
 * timestamps tie, and a sale's `Updated` may be committed after a later one is listed (reference §2.4, §5.6).
 * Rows seen again cost nothing but list space: they are only fetched when they changed.
 */
export const POLL_OVERLAP_MS = 5 * 60_000;
/** The first cycle of a connection lists from this long before it connected (sales pushed just before a reconnect). */
const FIRST_CYCLE_LOOKBACK_MS = 60 * 60_000;
/**
 * saleList order is not stable between requests (reference §5.6), so pages of one listing can overlap and miss
 * rows: when fewer distinct sales than Cin7's Total were seen, the window is listed again, up to this many times;
 * if still short, the cursor stays put and the next cycle lists the window again. A window that fits one page
 * (the usual case between two cycles) cannot be affected.
 */
const MAX_LIST_PASSES = 4;
/** Cin7's largest page: a cycle's window normally fits in one call. */
const PAGE_LIMIT = 1000;

export interface PollCycleResult {
  rows: number;
  fetched: number;
  calls: number;
  complete: boolean;
}

interface StateRow {
  sale_id: string;
  shipping_status: string | null;
  sale_status: string | null;
  cin7_updated_at: Date | null;
}

const upper = (v: string | null | undefined): string => (v ?? '').trim().toUpperCase();

/**
 * The reconciling poll: one cycle lists the sales Cin7 changed since the cursor (minus an overlap) and fetches only
 * those of ours whose status or modification time moved since we last saw them. A cycle costs the list pages of
 * the window plus one call per changed sale of ours: it does not grow with the number of open orders.
 */
@Injectable()
export class ShipmentPoll implements OnModuleInit {
  private readonly logger = new Logger('Cin7Core:ShipmentPoll');

  constructor(
    private readonly dataSource: DataSource,
    private readonly connections: ConnectionsService,
    private readonly queue: JobQueue,
    private readonly reconciler: SaleReconciler,
    @Inject(ORDER_PUSH_LEDGER) private readonly ledger: OrderPushLedger,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
  ) {}

  onModuleInit(): void {
    this.queue.register(QUEUES.shipmentPoll, (data) => this.handle(data));
  }

  private now(): Date {
    return new Date(clockOf(this.options).now());
  }

  async handle(data: JobData): Promise<void> {
    try {
      await this.cycle(data.supplierId);
    } catch (error) {
      if (error instanceof ConnectionGoneError) return;
      throw error;
    }
  }

  /** `opts.pageLimit` exists for tests that need several pages from a small window. */
  async cycle(supplierId: string, opts: { pageLimit?: number } = {}): Promise<PollCycleResult> {
    const { connection, client } = await this.connections.clientFor(supplierId, 'background');
    const cycleStart = this.now();
    const [schedule] = await this.dataSource.query(
      `SELECT cursor FROM cin7_shipment_schedule WHERE supplier_id = $1`,
      [supplierId],
    );
    const cursor: Date = schedule?.cursor
      ? new Date(schedule.cursor)
      : new Date(connection.connectedAt.getTime() - FIRST_CYCLE_LOOKBACK_MS);
    const since = new Date(cursor.getTime() - POLL_OVERLAP_MS);

    let calls = 0;
    const rows = new Map<string, Cin7SaleListRow>();
    let complete = false;
    for (let pass = 0; pass < MAX_LIST_PASSES && !complete; pass++) {
      let total = 0;
      for await (const page of client.sales.pages({
        UpdatedSince: since,
        Limit: opts.pageLimit ?? PAGE_LIMIT,
      })) {
        calls++;
        total = Math.max(total, page.total);
        for (const row of page.items) rows.set(row.SaleID, row);
      }
      complete = rows.size >= total;
    }

    const ours = rows.size > 0 ? await this.ledger.findBySaleIds(supplierId, [...rows.keys()]) : [];
    const toFetch = await this.selectChanged(supplierId, ours, rows);
    for (const pushed of toFetch) {
      const fetchStartedAt = this.now();
      const sale = await client.sales.get(pushed.saleId);
      calls++;
      if (sale) await this.reconciler.apply(supplierId, pushed, sale, fetchStartedAt);
      else this.logger.warn(`Cin7 no longer knows sale ${pushed.saleId} (order ${pushed.orderId})`);
      // Remember the listed row too, so the overlap does not fetch it again (a missing sale included).
      const row = rows.get(pushed.saleId);
      if (row) await this.noteListed(supplierId, pushed, row, sale === null);
    }

    const newest = Math.max(cursor.getTime(), ...[...rows.values()].map((r) => r.Updated?.getTime() ?? 0));
    // An upsert: a cycle may run before the scheduler first saw the connection (its next_* columns are then "now").
    await this.dataSource.query(
      `INSERT INTO cin7_shipment_schedule
         (supplier_id, cursor, next_poll_at, next_webhook_check_at, last_poll_at, last_poll_calls, last_poll_rows)
       VALUES ($1, $2, $3, $3, $3, $4, $5)
       ON CONFLICT (supplier_id) DO UPDATE SET cursor = EXCLUDED.cursor, last_poll_at = EXCLUDED.last_poll_at,
         last_poll_calls = EXCLUDED.last_poll_calls, last_poll_rows = EXCLUDED.last_poll_rows`,
      [supplierId, complete ? new Date(newest) : cursor, cycleStart, calls, rows.size],
    );
    if (!complete)
      this.logger.warn(
        `saleList for ${supplierId}: fewer sales than Cin7's Total after ${MAX_LIST_PASSES} passes`,
      );
    return { rows: rows.size, fetched: toFetch.length, calls, complete };
  }

  /**
   * Sales of ours worth a fetch: seen for the first time, or seen before and changed since (shipping status, sale
   * status, or a newer Cin7 modification, which is how line edits show). Sales seen again unchanged (the overlap)
   * are skipped.
   *
   * A first sighting is always fetched, once: the baseline of drift is what we sent (the Upstock order) and Cin7's
   * own sale, never "whatever the first listing showed". Cin7's answer to the last write of a push (POST
   * /sale/order, BP L23172) carries no modification time, and our clock is not Cin7's, so a listing cannot tell
   * our own write from an edit made seconds later; the fetch can, for one call per pushed sale.
   */
  private async selectChanged(
    supplierId: string,
    ours: PushedSale[],
    rows: Map<string, Cin7SaleListRow>,
  ): Promise<PushedSale[]> {
    if (ours.length === 0) return [];
    const states: StateRow[] = await this.dataSource.query(
      `SELECT sale_id, shipping_status, sale_status, cin7_updated_at FROM cin7_shipment_state
        WHERE supplier_id = $1 AND sale_id = ANY($2)`,
      [supplierId, ours.map((p) => p.saleId)],
    );
    const bySale = new Map(states.map((s) => [s.sale_id, s]));
    const changed: PushedSale[] = [];
    for (const pushed of ours) {
      const row = rows.get(pushed.saleId);
      if (!row) continue;
      const state = bySale.get(pushed.saleId);
      if (!state) {
        changed.push(pushed);
        continue;
      }
      const newer =
        row.Updated !== null &&
        (state.cin7_updated_at === null || row.Updated.getTime() > new Date(state.cin7_updated_at).getTime());
      if (
        newer ||
        upper(row.CombinedShippingStatus) !== upper(state.shipping_status) ||
        upper(row.Status) !== upper(state.sale_status)
      ) {
        changed.push(pushed);
      }
    }
    return changed;
  }

  private async noteListed(
    supplierId: string,
    pushed: PushedSale,
    row: Cin7SaleListRow,
    withStatuses: boolean,
  ) {
    await this.dataSource.query(
      `INSERT INTO cin7_shipment_state (supplier_id, sale_id, order_id, shipping_status, sale_status, cin7_updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (supplier_id, sale_id) DO UPDATE SET
         cin7_updated_at = GREATEST(cin7_shipment_state.cin7_updated_at, EXCLUDED.cin7_updated_at),
         shipping_status = CASE WHEN $7 THEN EXCLUDED.shipping_status ELSE cin7_shipment_state.shipping_status END,
         sale_status = CASE WHEN $7 THEN EXCLUDED.sale_status ELSE cin7_shipment_state.sale_status END`,
      [
        supplierId,
        pushed.saleId,
        pushed.orderId,
        row.CombinedShippingStatus,
        row.Status,
        row.Updated,
        withStatuses,
      ],
    );
  }
}
