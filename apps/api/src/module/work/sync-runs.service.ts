import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Job, JobKind, JobProgress } from '@upstock/cin7-contracts';
import {
  Cin7ConnectionError,
  Cin7ServerError,
  Cin7ThrottledError,
  Cin7TimeoutError,
} from '@upstock/cin7-core';
import { In, Repository } from 'typeorm';
import { isUuid } from '../common/ids.js';
import { ConnectionGoneError, ShuttingDownError } from './call-budget.js';
import { type JobAttempt, JobQueue, type QueueName } from './job-queue.service.js';
import { type SkippedItem, SyncRunEntity } from './sync-run.entity.js';

const ACTIVE_STATES = ['queued', 'running', 'paused'] as const;
/** Skip reasons kept per run; the counter keeps counting past it. */
const MAX_SKIPPED_ITEMS = 500;

export interface RunContext {
  run: SyncRunEntity;
  /** Saves progress and where to resume; call after every page. */
  checkpoint(update: {
    progress?: Partial<JobProgress>;
    checkpoint?: Record<string, unknown>;
    skipped?: SkippedItem[];
  }): Promise<void>;
}

/** Supplier-visible background runs (GET /jobs): created or joined, checkpointed, finished. */
@Injectable()
export class SyncRuns {
  constructor(
    @InjectRepository(SyncRunEntity) private readonly runs: Repository<SyncRunEntity>,
    private readonly queue: JobQueue,
  ) {}

  /**
   * Starts a run of `kind` for the supplier, or joins the one already queued or running with the same scope
   * (a second import while one runs joins it). The job carries only the run id.
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
      const run = await this.runs.save(
        this.runs.create({ supplierId, kind, state: 'queued', params: scoped }),
      );
      await this.queue.send(queue, { supplierId, runId: run.id });
      return { run, joined: false };
    } catch (error) {
      // Lost a race with another request or replica: the unique index kept one active run; join it.
      const winner = await this.findActive(supplierId, kind, scoped.scope);
      if (winner) return { run: winner, joined: true };
      throw error;
    }
  }

  /**
   * Runs the body for a run id taken from a job: marks it running, finishes it, and decides what an error means.
   * Throttling and outages rethrow (the job queue retries; the checkpoint makes the retry resume); a removed
   * connection ends the run as cancelled.
   */
  async execute(
    runId: string,
    body: (ctx: RunContext) => Promise<Record<string, unknown> | undefined>,
    attempt: JobAttempt = { lastAttempt: false },
  ): Promise<void> {
    const run = await this.runs.findOneBy({ id: runId });
    if (!run || !ACTIVE_STATES.includes(run.state as (typeof ACTIVE_STATES)[number])) return;
    await this.runs.update(run.id, { state: 'running', startedAt: run.startedAt ?? new Date(), error: null });
    const ctx: RunContext = {
      run,
      checkpoint: async ({ progress, checkpoint, skipped }) => {
        if (progress) run.progress = { ...run.progress, ...progress };
        if (checkpoint) run.checkpoint = checkpoint;
        if (skipped?.length) run.skippedItems = [...run.skippedItems, ...skipped].slice(0, MAX_SKIPPED_ITEMS);
        await this.runs.query(
          `UPDATE cin7_sync_run SET progress = $2, checkpoint = $3, skipped_items = $4 WHERE id = $1`,
          [run.id, run.progress, run.checkpoint, JSON.stringify(run.skippedItems)],
        );
      },
    };
    try {
      const result = await body(ctx);
      await this.runs.query(
        `UPDATE cin7_sync_run SET state = 'succeeded', result = $2, finished_at = now() WHERE id = $1`,
        [run.id, result ?? null],
      );
    } catch (error) {
      if (error instanceof ConnectionGoneError) {
        await this.runs.update(run.id, { state: 'cancelled', error: error.message, finishedAt: new Date() });
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      // A replica shutting down (a deploy) interrupts work mid-way: another replica resumes from the checkpoint.
      const interrupted = error instanceof ShuttingDownError || this.queue.isStopping;
      // Cin7 busy or away: the queue retries and the run resumes from its checkpoint, unless no retry is left.
      const retriable = interrupted || (isTransient(error) && !attempt.lastAttempt);
      await this.runs.update(
        run.id,
        retriable
          ? { state: 'paused', error: message }
          : { state: 'failed', error: finalMessage(error, message), finishedAt: new Date() },
      );
      if (retriable) throw error;
    }
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
