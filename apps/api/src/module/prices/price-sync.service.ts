import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { PriceChanges } from '@upstock/cin7-contracts';
import { DataSource } from 'typeorm';
import { CatalogLinks } from '../catalog/index.js';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { ConnectionsService } from '../connection/connections.service.js';
import { SettingsService } from '../settings/settings.service.js';
import { clockOf } from '../work/clock.js';
import { type JobAttempt, QUEUES } from '../work/job-queue.service.js';
import type { RunContext } from '../work/sync-runs.service.js';
import { SyncRuns } from '../work/sync-runs.service.js';
import { PriceStore } from './price.store.js';
import { noChanges, summariseChanges } from './price-changes.js';
import { diffPrices, isEmptyWritePlan, type PriceWritePlan } from './price-diff.js';
import { buildPricePlan } from './price-plan.js';
import {
  findUnsupported,
  isActive,
  mergeTiers,
  type PriceCin7Client,
  toCustomerRow,
  toProductRow,
  totalCalls,
} from './price-reader.js';
import { parseScope } from './price-sync.trigger.js';

/**
 * `ModifiedSince` is read from the newest `LastModifiedOn` seen, less this overlap: Cin7 does not say whether the
 * bound is inclusive, and a change saved in the same second as our read must not be lost (reference §2.4).
 * Re-reading a few minutes of changes costs nothing: they fit in the same single page.
 */
export const MODIFIED_SINCE_OVERLAP_MS = 5 * 60_000;
/** A full pass catches what `ModifiedSince` cannot see (deletions, a custom price that did not touch the row). */
export const FULL_PASS_EVERY_MS = 24 * 60 * 60_000;
/** Rows per host call when setting base prices or assigning customers. */
const WRITE_CHUNK = 1_000;
/** Price lists replaced at once: the host's pool is shared with the job queue and the API's requests. */
const LIST_WRITE_CONCURRENCY = 3;
/** Ordering blocks are set one customer at a time (the port has no batch); recorded every this many. */
const BLOCKED_CHUNK = 100;

export type PriceSyncMode = 'full' | 'incremental' | 'customer';

interface PriceCheckpoint extends Record<string, unknown> {
  mode: PriceSyncMode;
  /** Last page fully stored, per list. */
  productsPage: number;
  customersPage: number;
  /**
   * The cursors the run started from: the `ModifiedSince` of every page of this run, so a resumed run asks for
   * the same list and its page numbers still match.
   */
  productsFrom: number | null;
  customersFrom: number | null;
  /** Newest LastModifiedOn seen so far (epoch ms). */
  productCursor: number | null;
  customerCursor: number | null;
  pagesDone: number;
}

/** Runs one price sync: read Cin7 into the module's copy, plan the desired prices, write only what differs. */
@Injectable()
export class PriceSyncService {
  private readonly logger = new Logger('Cin7Core:PriceSync');

  constructor(
    private readonly runs: SyncRuns,
    private readonly connections: ConnectionsService,
    private readonly settings: SettingsService,
    private readonly links: CatalogLinks,
    private readonly store: PriceStore,
    private readonly dataSource: DataSource,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
  ) {}

  private now(): number {
    return clockOf(this.options).now();
  }

  async run(runId: string, attempt?: JobAttempt): Promise<void> {
    await this.runs.execute(
      runId,
      (ctx) => this.withSupplierLock(ctx.run.supplierId, () => this.sync(ctx)),
      attempt,
    );
    // Asked for again while it ran (see PriceSyncTrigger): one more run picks up what this one may have missed.
    const [ended]: { supplier_id: string; params: Record<string, unknown>; state: string }[] =
      await this.dataSource.query(`SELECT supplier_id, params, state FROM cin7_sync_run WHERE id = $1`, [
        runId,
      ]);
    if (ended?.params.again === true && ended.state === 'succeeded') {
      await this.runs.startOrJoin(ended.supplier_id, 'price-sync', QUEUES.priceSync, {
        ...ended.params,
        again: false,
        full: false,
        reason: 'asked-again',
      });
    }
  }

