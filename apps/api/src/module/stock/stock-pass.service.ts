import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { ConnectionsService } from '../connection/connections.service.js';
import { clockOf } from '../work/clock.js';
import type { JobAttempt } from '../work/job-queue.service.js';
import type { SkippedItem } from '../work/sync-run.entity.js';
import { type RunContext, SyncRuns } from '../work/sync-runs.service.js';
import { StockSettingsService } from './stock-settings.service.js';
import { type StockSum, sumRows } from './stock-sum.js';
import { StockWriter } from './stock-writer.service.js';

/** Examples of unlinked products kept in a pass's report; the count keeps counting. */
const MAX_UNLINKED_EXAMPLES = 20;

interface StockCheckpoint extends Record<string, unknown> {
  /** Last page whose sums are stored. */
  page: number;
  rowsRead: number;
  /** Fixed for the whole pass, so a resumed pass sums what it began summing. */
  locations: string[];
  /** When the pass began (module clock, epoch ms): fresher webhook news is not overwritten by its result. */
  startedAt: number;
}

/**
 * A full pass: every `ref/productavailability` row of the chosen locations at 1,000 a page (one location: Cin7
 * filters; several: every row, the others left out), each page's per-product sums stored before its checkpoint, so
 * a resumed pass re-reads at most one page. At the end every linked product gets the sum of its rows, 0 when it has
 * none, written only where it changed. One at a time per supplier (a session advisory lock), at background priority
 * in the call budget, so order pushes always go first.
 */
@Injectable()
export class StockPassService {
  constructor(
    private readonly runs: SyncRuns,
    private readonly connections: ConnectionsService,
    private readonly settings: StockSettingsService,
    private readonly writer: StockWriter,
    private readonly dataSource: DataSource,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
  ) {}

  run(runId: string, attempt?: JobAttempt): Promise<void> {
    return this.runs.execute(
      runId,
      (ctx) => this.withSupplierLock(ctx.run.supplierId, () => this.pass(ctx)),
      attempt,
    );
  }

  private async pass(ctx: RunContext): Promise<Record<string, unknown>> {
    const { run } = ctx;
    const supplierId = run.supplierId;
    const settings = await this.settings.get(supplierId);
    if (!settings.enabled) return { outcome: 'Stock sync is off: nothing read' };
    if (!this.writer.inventory) return { outcome: 'The host takes no stock availability: nothing read' };
    const { client } = await this.connections.clientFor(supplierId, 'background');
    let checkpoint = run.checkpoint as StockCheckpoint | null;
    if (!checkpoint) {
      await this.forgetEndedPasses(supplierId);
      const resolved = await this.settings.resolve(supplierId, client);
      if (!resolved)
        throw new Error('Cin7 names no default location: choose the stock locations in the panel');
      checkpoint = {
        page: 0,
        rowsRead: 0,
        locations: resolved.locations,
        startedAt: clockOf(this.options).now(),
      };
      const skipped: SkippedItem[] = resolved.unknown.map((name) => ({
        cin7Id: name,
        label: name,
        reason: 'No such location in Cin7: nothing is summed from it',
      }));
      await ctx.checkpoint({ checkpoint, skipped, progress: { skipped: skipped.length } });
    }
    const { locations } = checkpoint;
    const query = locations.length === 1 ? { Location: locations[0] } : {};
    // A page is stored (then checkpointed) while the next one is read: the two waits overlap, and a page is only
    // checkpointed once its sums are stored.
    let saving: Promise<void> = Promise.resolve();
    try {
      for await (const page of client.availability.pages(query, { startPage: checkpoint.page + 1 })) {
        await saving;
        const done: StockCheckpoint = {
          ...checkpoint,
          page: page.page,
          rowsRead: checkpoint.rowsRead + page.items.length,
        };
        const progress = {
          pagesDone: page.page,
          pagesTotal: Math.max(1, Math.ceil(page.total / page.limit)),
        };
        saving = this.savePage(run.id, page.page, sumRows(page.items, locations)).then(() =>
          ctx.checkpoint({ checkpoint: done, progress }),
        );
        checkpoint = done;
      }
    } catch (error) {
      await saving.catch(() => undefined);
      throw error;
    }
    await saving;
    return this.finish(ctx, checkpoint, settings.display);
  }

