import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QUEUES } from '../work/job-queue.service.js';
import type { SyncRunEntity } from '../work/sync-run.entity.js';
import { SyncRuns } from '../work/sync-runs.service.js';

/** Scope of a price sync run: every price of the supplier, or one linked Upstock customer's. */
export type PriceSyncScope = { kind: 'all' } | { kind: 'customer'; upstockCustomerId: string };

export const ALL_SCOPE = 'all';
const CUSTOMER_SCOPE_PREFIX = 'customer:';

export function scopeKey(scope: PriceSyncScope): string {
  return scope.kind === 'all' ? ALL_SCOPE : `${CUSTOMER_SCOPE_PREFIX}${scope.upstockCustomerId}`;
}

export function parseScope(params: Record<string, unknown>): PriceSyncScope {
  const scope = typeof params.scope === 'string' ? params.scope : ALL_SCOPE;
  return scope.startsWith(CUSTOMER_SCOPE_PREFIX)
    ? { kind: 'customer', upstockCustomerId: scope.slice(CUSTOMER_SCOPE_PREFIX.length) }
    : { kind: 'all' };
}

/**
 * How other parts of the module (and the host) ask for a price sync. Every trigger only records a run and
 * enqueues it (`QUEUES.priceSync`, data `{ supplierId, runId }`); the Cin7 calls happen in the worker.
 */
@Injectable()
export class PriceSyncTrigger {
  constructor(
    private readonly runs: SyncRuns,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * A customer was just linked (matched) to its Cin7 twin: sync that customer's prices (tier list, custom
   * prices, discount). Call it after the link is committed. When a whole-supplier sync is still queued it
   * covers the customer, so it is joined instead of adding a run.
   */
  async forCustomer(supplierId: string, upstockCustomerId: string): Promise<SyncRunEntity> {
    const queuedAll = await this.runs.latest(supplierId, 'price-sync', 'queued');
    if (queuedAll && queuedAll.params.scope === ALL_SCOPE) return queuedAll;
    const { run, joined } = await this.runs.startOrJoin(supplierId, 'price-sync', QUEUES.priceSync, {
      scope: scopeKey({ kind: 'customer', upstockCustomerId }),
    });
    if (joined) await this.askAgainIfRunning(run);
    return run;
  }

  /**
   * Every price of the supplier (on demand, hourly, after an import). `full` forces a full pass instead of an
   * incremental one; a sync already queued or running is joined.
   */
  async forSupplier(
    supplierId: string,
    options: { full?: boolean; reason?: string } = {},
  ): Promise<{
    run: SyncRunEntity;
    joined: boolean;
  }> {
    const started = await this.runs.startOrJoin(supplierId, 'price-sync', QUEUES.priceSync, {
      scope: ALL_SCOPE,
      full: options.full ?? false,
      reason: options.reason ?? 'on-demand',
    });
    if (started.joined) await this.askAgainIfRunning(started.run);
    return started;
  }

  /**
   * A run already reading Cin7 may have passed what the caller just changed (links of an import that finished
   * meanwhile): it is marked to run once more when it ends (see PriceSyncService.run).
   */
  private async askAgainIfRunning(run: SyncRunEntity): Promise<void> {
    await this.dataSource.query(
      `UPDATE cin7_sync_run SET params = params || '{"again": true}'::jsonb WHERE id = $1 AND state IN ('running', 'paused')`,
      [run.id],
    );
  }
}
