import { Inject, Injectable } from '@nestjs/common';
import type { PriceStatus } from '@upstock/cin7-contracts';
import { DataSource } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { clockOf } from '../work/clock.js';
import type { SyncRunEntity } from '../work/sync-run.entity.js';
import { SyncRuns, toJob } from '../work/sync-runs.service.js';
import { PriceStore } from './price.store.js';
import { BASE_PRICES_KEY } from './price-written.entity.js';

/** `GET /prices/status`: read from the module's own tables only (no Cin7 call). */
@Injectable()
export class PriceStatusService {
  constructor(
    private readonly store: PriceStore,
    private readonly runs: SyncRuns,
    private readonly dataSource: DataSource,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
  ) {}

  async status(supplierId: string): Promise<PriceStatus> {
    // Independent reads: asked together rather than one after another (the panel waits for the slowest).
    const [state, [connected], running, lastRun, lists] = await Promise.all([
      this.store.state(supplierId),
      this.dataSource.query(`SELECT 1 FROM cin7_connection WHERE supplier_id = $1 AND status = 'connected'`, [
        supplierId,
      ]),
      this.activeRun(supplierId),
      this.runs.latest(supplierId, 'price-sync'),
      this.priceLists(supplierId),
    ]);
    const tier1Name = state.tiers.find((t) => t.code === 1)?.name ?? 'Tier 1';
    const now = clockOf(this.options).now();
    const nextDue = state.nextDueAt && state.nextDueAt.getTime() > now ? state.nextDueAt : new Date(now);
    return {
      lastSyncAt: state.lastSuccessAt?.toISOString() ?? null,
      nextSyncAt: connected ? nextDue.toISOString() : null,
      running: running ? toJob(running) : null,
      lastRun: lastRun && lastRun.id !== running?.id ? toJob(lastRun) : null,
      lastChanges: state.lastChanges,
      // The base list is named after Cin7's first tier (its name known from the state read beside it).
      priceLists: lists.map((l) => (l.isBase ? { ...l, name: tier1Name } : l)),
      unsupported: state.unsupported,
      unsupportedCheckedAt: state.unsupportedCheckedAt?.toISOString() ?? null,
    };
  }

  /** The price sync under way, if any: running first, then paused, then queued. */
  private async activeRun(supplierId: string): Promise<SyncRunEntity | null> {
    const [running, paused, queued] = await Promise.all(
      (['running', 'paused', 'queued'] as const).map((s) => this.runs.latest(supplierId, 'price-sync', s)),
    );
    return running ?? paused ?? queued ?? null;
  }

  private async priceLists(supplierId: string): Promise<PriceStatus['priceLists']> {
    const listsRead: Promise<{ key: string; name: string; entries: string; customers: string }[]> =
      this.dataSource.query(
        `SELECT l.key, l.name, (SELECT count(*) FROM jsonb_object_keys(l.entries)) AS entries,
              (SELECT count(*) FROM cin7_price_customer_state s
                WHERE s.supplier_id = l.supplier_id AND s.list_assigned
                  AND (s.list_key = l.key OR (l.key = $2 AND s.list_key IS NULL))) AS customers
         FROM cin7_price_list l WHERE l.supplier_id = $1 ORDER BY l.key = $2 DESC, l.key`,
        [supplierId, BASE_PRICES_KEY],
      );
    const ownRead: Promise<{ name: string | null; entries: string }[]> = this.dataSource.query(
      `SELECT c.name, (SELECT count(*) FROM jsonb_object_keys(s.entries)) AS entries
         FROM cin7_price_customer_state s
         LEFT JOIN cin7_price_customer c ON c.supplier_id = s.supplier_id AND c.cin7_customer_id = s.cin7_customer_id
        WHERE s.supplier_id = $1 AND s.entries <> '{}'::jsonb ORDER BY c.name`,
      [supplierId],
    );
    const [lists, own] = await Promise.all([listsRead, ownRead]);
    return [
      ...lists.map((l) => ({
        name: l.name,
        source: 'tier' as const,
        isBase: l.key === BASE_PRICES_KEY,
        entries: Number(l.entries),
        customers: Number(l.customers),
      })),
      ...own.map((c) => ({
        name: c.name ?? 'Customer prices',
        source: 'customer' as const,
        isBase: false,
        entries: Number(c.entries),
        customers: 1,
      })),
    ];
  }
}
