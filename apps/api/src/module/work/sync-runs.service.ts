import {
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Job, JobKind, JobProgress } from '@upstock/cin7-contracts';
import {
  Cin7ConnectionError,
  Cin7ServerError,
  Cin7ThrottledError,
  Cin7TimeoutError,
} from '@upstock/cin7-core';
import { In, QueryFailedError, Repository } from 'typeorm';
import { CIN7_CORE_OPTIONS } from '../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../cin7-core.options.js';
import { isUuid } from '../common/ids.js';
import { ConnectionGoneError, ShuttingDownError } from './call-budget.js';
import { assertJobAlive, JobExpiredError } from './job-context.js';
import { type JobAttempt, JobQueue, QUEUES, type QueueName } from './job-queue.service.js';
import { type SkippedItem, SyncRunEntity } from './sync-run.entity.js';

const ACTIVE_STATES = ['queued', 'running', 'paused'] as const;
/** Skip reasons kept per run; the counter keeps counting past it. */
const MAX_SKIPPED_ITEMS = 500;
/**
 * How long an attempt holds its run without renewing (it renews a third of the way through). A retry of the job
 * waits until the previous attempt let go or this passed, so two attempts never work on one run at once.
 */
export const DEFAULT_RUN_LEASE_S = 60;
/** A run younger than this is never reaped: its job may be committing right now. */
const REAP_GRACE_S = 60;
/** The queue of each kind of run, for the reaper's question "does this run still have a job?". */
const QUEUE_OF_KIND: Partial<Record<JobKind, QueueName>> = {
  'import-customers': QUEUES.import,
  'import-products': QUEUES.import,
  'price-sync': QUEUES.priceSync,
};
export const REAPED_MESSAGE =
  'Its background job ended without finishing it (the replica running it was lost); start it again';

/** The job key of a run: one live job per run. */
export const runJobKey = (runId: string) => `run:${runId}`;

/** Another attempt of the run's job took it over: this one must stop without writing. */
export class RunTakenOverError extends Error {
  constructor() {
    super('Another attempt took this run over');
  }
}

/** The previous attempt of the run's job may still be working: this one retries later. */
export class RunBusyError extends Error {
  constructor() {
    super('The previous attempt of this run still holds it; retrying later');
  }
}

export interface RunContext {
  run: SyncRunEntity;
  /** Saves progress and where to resume; call after every page. Throws when another attempt took the run over. */
  checkpoint(update: {
    progress?: Partial<JobProgress>;
    checkpoint?: Record<string, unknown>;
    skipped?: SkippedItem[];
  }): Promise<void>;
  /** Throws when this attempt may no longer write (its job expired, or the run was taken over): call before writes. */
  assertOwned(): void;
}

