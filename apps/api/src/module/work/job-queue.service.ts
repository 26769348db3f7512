import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import pg from 'pg';
import { type Db, type JobWithMetadata, PgBoss } from 'pg-boss';
import { DataSource, type DataSourceOptions, type EntityManager } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { ShuttingDownError } from './call-budget.js';
import { runInJob } from './job-context.js';

/** Every queue the module uses. A job's data always carries the supplier it works for. */
export const QUEUES = {
  orderPush: 'cin7-order-push',
  import: 'cin7-import',
  priceSync: 'cin7-price-sync',
  shipmentPoll: 'cin7-shipment-poll',
  shipmentEvent: 'cin7-shipment-event',
  referenceRefresh: 'cin7-reference-refresh',
  webhooks: 'cin7-webhooks',
  stockSync: 'cin7-stock-sync',
  stockRead: 'cin7-stock-read',
  scheduledSync: 'cin7-scheduled-sync',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/**
 * pg-boss's policy per queue. `exclusive` (the default): one live job per key, queued or running. `stately`: one
 * queued and one running per key, and the queued one waits until the running one ends; for work that must happen
 * after it was asked for, even while an earlier one runs, yet coalesces while it waits: events about a thing (a Cin7
 * sale) and a supplier's shipment poll (a "check now" while a poll runs would otherwise be that poll, which may
 * have listed Cin7 before the change the supplier is looking for).
 */
const QUEUE_POLICY: Partial<Record<QueueName, 'stately'>> = {
  [QUEUES.shipmentEvent]: 'stately',
  [QUEUES.shipmentPoll]: 'stately',
};
const policyOf = (queue: QueueName): 'exclusive' | 'stately' => QUEUE_POLICY[queue] ?? 'exclusive';

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
   * What the job is about (a run, a push, a supplier's poll). Most queues are `exclusive`: while a job with this key
   * is queued, retrying or active, another send is a no-op (answers null); a `stately` queue (QUEUE_POLICY) also
   * takes one queued job while one with the key runs. pg-boss enforces it with a unique index, so two replicas
   * cannot both enqueue.
   */
  singletonKey: string;
  startAfter?: Date;
  /** Enqueue inside the caller's transaction (the host's approval, a run's creation). */
  manager?: EntityManager;
}

/** What a handler knows of its job. */
export interface JobAttempt {
  /** A failure now is final (no retry left), so the handler can end visibly. */
  lastAttempt: boolean;
  /** Which attempt of the job this is (0 for the first): fences work a previous attempt may still be doing. */
  attempt: number;
  /** Aborted when the job expires or its claim is lost; also checked by every Cin7 call (job-context). */
  signal: AbortSignal;
}

type Handler = (data: JobData, attempt: JobAttempt) => Promise<void>;

/** Retry policy for every job: a failing unit of work is retried with backoff, then ends visibly failed. */
const RETRY_LIMIT = 8;
const RETRY_DELAY_S = 5;
/**
 * A job still active after this long has its signal aborted and is retried (pg-boss 12 fails it and aborts the
 * handler's signal; the handler stops at its next step). Longer than any unit of work here: an import page or a
 * price sync waits at most a minute or two for its call budget.
 */
export const DEFAULT_JOB_EXPIRE_S = 10 * 60;
/**
 * A worker refreshes its job's heartbeat every half of this; a job not refreshed for this long (its replica died or
 * froze) is retried by another replica, and the frozen one finds its claim gone at its next heartbeat.
 */
export const DEFAULT_JOB_HEARTBEAT_S = 30;
/** How often expired jobs are looked for, so a dead replica's work is taken over soon after it expires. */
export const DEFAULT_MAINTENANCE_INTERVAL_S = 30;
/** Completed and failed jobs are kept this long for inspection, then deleted by pg-boss. */
const DELETE_AFTER_S = 7 * 24 * 3600;
/**
 * Idle polling of each worker while LISTEN/NOTIFY is up: a new job wakes its workers at once, so polling only finds
 * jobs that become due later (retries after their backoff, deferred jobs). Without LISTEN (a pooler in transaction
 * mode), workers poll every POLL_INTERVAL_S instead.
 */
const NOTIFY_POLL_INTERVAL_S = 10;
const POLL_INTERVAL_S = 2;
/** Polling of a queue's other workers: a backstop only (NOTIFY and their siblings wake them). */
const SIBLING_POLL_INTERVAL_S = 5 * 60;
/** The pg-boss 10 schema this module used before pg-boss 12 (which cannot migrate it): see adoptLegacySchema. */
export const LEGACY_QUEUE_SCHEMA = 'cin7_jobs';
export const DEFAULT_QUEUE_SCHEMA = 'cin7_queue';

/**
 * Durable background work in Postgres (pg-boss 12): claimed with SKIP LOCKED so any number of replicas can run,
 * retried with backoff, taken over when a replica dies, one live job per key; workers wake on LISTEN/NOTIFY. Runs on
 * the host's connection pool (one extra connection for LISTEN).
 * The module never runs SQL on pg-boss's tables: everything goes through pg-boss's API.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Cin7Core:Jobs');
  private readonly handlers = new Map<QueueName, { handler: Handler; options: QueueHandlerOptions }>();
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private stopping = false;
  private legacyFound = false;

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
      // One pg-boss worker per unit of concurrency, each fetching one job. pg-boss waits its polling interval after
      // every fetch unless notified (a worker of batch size 1 never bursts), so a worker wakes itself when its job
      // ends: a backlog (a burst of approvals) drains at the speed of the work, not one job per interval.
      // A new job wakes every worker of its queue (NOTIFY); polling only finds jobs that fall due later (retries,
      // deferred jobs). So only the first worker of a queue polls at the NOTIFY backstop; the others poll rarely
      // and are woken by a sibling that got a job, which fans a backlog of due jobs out at the cost of one fetch.
      const idle = new Set<string>();
      const wakeIdleSibling = (self: string) => {
        for (const id of idle) {
          if (id === self) continue;
          // Stays in the set until it gets a job: a wake that finds nothing leaves it idle.
          boss.notifyWorker(id);
          return;
        }
      };
      for (let i = 0; i < (options.concurrency ?? 1); i++) {
        let workerId: string | null = null;
        workerId = await boss.work(
          queue,
          {
            pollingIntervalSeconds: i === 0 ? POLL_INTERVAL_S : SIBLING_POLL_INTERVAL_S,
            notifyPollingIntervalSeconds: i === 0 ? NOTIFY_POLL_INTERVAL_S : SIBLING_POLL_INTERVAL_S,
            // Also bursts while pg-boss's cached backlog says jobs wait (main: `pnpm bench tenants-scale`).
            burstWhenReadyExceeds: 1,
            batchSize: 1,
            includeMetadata: true,
          },
          async ([job]: JobWithMetadata<JobData>[]) => {
            if (!job) return;
            if (workerId) idle.delete(workerId);
            if (workerId && !this.stopping) wakeIdleSibling(workerId);
            try {
              // Fetched as the replica began to stop: leave it to another (the failure schedules a retry).
              if (this.stopping) throw new ShuttingDownError();
              await runInJob(job.signal, () =>
                handler(job.data, {
                  lastAttempt: job.retryCount >= job.retryLimit,
                  attempt: job.retryCount,
                  signal: job.signal,
                }),
              );
            } finally {
              if (workerId) idle.add(workerId);
              if (workerId && !this.stopping) boss.notifyWorker(workerId);
            }
          },
        );
        idle.add(workerId);
      }
    }
  }

  /** Resolves once the queue's schema and queues exist. */
  async ready(): Promise<void> {
    await this.start();
  }

  /** True once this replica is shutting down: work in progress should stop at a safe point and be resumed. */
  get isStopping(): boolean {
    return this.stopping;
  }

  /**
   * True when this start found the pg-boss 10 schema of an earlier version: its jobs cannot be carried over, so the
   * features re-enqueue their work from their own tables (SyncRuns for runs; the push sweep and the schedulers
   * re-create the rest on their next tick).
   */
  get adoptedLegacySchema(): boolean {
    return this.legacyFound;
  }

  async send(queue: QueueName, data: JobData, options: SendOptions): Promise<string | null> {
    const boss = await this.start();
    const { singletonKey, manager } = options;
    if (!singletonKey) throw new Error(`A ${queue} job needs a singletonKey`);
    return boss.send(queue, data, {
      singletonKey,
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(manager ? { db: managerDb(manager) } : {}),
    });
  }

  /** True while a job with this key is queued, retrying or active. */
  async isLive(queue: QueueName, singletonKey: string): Promise<boolean> {
    const boss = await this.start();
    const jobs = await boss.findJobs(queue, { key: singletonKey });
    return jobs.some((j) => j.state === 'created' || j.state === 'retry' || j.state === 'active');
  }

  /** Cancels every queued job of a supplier (on disconnect). Jobs already running stop at their next Cin7 call. */
  async cancelForSupplier(supplierId: string): Promise<void> {
    const boss = await this.start();
    for (const queue of Object.values(QUEUES)) {
      const queued = await boss.findJobs(queue, { data: { supplierId }, queued: true });
      if (queued.length) {
        await boss.cancel(
          queue,
          queued.map((j) => j.id),
        );
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    const boss = this.boss;
    this.boss = null;
    await boss?.stop({ graceful: true, timeout: 5_000, close: false });
  }

  private schema(): string {
    const schema = this.options.queueSchema ?? DEFAULT_QUEUE_SCHEMA;
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid queue schema name "${schema}"`);
    if (schema === LEGACY_QUEUE_SCHEMA) {
      throw new Error(`Queue schema "${schema}" holds pg-boss 10's tables, which pg-boss 12 cannot migrate`);
    }
    return schema;
  }

  private start(): Promise<PgBoss> {
    this.starting ??= (async () => {
      // pg-boss runs its SQL on the host's pool rather than opening its own; LISTEN gets one dedicated connection.
      const boss = new PgBoss({
        db: {
          executeSql: (text: string, values?: unknown[]) => sqlOn(this.dataSource.manager, text, values),
          listen: (channel, onNotification, onReconnect) =>
            listenOn(
              listenConfig(this.dataSource.options),
              channel,
              onNotification,
              onReconnect,
              this.logger,
            ),
        },
        useListenNotify: true,
        schema: this.schema(),
        supervise: this.options.workersEnabled !== false,
        // Expired jobs and stale heartbeats are found by the supervisor's monitor pass.
        superviseIntervalSeconds:
          this.options.jobMaintenanceIntervalSeconds ?? DEFAULT_MAINTENANCE_INTERVAL_S,
        monitorIntervalSeconds: this.options.jobMaintenanceIntervalSeconds ?? DEFAULT_MAINTENANCE_INTERVAL_S,
        schedule: false,
        registerInstance: false,
      });
      boss.on('error', (error) => this.logger.error(error.message));
      await boss.start();
      const expireInSeconds = this.options.jobExpireSeconds ?? DEFAULT_JOB_EXPIRE_S;
      const heartbeatSeconds = this.options.jobHeartbeatSeconds ?? DEFAULT_JOB_HEARTBEAT_S;
      const settings = {
        retryLimit: RETRY_LIMIT,
        retryDelay: RETRY_DELAY_S,
        retryBackoff: true,
        expireInSeconds,
        heartbeatSeconds,
        deleteAfterSeconds: DELETE_AFTER_S,
        notify: true,
      };
      for (const queue of Object.values(QUEUES)) {
        let existing = await boss.getQueue(queue);
        if (existing && existing.policy !== policyOf(queue)) {
          // pg-boss cannot change a queue's policy: the queue is re-created, dropping its waiting jobs (only queues
          // whose work is re-found otherwise get a new policy: shipment events and polls are reconciled by the next
          // scheduled poll).
          await boss.deleteQueue(queue);
          existing = null;
        }
        if (!existing) {
          await boss.createQueue(queue, { policy: policyOf(queue), ...settings }).catch(ignoreAlreadyExists);
        } else if (
          existing.expireInSeconds !== expireInSeconds ||
          existing.heartbeatSeconds !== heartbeatSeconds
        ) {
          // Changed timings apply to jobs sent from now on (a job keeps the ones it was created with).
          await boss.updateQueue(queue, settings);
        }
      }
      await this.noticeLegacySchema();
      this.boss = boss;
      return boss;
    })();
    return this.starting;
  }

  /**
   * pg-boss 12 refuses to migrate pg-boss 10's schema (its migrations start at schema version 25; 10.x is 24), and
   * its jobs only mirror the module's own tables. So the old schema is set aside (renamed, never read) and the work
   * it held is re-created from the module's tables; an operator drops the renamed schema when convenient. Every
   * replica must run this version before it happens: a pg-boss 10 replica would re-create the old schema.
   */
  private async noticeLegacySchema(): Promise<void> {
    const [row] = await this.dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS found`, [
      `${LEGACY_QUEUE_SCHEMA}.version`,
    ]);
    if (!row?.found) return;
    const retired = `${LEGACY_QUEUE_SCHEMA}_v10_retired`;
    try {
      await this.dataSource.query(`ALTER SCHEMA ${LEGACY_QUEUE_SCHEMA} RENAME TO ${retired}`);
    } catch (error) {
      // Another replica renamed it first: it re-enqueues the work.
      if (error instanceof Error && /does not exist|already exists/i.test(error.message)) return;
      throw error;
    }
    this.legacyFound = true;
    this.logger.warn(
      `Found pg-boss 10's queue schema "${LEGACY_QUEUE_SCHEMA}"; renamed it to "${retired}" and re-creating its work from the module's tables`,
    );
  }
}

/**
 * pg's settings for the LISTEN client, built as TypeORM builds its pool from the host's data source options (the
 * primary when the host replicates), so it reaches the same server with the same credentials and TLS.
 */
function listenConfig(options: DataSourceOptions): pg.ClientConfig {
  if (options.type !== 'postgres')
    throw new Error(`The Cin7 module needs a Postgres data source, not ${options.type}`);
  const credentials = options.replication?.master ?? options;
  return {
    connectionString: credentials.url,
    host: credentials.host,
    port: credentials.port,
    user: credentials.username,
    password: credentials.password,
    database: credentials.database,
    ssl: credentials.ssl,
    connectionTimeoutMillis: options.connectTimeoutMS,
    application_name: options.applicationName,
    ...options.extra,
    keepAlive: true,
  };
}

/**
 * One pg-boss query on a connection of TypeORM's public query runner: the manager's own (inside its transaction) or
 * one of the host's pool for just this query. It runs on the runner's driver connection rather than through
 * `runner.query`, which keeps only the last result of a multi-statement query; pg-boss needs every statement's rows.
 */
async function sqlOn(manager: EntityManager, text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const connection: pg.ClientBase = await runner.connect();
    // A multi-statement query answers one result per statement, which pg-boss unwraps itself.
    return (await connection.query(text, values)) as { rows: unknown[] };
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}

/**
 * pg-boss's LISTEN connection, on the host's connection settings: one client, re-subscribed a second after it drops
 * (pg-boss then fetches what it may have missed, and polling stays on as a backstop).
 */
async function listenOn(
  config: pg.ClientConfig,
  channel: string,
  onNotification: (payload: string) => void,
  onReconnect: () => void,
  logger: Logger,
): Promise<{ close(): Promise<void> }> {
  let closed = false;
  let client: pg.Client | null = null;
  const connect = async (): Promise<void> => {
    const next = new pg.Client(config);
    next.on('notification', (msg) => {
      if (msg.payload !== undefined) onNotification(msg.payload);
    });
    const dropped = () => {
      if (client !== next) return;
      client = null;
      next.removeAllListeners();
      next.end().catch(() => undefined);
      if (!closed) setTimeout(() => void connect().catch(retry), 1_000).unref();
    };
    next.on('error', dropped);
    next.on('end', dropped);
    client = next;
    await next.connect();
    await next.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
    onReconnect();
  };
  const retry = (error: unknown) => {
    logger.warn(`queue LISTEN connection failed: ${error instanceof Error ? error.message : String(error)}`);
    if (!closed) setTimeout(() => void connect().catch(retry), 5_000).unref();
  };
  await connect();
  return {
    close: async () => {
      closed = true;
      const current = client;
      client = null;
      current?.removeAllListeners();
      await current?.end().catch(() => undefined);
    },
  };
}

/** pg-boss's `db` option for a statement inside the caller's TypeORM transaction. */
function managerDb(manager: EntityManager): Db {
  return { executeSql: (text: string, values?: unknown[]) => sqlOn(manager, text, values) };
}

function ignoreAlreadyExists(error: unknown): void {
  // Two replicas booting at once race to create the same queue; the loser's error is harmless.
  if (!(error instanceof Error && /already exists|duplicate key/i.test(error.message))) throw error;
}
