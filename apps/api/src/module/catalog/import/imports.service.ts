import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ImportRequest, ImportResult, Job } from '@upstock/cin7-contracts';
import { CIN7_MAX_LIMIT, type Cin7Page, PRODUCT_PAGE_LIMIT_WITH_INCLUDES } from '@upstock/cin7-core';
import { DataSource } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../../cin7-core.options.js';
import { ConnectionsService } from '../../connection/connections.service.js';
import { ShuttingDownError } from '../../work/call-budget.js';
import { JobQueue, QUEUES } from '../../work/job-queue.service.js';
import { SyncRunEntity } from '../../work/sync-run.entity.js';
import { type RunContext, SyncRuns, toJob } from '../../work/sync-runs.service.js';
import { CatalogChanges } from '../catalog-changes.js';
import { CatalogLinks } from '../links/catalog-links.service.js';
import { LinkStore } from '../links/link.store.js';
import { notConnected } from '../not-connected.error.js';
import { importCustomerPage, UnlinkedCustomerIndex } from './customer-page.importer.js';
import { type ImportCheckpoint, type ResumePoint, resumePoint } from './import-checkpoint.js';
import { addPage, type ImportTally, type PageOutcome, toImportResult } from './import-tally.js';
import { importProductPage } from './product-page.importer.js';

type ImportKind = ImportRequest['kind'];
const JOB_KIND = { customers: 'import-customers', products: 'import-products' } as const;

/**
 * Imports of customers and products (help article: "Import customers & products"): a supplier-visible run that
 * pages through Cin7 (customers at 1,000 a page, products with their images at 100), writes each page to the host in batches, links each row to its Cin7 twin and
 * checkpoints after every page, so a crash, a restart or Cin7 throttling resumes at the next page.
 */
@Injectable()
export class ImportsService implements OnModuleInit {
  private readonly logger = new Logger('Cin7Core:Import');

  constructor(
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
    private readonly dataSource: DataSource,
    private readonly connections: ConnectionsService,
    private readonly queue: JobQueue,
    private readonly runs: SyncRuns,
    private readonly links: CatalogLinks,
    private readonly store: LinkStore,
    private readonly changes: CatalogChanges,
  ) {}

  onModuleInit(): void {
    // One import at a time per process: imports are long and Cin7's budget is shared anyway.
    this.queue.register(QUEUES.import, async (data, attempt) => {
      const runId = typeof data.runId === 'string' ? data.runId : null;
      if (!runId) return;
      await this.runs.execute(runId, (ctx) => this.run(ctx), attempt);
      await this.afterRun(runId);
    });
  }

  /**
   * New customers need their price lists and new products their tier prices: a finished import that wrote anything
   * asks for one supplier-wide price sync (joined when one is queued). Asked once the import has ended, so its
   * Cin7 calls never compete with the import's.
   */
  private async afterRun(runId: string): Promise<void> {
    const run = await this.dataSource.getRepository(SyncRunEntity).findOneBy({ id: runId });
    const result = run?.state === 'succeeded' ? run.result : null;
    if (!run || !result) return;
    const wrote = ['created', 'updated', 'linkedExisting'].some((k) => Number(result[k] ?? 0) > 0);
    if (!wrote) return;
    // Customers and products are usually imported one after the other: the last import asks, once.
    const [pending] = await this.dataSource.query(
      `SELECT 1 FROM cin7_sync_run WHERE supplier_id = $1 AND id <> $2
          AND kind IN ('import-customers', 'import-products') AND state IN ('queued', 'running', 'paused') LIMIT 1`,
      [run.supplierId, run.id],
    );
    if (!pending) await this.changes.importsFinished(run.supplierId, run.kind);
  }

  /** Starts an import, or joins the one of that kind already queued or running. */
  async start(supplierId: string, kind: ImportKind): Promise<Job> {
    const connection = await this.connections.describe(supplierId);
    if (connection.status === 'disconnected') {
      throw notConnected('importing');
    }
    const { run } = await this.runs.startOrJoin(supplierId, JOB_KIND[kind], QUEUES.import);
    return toJob(run);
  }

