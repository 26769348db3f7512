import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import PgBoss from 'pg-boss';
import { DataSource, type EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { ShuttingDownError } from './call-budget.js';

/** Every queue the module uses. A job's data always carries the supplier it works for. */
export const QUEUES = {
  orderPush: 'cin7-order-push',
  import: 'cin7-import',
  priceSync: 'cin7-price-sync',
  shipmentPoll: 'cin7-shipment-poll',
  shipmentEvent: 'cin7-shipment-event',
  referenceRefresh: 'cin7-reference-refresh',
  webhooks: 'cin7-webhooks',
  scheduledSync: 'cin7-scheduled-sync',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobData {
  supplierId: string;
  [key: string]: unknown;
}

export interface QueueHandlerOptions {
  /** Workers of this queue in this process. Default 1. */
  concurrency?: number;
}

export interface SendOptions {
  /**
   * Deduplicates: while a job of the queue with this key is queued, retrying or active, another send is a no-op
   * (answers null). Checked under an advisory lock, so two replicas cannot both enqueue.
   */
  singletonKey?: string;
  startAfter?: Date;
  /** Enqueue inside the caller's transaction (the host's approval, say). */
  manager?: EntityManager;
}

/** What a handler knows of its job: whether a failure now is final (no retry left), so it can end visibly. */
export interface JobAttempt {
  lastAttempt: boolean;
}

type Handler = (data: JobData, attempt: JobAttempt) => Promise<void>;

/** Retry policy for every job: a failing unit of work is retried with backoff, then ends visibly failed. */
const RETRY_LIMIT = 8;
const RETRY_DELAY_S = 5;
/**
 * A job still active after this long is considered crashed (its replica died) and is retried by another. Longer
 * than any unit of work here: an import page or a price sync waits at most a minute or two for its call budget.
 */
export const DEFAULT_JOB_EXPIRE_S = 10 * 60;
/** How often expired jobs are looked for, so a dead replica's work is taken over soon after it expires. */
export const DEFAULT_MAINTENANCE_INTERVAL_S = 30;
const POLL_INTERVAL_S = 0.5;

/**
 * Durable background work in Postgres (pg-boss): claimed with SKIP LOCKED so any number of replicas can run,
 * retried with backoff, taken over when a replica dies. Runs on the host's connection pool.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Cin7Core:Jobs');
  private readonly handlers = new Map<QueueName, { handler: Handler; options: QueueHandlerOptions }>();
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
  ) {}

  /** Called by features in onModuleInit; workers start once the application has booted. */
  register(queue: QueueName, handler: Handler, options: QueueHandlerOptions = {}): void {
    if (this.handlers.has(queue)) throw new Error(`Queue ${queue} already has a handler`);
    this.handlers.set(queue, { handler, options });
  }

  async onApplicationBootstrap(): Promise<void> {
    const boss = await this.start();
    if (this.options.workersEnabled === false) return;
    for (const [queue, { handler, options }] of this.handlers) {
      for (let i = 0; i < (options.concurrency ?? 1); i++) {
        await boss.work<JobData>(
          queue,
          { pollingIntervalSeconds: POLL_INTERVAL_S, batchSize: 1, includeMetadata: true },
          async (jobs) => {
            for (const job of jobs) {
              // Fetched as the replica began to stop: leave it to another (the failure schedules a retry).
              if (this.stopping) throw new ShuttingDownError();
              await handler(job.data, { lastAttempt: job.retryCount >= job.retryLimit });
            }
          },
        );
      }
    }
  }

  /** True once this replica is shutting down: work in progress should stop at a safe point and be resumed. */
  get isStopping(): boolean {
    return this.stopping;
  }

  async send(queue: QueueName, data: JobData, options: SendOptions = {}): Promise<string | null> {
    const boss = await this.start();
    const { singletonKey, manager } = options;
    const sendWith = (m: EntityManager) =>
      boss.send(queue, data, {
        retryLimit: RETRY_LIMIT,
        retryDelay: RETRY_DELAY_S,
        retryBackoff: true,
        expireInSeconds: this.options.jobExpireSeconds ?? DEFAULT_JOB_EXPIRE_S,
        ...(singletonKey ? { singletonKey } : {}),
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
        db: { executeSql: async (text, values) => ({ rows: await m.query(text, values) }) },
      });
    if (!singletonKey) return sendWith(manager ?? this.dataSource.manager);
    // pg-boss 10 deduplicates keys only under special queue policies (which would also limit keyless jobs), so the
    // "one live job per key" rule is enforced here, under a lock two replicas share.
    const dedupe = async (m: EntityManager) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('cin7-jobs'), hashtext($1))`, [
        `${queue}:${singletonKey}`,
      ]);
      const live = await m.query(
        `SELECT 1 FROM ${this.schema()}.job
          WHERE name = $1 AND singleton_key = $2 AND state IN ('created', 'retry', 'active') LIMIT 1`,
        [queue, singletonKey],
      );
      return live.length ? null : sendWith(m);
    };
    return manager ? dedupe(manager) : this.dataSource.transaction(dedupe);
  }

  /** Cancels every queued job of a supplier (on disconnect). Jobs already running stop at their next Cin7 call. */
  async cancelForSupplier(supplierId: string): Promise<void> {
    const schema = this.schema();
    await this.start();
    await this.dataSource.query(
      `UPDATE ${schema}.job SET state = 'cancelled', completed_on = now()
        WHERE state IN ('created', 'retry') AND data->>'supplierId' = $1`,
      [supplierId],
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    const boss = this.boss;
    this.boss = null;
    await boss?.stop({ graceful: true, wait: true, timeout: 5_000, close: false });
  }

  private schema(): string {
    const schema = this.options.queueSchema ?? 'cin7_jobs';
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid queue schema name "${schema}"`);
    return schema;
  }

  private start(): Promise<PgBoss> {
    this.starting ??= (async () => {
      // pg-boss runs its SQL on the host's pool rather than opening its own.
      const pool: { query: PgBoss.Db['executeSql'] } = (this.dataSource.driver as PostgresDriver).master;
      const boss = new PgBoss({
        db: { executeSql: (text, values) => pool.query(text, values) },
        schema: this.schema(),
        supervise: this.options.workersEnabled !== false,
        maintenanceIntervalSeconds:
          this.options.jobMaintenanceIntervalSeconds ?? DEFAULT_MAINTENANCE_INTERVAL_S,
        schedule: false,
      });
      boss.on('error', (error) => this.logger.error(error.message));
      await boss.start();
      for (const queue of Object.values(QUEUES)) {
        if (!(await boss.getQueue(queue))) await boss.createQueue(queue).catch(ignoreAlreadyExists);
      }
      this.boss = boss;
      return boss;
    })();
    return this.starting;
  }
}

function ignoreAlreadyExists(error: unknown): void {
  // Two replicas booting at once race to create the same queue; the loser's error is harmless.
  if (!(error instanceof Error && /already exists|duplicate key/i.test(error.message))) throw error;
}