/** Supplier-visible background runs (GET /jobs): created or joined, checkpointed, finished, reaped. */
@Injectable()
export class SyncRuns implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Cin7Core:Runs');
  private reaper: ReturnType<typeof setInterval> | null = null;

  constructor(
    @InjectRepository(SyncRunEntity) private readonly runs: Repository<SyncRunEntity>,
    private readonly queue: JobQueue,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.ready();
    if (this.queue.adoptedLegacySchema) await this.requeueActive();
    if (this.options.workersEnabled === false) return;
    this.reaper = setInterval(() => {
      this.reapOrphans().catch((error) =>
        this.logger.warn(`run reaper failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, this.options.schedulerTickMs ?? 60_000);
    this.reaper.unref();
  }

  onModuleDestroy(): void {
    if (this.reaper) clearInterval(this.reaper);
  }

  /**
   * Starts a run of `kind` for the supplier, or joins the one already queued or running with the same scope
   * (a second import while one runs joins it). The run and its job are created in one transaction: a run never
   * exists without its job, and a failure to enqueue is the caller's error. The job carries only the run id.
   */
  async startOrJoin(
    supplierId: string,
    kind: JobKind,
    queue: QueueName,
    params: Record<string, unknown> & { scope?: string } = {},
  ): Promise<{ run: SyncRunEntity; joined: boolean }> {
    const scoped = { ...params, scope: params.scope ?? 'all' };
    const existing = await this.findActive(supplierId, kind, scoped.scope);
    if (existing) return { run: existing, joined: true };
    try {
      const run = await this.runs.manager.transaction(async (m) => {
        const created = await m.save(this.runs.create({ supplierId, kind, state: 'queued', params: scoped }));
        const jobId = await this.queue.send(
          queue,
          { supplierId, runId: created.id },
          { singletonKey: runJobKey(created.id), manager: m },
        );
        if (!jobId) throw new Error(`The job of run ${created.id} was not enqueued`);
        return created;
      });
      return { run, joined: false };
    } catch (error) {
      // Lost a race with another request or replica: the unique index kept one active run; join it.
      if (isUniqueViolation(error)) {
        const winner = await this.findActive(supplierId, kind, scoped.scope);
        if (winner) return { run: winner, joined: true };
      }
      throw error;
    }
  }

  /**
   * Runs the body for a run id taken from a job: claims the run for this attempt, finishes it, and decides what an
   * error means. Throttling and outages rethrow (the job queue retries; the checkpoint makes the retry resume); a
   * removed connection ends the run as cancelled. While the previous attempt still holds the run (its lease is
   * live), this attempt retries later; once taken over, an attempt's writes are refused.
   */
  async execute(
    runId: string,
    body: (ctx: RunContext) => Promise<Record<string, unknown> | undefined>,
    attempt: Partial<JobAttempt> = {},
  ): Promise<void> {
    const attemptNo = attempt.attempt ?? 0;
    const leaseS = this.options.runLeaseSeconds ?? DEFAULT_RUN_LEASE_S;
    const [claimed] = (await this.runs.query(
      `UPDATE cin7_sync_run
          SET state = 'running', started_at = COALESCE(started_at, now()), error = NULL,
              attempt = $2, lease_until = now() + make_interval(secs => $3)
        WHERE id = $1 AND state IN ('queued', 'running', 'paused')
          AND (lease_until IS NULL OR lease_until < now() OR attempt = $2)
          AND (attempt IS NULL OR attempt <= $2)
        RETURNING id`,
      [runId, attemptNo, leaseS],
    )) as [{ id: string }[], number];
    if (!claimed.length) {
      const current = await this.runs.findOneBy({ id: runId });
      if (!current || !ACTIVE_STATES.includes(current.state as (typeof ACTIVE_STATES)[number])) return;
      // A later attempt holds it: this (older) one has nothing left to do.
      if (current.attempt !== null && current.attempt > attemptNo) return;
      throw new RunBusyError();
    }
    const run = (await this.runs.findOneBy({ id: runId })) as SyncRunEntity;
    let lost = false;
    const fenced = async (sql: string, values: unknown[]): Promise<void> => {
      const [, count] = (await this.runs.query(`${sql} AND attempt = $${values.length + 1}`, [
        ...values,
        attemptNo,
      ])) as [unknown, number];
      if (count === 0) {
        lost = true;
        throw new RunTakenOverError();
      }
    };
    const renew = setInterval(
      () => {
        fenced(`UPDATE cin7_sync_run SET lease_until = now() + make_interval(secs => $2) WHERE id = $1`, [
          run.id,
          leaseS,
        ]).catch(() => undefined);
      },
      (leaseS * 1000) / 3,
    );
    const assertOwned = () => {
      if (lost) throw new RunTakenOverError();
      assertJobAlive();
    };
    const ctx: RunContext = {
      run,
      assertOwned,
      checkpoint: async ({ progress, checkpoint, skipped }) => {
        assertOwned();
        if (progress) run.progress = { ...run.progress, ...progress };
        if (checkpoint) run.checkpoint = checkpoint;
        if (skipped?.length) run.skippedItems = [...run.skippedItems, ...skipped].slice(0, MAX_SKIPPED_ITEMS);
        await fenced(
          `UPDATE cin7_sync_run SET progress = $2, checkpoint = $3, skipped_items = $4 WHERE id = $1`,
          [run.id, run.progress, run.checkpoint, JSON.stringify(run.skippedItems)],
        );
      },
    };
    try {
      const result = await body(ctx);
      assertOwned();
      await fenced(
        `UPDATE cin7_sync_run SET state = 'succeeded', result = $2, finished_at = now(), lease_until = NULL
          WHERE id = $1`,
        [run.id, result ?? null],
      );
    } catch (error) {
      if (error instanceof RunTakenOverError || lost) throw error;
      if (error instanceof ConnectionGoneError) {
        await fenced(
          `UPDATE cin7_sync_run SET state = 'cancelled', error = $2, finished_at = now(), lease_until = NULL
            WHERE id = $1`,
          [run.id, error.message],
        );
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      // A replica shutting down (a deploy) or a job that ran out of time interrupts work mid-way: the next attempt
      // resumes from the checkpoint.
      const interrupted =
        error instanceof ShuttingDownError || error instanceof JobExpiredError || this.queue.isStopping;
      // Cin7 busy or away: the queue retries and the run resumes from its checkpoint, unless no retry is left.
      const retriable = interrupted || (isTransient(error) && !attempt.lastAttempt);
      if (retriable) {
        await fenced(
          `UPDATE cin7_sync_run SET state = 'paused', error = $2, lease_until = NULL WHERE id = $1`,
          [run.id, message],
        );
        throw error;
      }
      await fenced(
        `UPDATE cin7_sync_run SET state = 'failed', error = $2, finished_at = now(), lease_until = NULL
          WHERE id = $1`,
        [run.id, finalMessage(error, message)],
      );
    } finally {
      clearInterval(renew);
    }
  }

  /**
   * Ends active runs that no attempt holds and that have no live job (their job failed for good, or was lost with
   * a replica): without this, the one-active-run index would make every later run of their kind join a dead one.
   */
  async reapOrphans(): Promise<number> {
    const candidates: { id: string; kind: JobKind }[] = await this.runs.query(
      `SELECT id, kind FROM cin7_sync_run
        WHERE state IN ('queued', 'running', 'paused')
          AND (lease_until IS NULL OR lease_until < now())
          AND created_at < now() - make_interval(secs => $1)`,
      [REAP_GRACE_S],
    );
    let reaped = 0;
    for (const { id, kind } of candidates) {
      const queue = QUEUE_OF_KIND[kind];
      if (!queue || (await this.queue.isLive(queue, runJobKey(id)))) continue;
      const [, count] = (await this.runs.query(
        `UPDATE cin7_sync_run SET state = 'failed', error = $2, finished_at = now()
          WHERE id = $1 AND state IN ('queued', 'running', 'paused') AND (lease_until IS NULL OR lease_until < now())`,
        [id, REAPED_MESSAGE],
      )) as [unknown, number];
      reaped += count;
    }
    if (reaped) this.logger.warn(`Ended ${reaped} run(s) whose job was gone`);
    return reaped;
  }

  /** After the pg-boss 10 schema was set aside: every active run gets its job again and resumes at its checkpoint. */
  private async requeueActive(): Promise<void> {
    const active = await this.runs.find({ where: { state: In([...ACTIVE_STATES]) } });
    // Attempt numbers restart with the new jobs.
    await this.runs.update({ state: In([...ACTIVE_STATES]) }, { attempt: null, leaseUntil: null });
    for (const run of active) {
      const queue = QUEUE_OF_KIND[run.kind];
      if (!queue) continue;
      await this.queue.send(
        queue,
        { supplierId: run.supplierId, runId: run.id },
        { singletonKey: runJobKey(run.id) },
      );
    }
    if (active.length) this.logger.warn(`Re-enqueued ${active.length} run(s) from the retired queue schema`);
  }

  async cancelForSupplier(supplierId: string): Promise<void> {
    await this.runs.update(
      { supplierId, state: In([...ACTIVE_STATES]) },
      { state: 'cancelled', error: 'The Cin7 connection was removed', finishedAt: new Date() },
    );
  }

  async list(supplierId: string, limit = 50): Promise<Job[]> {
    const runs = await this.runs.find({ where: { supplierId }, order: { createdAt: 'DESC' }, take: limit });
    return runs.map(toJob);
  }

  async get(supplierId: string, id: string): Promise<Job> {
    const run = isUuid(id) ? await this.runs.findOneBy({ id, supplierId }) : null;
    if (!run) throw new NotFoundException(`No job ${id}`);
    return toJob(run);
  }

  async latest(
    supplierId: string,
    kind: JobKind,
    state?: SyncRunEntity['state'],
  ): Promise<SyncRunEntity | null> {
    return this.runs.findOne({
      where: { supplierId, kind, ...(state ? { state } : {}) },
      order: { createdAt: 'DESC' },
    });
  }

  private findActive(supplierId: string, kind: JobKind, scope: string): Promise<SyncRunEntity | null> {
    return this.runs
      .createQueryBuilder('r')
      .where('r.supplier_id = :supplierId AND r.kind = :kind AND r.state IN (:...states)', {
        supplierId,
        kind,
        states: ACTIVE_STATES,
      })
      .andWhere(`r.params->>'scope' = :scope`, { scope })
      .getOne();
  }
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string })?.code === '23505';
}

/** A run that gave up on Cin7 says so; other errors speak for themselves. */
function finalMessage(error: unknown, message: string): string {
  return isTransient(error) ? `Gave up after repeated attempts: ${message}` : message;
}

/** Errors worth another attempt later: Cin7 busy or unreachable. Everything else is the run's end. */
export function isTransient(error: unknown): boolean {
  return [Cin7ThrottledError, Cin7ServerError, Cin7TimeoutError, Cin7ConnectionError].some(
    (type) => error instanceof type,
  );
}

export function toJob(run: SyncRunEntity): Job {
  return {
    id: run.id,
    kind: run.kind,
    state: run.state,
    progress: run.progress,
    skippedItems: run.skippedItems,
    result: run.result,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