  private async run(ctx: RunContext): Promise<Record<string, unknown>> {
    const { supplierId } = ctx.run;
    const kind: ImportKind = ctx.run.kind === 'import-customers' ? 'customers' : 'products';
    const { connection, client } = await this.connections.clientFor(supplierId, 'background');
    const pageSize = kind === 'products' ? PRODUCT_PAGE_LIMIT_WITH_INCLUDES : CIN7_MAX_LIMIT;
    const resume = resumePoint(ctx.run.checkpoint, pageSize);
    if (resume.startPage > 1 || resume.skipRows > 0)
      this.logger.log(`Resuming ${kind} import ${ctx.run.id} at page ${resume.startPage} of ${pageSize}`);

    const deps = { links: this.links, store: this.store };
    let tally: ImportTally;
    if (kind === 'products') {
      const productDeps = { ...deps, products: this.options.ports.products };
      // Deprecated products are read too, to report them (the issue: "reported, not imported").
      const pages = client.products.pages(
        { IncludeAttachments: true, IncludeDeprecated: true, Limit: pageSize },
        { startPage: resume.startPage },
      );
      tally = await this.eachPage(ctx, pages, resume, (items) =>
        importProductPage(productDeps, supplierId, items),
      );
    } else {
      const customerDeps = { ...deps, customers: this.options.ports.customers };
      const index = await UnlinkedCustomerIndex.load(customerDeps, supplierId);
      const pages = client.customers.pages(
        { IncludeDeprecated: true, Limit: pageSize },
        { startPage: resume.startPage },
      );
      tally = await this.eachPage(ctx, pages, resume, (items) =>
        importCustomerPage(customerDeps, supplierId, connection.baseCurrency, items, index),
      );
    }
    const result: ImportResult = toImportResult(kind, tally);
    return { ...result };
  }

  /**
   * Processes each page, then checkpoints it: a page is fully written before the run moves past it. The next page
   * is read from Cin7 while this one is written (one page ahead, no more), so Cin7 and Postgres work at once.
   */
  private async eachPage<T>(
    ctx: RunContext,
    pages: AsyncIterable<Cin7Page<T>>,
    start: ResumePoint,
    processPage: (items: T[]) => Promise<PageOutcome>,
  ): Promise<ImportTally> {
    let { tally, skipRows } = start;
    const iterator = pages[Symbol.asyncIterator]();
    let next = iterator.next();
    for (;;) {
      const current = await next;
      if (current.done) break;
      const page = current.value;
      // The replica is stopping (a deploy): end on the last checkpoint while the database is still there. The
      // page just read is read again on resume: one call, rather than writing during shutdown.
      if (this.queue.isStopping) throw new ShuttingDownError();
      // This attempt's job expired, or a retry took the run over: writing the page now could write it twice.
      ctx.assertOwned();
      next = iterator.next();
      // Its failure (throttling, say) is handled when awaited, after this page's checkpoint.
      next.catch(() => undefined);
      // Rows an earlier attempt wrote at another page size (only ever at the start of the first page read).
      const items = page.items.slice(skipRows);
      skipRows = 0;
      const outcome = await processPage(items);
      tally = addPage(tally, items.length, outcome);
      const checkpoint: ImportCheckpoint = { nextPage: page.page + 1, pageSize: page.limit, tally };
      await ctx.checkpoint({
        progress: {
          pagesDone: page.page,
          pagesTotal: Math.max(page.page, Math.ceil(page.total / page.limit)),
          created: tally.created,
          updated: tally.updated + tally.linkedExisting,
          skipped: tally.skipped,
        },
        checkpoint: { ...checkpoint },
        skipped: outcome.skipped,
      });
    }
    return tally;
  }
}