  private async finish(
    ctx: RunContext,
    checkpoint: StockCheckpoint,
    display: 'QUANTITY' | 'IN_STOCK_ONLY',
  ): Promise<Record<string, unknown>> {
    const { run } = ctx;
    const supplierId = run.supplierId;
    // Turned off while the pass read: the host's figures were cleared and stay so.
    if (!(await this.settings.get(supplierId)).enabled) return { outcome: 'Stock sync was turned off' };
    const totals: {
      cin7_product_id: string;
      available: string | null;
      on_order: string | null;
      next_delivery_date: string | null;
    }[] = await this.dataSource.query(
      `WITH pass AS (
         SELECT cin7_product_id, sum(available) AS available, sum(on_order) AS on_order,
                min(next_delivery_date) AS next_delivery_date
           FROM cin7_stock_pass_row WHERE run_id = $1 GROUP BY cin7_product_id)
       SELECT l.cin7_product_id, p.available, p.on_order, p.next_delivery_date
         FROM cin7_product_link l LEFT JOIN pass p ON p.cin7_product_id = l.cin7_product_id
        WHERE l.supplier_id = $2`,
      [run.id, supplierId],
    );
    // A linked product without rows in the chosen locations has no stock there: 0.
    const { updated } = await this.writer.write(
      supplierId,
      totals.map((t) => ({
        cin7ProductId: t.cin7_product_id,
        sum: {
          available: Number(t.available ?? 0),
          onOrder: Number(t.on_order ?? 0),
          nextDeliveryDate: t.next_delivery_date,
        },
      })),
      { display, notNewerThan: new Date(checkpoint.startedAt) },
    );
    const unlinked: { cin7_product_id: string; sku: string | null }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (r.cin7_product_id) r.cin7_product_id, r.sku
         FROM cin7_stock_pass_row r
        WHERE r.run_id = $1 AND NOT EXISTS (
          SELECT 1 FROM cin7_product_link l WHERE l.supplier_id = $2 AND l.cin7_product_id = r.cin7_product_id)
        ORDER BY r.cin7_product_id LIMIT $3`,
      [run.id, supplierId, MAX_UNLINKED_EXAMPLES],
    );
    const unlinkedCount = await this.countUnlinked(run.id, supplierId);
    await ctx.checkpoint({
      progress: { updated, skipped: run.progress.skipped + unlinkedCount },
      skipped: unlinked.map((u) => ({
        cin7Id: u.cin7_product_id,
        label: u.sku ?? u.cin7_product_id,
        reason: 'Not linked to an Upstock product (import products to link it)',
      })),
    });
    await this.dataSource.query(`DELETE FROM cin7_stock_pass_row WHERE run_id = $1`, [run.id]);
    await this.dataSource.query(
      `INSERT INTO cin7_stock_state (supplier_id, locations) VALUES ($1, $2)
       ON CONFLICT (supplier_id) DO UPDATE SET locations = EXCLUDED.locations`,
      [supplierId, JSON.stringify(checkpoint.locations)],
    );
    return {
      rowsRead: checkpoint.rowsRead,
      productsUpdated: updated,
      unlinked: unlinkedCount,
      locations: checkpoint.locations,
    };
  }

  private async countUnlinked(runId: string, supplierId: string): Promise<number> {
    const [row]: { n: number }[] = await this.dataSource.query(
      `SELECT count(DISTINCT r.cin7_product_id)::int AS n FROM cin7_stock_pass_row r
        WHERE r.run_id = $1 AND NOT EXISTS (
          SELECT 1 FROM cin7_product_link l WHERE l.supplier_id = $2 AND l.cin7_product_id = r.cin7_product_id)`,
      [runId, supplierId],
    );
    return row?.n ?? 0;
  }

  /** One page's sums, replacing what an interrupted attempt may have stored for the same page. */
  private async savePage(runId: string, page: number, sums: Map<string, StockSum>): Promise<void> {
    const rows = [...sums];
    if (rows.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO cin7_stock_pass_row (run_id, page, cin7_product_id, sku, available, on_order, next_delivery_date)
       SELECT $1, $2, v.id, v.sku, v.available, v.on_order, v.next_delivery
         FROM unnest($3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::text[])
           AS v(id, sku, available, on_order, next_delivery)
       ON CONFLICT (run_id, page, cin7_product_id) DO UPDATE SET sku = EXCLUDED.sku,
         available = EXCLUDED.available, on_order = EXCLUDED.on_order,
         next_delivery_date = EXCLUDED.next_delivery_date`,
      [
        runId,
        page,
        rows.map(([id]) => id),
        rows.map(([, s]) => s.sku),
        rows.map(([, s]) => s.available),
        rows.map(([, s]) => s.onOrder),
        rows.map(([, s]) => s.nextDeliveryDate),
      ],
    );
  }

  /** Page sums of passes that ended without finishing (failed, cancelled) are of no further use. */
  private async forgetEndedPasses(supplierId: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM cin7_stock_pass_row WHERE run_id IN (
         SELECT id FROM cin7_sync_run WHERE supplier_id = $1 AND kind = 'stock-sync'
            AND state IN ('succeeded', 'failed', 'cancelled'))`,
      [supplierId],
    );
  }

  /** Passes of one supplier never overlap: a session advisory lock, freed with the session if a replica dies. */
  private async withSupplierLock<T>(supplierId: string, body: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext('cin7-stock'), hashtext($1))`, [supplierId]);
      try {
        return await body();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('cin7-stock'), hashtext($1))`, [supplierId]);
      }
    } finally {
      await runner.release();
    }
  }
}