  /**
   * One supplier's syncs never overlap (a customer's sync and the hourly one would race on the same lists):
   * a session advisory lock, released when the connection is, so a crashed replica frees it.
   */
  private async withSupplierLock<T>(supplierId: string, body: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext('cin7-prices'), hashtext($1))`, [supplierId]);
      try {
        return await body();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('cin7-prices'), hashtext($1))`, [supplierId]);
      }
    } finally {
      await runner.release();
    }
  }

  private async sync(ctx: RunContext): Promise<Record<string, unknown>> {
    const { run } = ctx;
    const supplierId = run.supplierId;
    const scope = parseScope(run.params);
    const { connection, client } = await this.connections.clientFor(supplierId, 'background');
    const state = await this.store.state(supplierId);
    const now = this.now();

    const resumed = run.checkpoint as PriceCheckpoint | null;
    const mode: PriceSyncMode =
      resumed?.mode ??
      (!state.lastFullAt || !state.productCursor || state.accountId !== connection.accountId
        ? 'full'
        : scope.kind === 'customer'
          ? 'customer'
          : run.params.full === true || now - state.lastFullAt.getTime() >= FULL_PASS_EVERY_MS
            ? 'full'
            : 'incremental');
    const checkpoint: PriceCheckpoint = resumed ?? {
      mode,
      productsPage: 0,
      customersPage: 0,
      // A full pass sets the cursors from what it reads (the old ones may even be another account's).
      productsFrom: mode === 'full' ? null : (state.productCursor?.getTime() ?? null),
      customersFrom: mode === 'full' ? null : (state.customerCursor?.getTime() ?? null),
      productCursor: mode === 'full' ? null : (state.productCursor?.getTime() ?? null),
      customerCursor: mode === 'full' ? null : (state.customerCursor?.getTime() ?? null),
      pagesDone: 0,
    };

    const startedAt = performance.now();
    let onlyCustomer: string | undefined;
    if (mode === 'customer' && scope.kind === 'customer') {
      onlyCustomer = scope.upstockCustomerId;
      await this.readOneCustomer(supplierId, scope.upstockCustomerId, client);
    } else {
      await this.readCin7(ctx, client, checkpoint, mode === 'full');
    }

    const readMs = Math.round(performance.now() - startedAt);
    const changes = await this.writeUpstock(supplierId, connection.baseCurrency, onlyCustomer, ctx);
    const writeMs = Math.round(performance.now() - startedAt) - readMs;
    const settings = await this.settings.get(supplierId);
    const finished = this.now();
    await this.store.updateState(supplierId, {
      accountId: connection.accountId,
      lastSuccessAt: new Date(finished),
      lastSuccessRunId: run.id,
      lastChanges: changes.summary,
      ...(mode === 'customer'
        ? {}
        : {
            productCursor: checkpoint.productCursor === null ? null : new Date(checkpoint.productCursor),
            customerCursor: checkpoint.customerCursor === null ? null : new Date(checkpoint.customerCursor),
            nextDueAt: new Date(finished + settings.priceSyncIntervalMinutes * 60_000),
          }),
      ...(mode === 'full' ? { lastFullAt: new Date(now) } : {}),
    });
    const cin7Calls = totalCalls(client);
    this.logger.debug(`price sync ${run.id} (${mode}) for ${supplierId}: ${cin7Calls} Cin7 calls`);
    return { mode, cin7Calls, readMs, writeMs, changes: changes.summary, issues: changes.issues };
  }

  /** Tiers, then products, then customers; the copy is updated page by page and the run resumes where it stopped. */
  private async readCin7(
    ctx: RunContext,
    client: PriceCin7Client,
    cp: PriceCheckpoint,
    full: boolean,
  ): Promise<void> {
    const supplierId = ctx.run.supplierId;
    const runId = ctx.run.id;
    const state = await this.store.state(supplierId);
    const tiers = mergeTiers(state.tiers, await client.reference.priceTiers());
    await this.store.updateState(supplierId, { tiers });

    const since = (cursor: number | null) =>
      !full && cursor !== null ? { ModifiedSince: new Date(cursor - MODIFIED_SINCE_OVERLAP_MS) } : {};
    // Incremental reads include deprecated rows: a product or customer deprecated since is then dropped.
    const deprecated = full ? {} : { IncludeDeprecated: true };
    for await (const page of client.products.pages(
      { ...since(cp.productsFrom), ...deprecated },
      { startPage: cp.productsPage + 1 },
    )) {
      const rows = page.items.map((p) => ({ row: toProductRow(p), active: isActive(p.Status) }));
      await this.store.upsertProducts(
        supplierId,
        rows.filter((r) => r.active).map((r) => r.row),
        full ? runId : null,
      );
      await this.store.deleteProducts(
        supplierId,
        rows.filter((r) => !r.active).map((r) => r.row.cin7Id),
      );
      cp.productCursor = newest(
        cp.productCursor,
        rows.map((r) => r.row.lastModifiedOn),
      );
      cp.productsPage = page.page;
      cp.pagesDone++;
      await ctx.checkpoint({ progress: { pagesDone: cp.pagesDone }, checkpoint: cp });
    }
    if (full) await this.store.deleteUnseen(supplierId, runId, 'products');

    for await (const page of client.customers.pages(
      { ...since(cp.customersFrom), ...deprecated, IncludeProductPrices: true },
      { startPage: cp.customersPage + 1 },
    )) {
      const rows = page.items.map((c) => ({ row: toCustomerRow(c), active: isActive(c.Status) }));
      await this.store.upsertCustomers(
        supplierId,
        rows.filter((r) => r.active).map((r) => r.row),
        full ? runId : null,
      );
      await this.store.deleteCustomers(
        supplierId,
        rows.filter((r) => !r.active).map((r) => r.row.cin7Id),
      );
      cp.customerCursor = newest(
        cp.customerCursor,
        rows.map((r) => r.row.lastModifiedOn),
      );
      cp.customersPage = page.page;
      cp.pagesDone++;
      await ctx.checkpoint({ progress: { pagesDone: cp.pagesDone }, checkpoint: cp });
    }
    if (full) {
      await this.store.deleteUnseen(supplierId, runId, 'customers');
      // Discount rules and deals have no since-filter: read on the daily full pass only, so an idle hourly sync
      // stays at three calls.
      const [rules, deals] = [await client.reference.discountRules(), await client.reference.deals()];
      await this.store.updateState(supplierId, {
        unsupported: findUnsupported(rules, deals),
        unsupportedCheckedAt: new Date(this.now()),
      });
    }
  }

  private async readOneCustomer(
    supplierId: string,
    upstockCustomerId: string,
    client: PriceCin7Client,
  ): Promise<void> {
    const link = await this.links.customerLink(supplierId, upstockCustomerId);
    // Unlinked since the sync was asked for: nothing to read; the write step puts it back on the base price.
    if (!link) return;
    const customer = await client.customers.get(link.cin7CustomerId, { IncludeProductPrices: true });
    if (customer && isActive(customer.Status))
      await this.store.upsertCustomers(supplierId, [toCustomerRow(customer)], null);
    else await this.store.deleteCustomers(supplierId, [link.cin7CustomerId]);
  }

  /**
   * Plans from the copy and the links, then writes what differs: lists first (each atomically, by the port's
   * contract), base prices, assignments, customers' own prices, ordering blocks. Each write is recorded as soon as
   * it succeeds, so a sync that fails half-way leaves every list either as it was or fully new, and the retry
   * writes only the rest.
   */
  private async writeUpstock(
    supplierId: string,
    baseCurrency: string,
    onlyCustomer: string | undefined,
    ctx: RunContext,
  ): Promise<{ summary: PriceChanges; issues: number }> {
    const [state, products, customers, productLinks, customerLinks, written] = await Promise.all([
      this.store.state(supplierId),
      this.store.products(supplierId),
      this.store.customers(supplierId),
      this.links.allProductLinks(supplierId),
      this.links.allCustomerLinks(supplierId),
      this.store.written(supplierId),
    ]);
    const plan = buildPricePlan({
      tiers: state.tiers,
      products,
      customers,
      productLinks: new Map(productLinks.map((l) => [l.cin7ProductId, l.upstockProductId])),
      customerLinks: new Map(customerLinks.map((l) => [l.cin7CustomerId, l.upstockCustomerId])),
      baseCurrency,
      existingListKeys: written.lists.keys(),
    });
    // The import and the matching set the ordering block when they link a customer, and keep what they set on the
    // link: that is what Upstock already holds, so it is not written again.
    for (const link of customerLinks) {
      const known = written.customers.get(link.upstockCustomerId);
      if (known?.blockedReason !== undefined) continue;
      written.customers.set(link.upstockCustomerId, {
        upstockCustomerId: link.upstockCustomerId,
        listKey: known?.listKey,
        entries: known?.entries ?? {},
        blockedReason: link.orderingBlockedReason,
      });
    }
    const linked = new Set(customerLinks.map((l) => l.upstockCustomerId));
    const unlinked = [...written.customers.keys()].filter((id) => !linked.has(id));
    const writes = diffPrices(plan, written, onlyCustomer, unlinked);
    const issues = onlyCustomer
      ? plan.issues.filter((i) => plan.customers.get(onlyCustomer)?.cin7CustomerId === i.cin7Id)
      : plan.issues;
    await ctx.checkpoint({
      progress: { skipped: issues.length },
      skipped: ctx.run.skippedItems.length ? [] : issues,
    });
    if (isEmptyWritePlan(writes)) return { summary: noChanges(), issues: issues.length };
    await this.apply(supplierId, baseCurrency, writes, written.lists, ctx);
    return {
      summary: summariseChanges(writes, { blockedBefore: (id) => written.blockedBefore.has(id) }),
      issues: issues.length,
    };
  }

  private async apply(
    supplierId: string,
    currency: string,
    writes: PriceWritePlan,
    writtenLists: ReadonlyMap<string, { priceListId: string }>,
    ctx: RunContext,
  ): Promise<void> {
    const ports = this.options.ports;
    const listIds = new Map([...writtenLists].map(([key, l]) => [key, l.priceListId]));
    let created = 0;
    let updated = 0;
    // Lists are independent (each replaced atomically by the host): a few at a time.
    await eachWithConcurrency(writes.lists, LIST_WRITE_CONCURRENCY, async ({ list, created: isNew }) => {
      const entries = [...list.entries].map(([productId, price]) => ({ productId, price }));
      const id = await ports.priceLists.replacePriceList(supplierId, {
        key: list.key,
        name: list.name,
        currency,
        entries,
      });
      listIds.set(list.key, id);
      await this.store.saveWrittenList(supplierId, {
        key: list.key,
        name: list.name,
        priceListId: id,
        entries: Object.fromEntries(list.entries),
      });
      if (isNew) created++;
      else updated++;
    });
    for (const chunk of chunks(writes.basePrices, WRITE_CHUNK)) {
      await ports.products.setBasePrices(supplierId, chunk);
      await this.store.mergeWrittenBase(supplierId, chunk);
    }
    const customerIds = await this.cin7CustomerIds(supplierId, [
      ...writes.assignments.map((a) => a.upstockCustomerId),
      ...writes.blocked.map((b) => b.upstockCustomerId),
    ]);
    for (const chunk of chunks(writes.assignments, WRITE_CHUNK)) {
      await ports.priceLists.assignCustomers(
        supplierId,
        chunk.map((a) => ({
          customerId: a.upstockCustomerId,
          priceListId: a.listKey ? (listIds.get(a.listKey) ?? null) : null,
        })),
      );
      await this.store.saveWrittenCustomers(
        supplierId,
        chunk.map((a) => ({
          upstockCustomerId: a.upstockCustomerId,
          cin7CustomerId: customerIds.get(a.upstockCustomerId) ?? '',
          listKey: a.listKey,
        })),
      );
    }
    for (const { customer } of writes.customerPrices) {
      const entries = [...customer.entries].map(([productId, price]) => ({ productId, price }));
      await ports.priceLists.replaceCustomerPrices(supplierId, customer.upstockCustomerId, entries);
      await this.store.saveWrittenCustomers(supplierId, [
        {
          upstockCustomerId: customer.upstockCustomerId,
          cin7CustomerId: customer.cin7CustomerId,
          entries: Object.fromEntries(customer.entries),
        },
      ]);
    }
    for (const chunk of chunks(writes.blocked, BLOCKED_CHUNK)) {
      for (const b of chunk)
        await ports.customers.setOrderingBlocked(supplierId, b.upstockCustomerId, b.reason);
      await this.store.saveWrittenCustomers(
        supplierId,
        chunk.map((b) => ({
          upstockCustomerId: b.upstockCustomerId,
          cin7CustomerId: customerIds.get(b.upstockCustomerId) ?? '',
          blockedReason: b.reason,
        })),
      );
    }
    await ctx.checkpoint({
      progress: {
        created,
        updated:
          updated +
          writes.assignments.length +
          writes.customerPrices.length +
          (writes.basePrices.length > 0 ? 1 : 0),
      },
    });
  }

  private async cin7CustomerIds(supplierId: string, upstockIds: string[]): Promise<Map<string, string>> {
    if (upstockIds.length === 0) return new Map();
    const links = await this.links.customerLinksByUpstockIds(supplierId, upstockIds);
    return new Map([...links].map(([id, link]) => [id, link.cin7CustomerId]));
  }
}

function newest(current: number | null, dates: (Date | null)[]): number | null {
  let max = current;
  for (const d of dates) if (d && (max === null || d.getTime() > max)) max = d.getTime();
  return max;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `work` over the items with at most `limit` at a time; the first failure is thrown once all have settled. */
async function eachWithConcurrency<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        errors.push(error);
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (errors.length > 0) throw errors[0];
}
