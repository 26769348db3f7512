import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The job a piece of code runs for, if any. pg-boss aborts a job's signal when the job expires or its claim is lost
 * (another replica took it over); every Cin7 call and checkpoint made on the job's behalf checks it, so a handler
 * whose job expired stops at its next step instead of working on beside the retry.
 */
interface JobScope {
  signal?: AbortSignal;
  /** Runs right before every Cin7 write made in this scope, after its budget slot was taken (a lease check). */
  beforeWrite?: () => Promise<void>;
}
const current = new AsyncLocalStorage<JobScope>();

export class JobExpiredError extends Error {
  constructor(reason?: unknown) {
    super(
      `This job's time ran out or another worker took it over; it stops here${
        reason instanceof Error ? ` (${reason.message})` : ''
      }`,
    );
  }
}

export function runInJob<T>(signal: AbortSignal, body: () => Promise<T>): Promise<T> {
  return current.run({ signal }, body);
}

/**
 * Runs the body with a check made right before each of its Cin7 writes, as late as possible: after the wait for the
 * call budget (which can be long), just before the request leaves. A check that throws stops the write.
 */
export function withWriteGuard<T>(beforeWrite: () => Promise<void>, body: () => Promise<T>): Promise<T> {
  return current.run({ ...current.getStore(), beforeWrite }, body);
}

/** Called by the call budget once a write's slot is taken. */
export async function guardWrite(): Promise<void> {
  assertJobAlive();
  await current.getStore()?.beforeWrite?.();
}

/** Throws when the current job (if any) may no longer act. Cheap: call before every step with a side effect. */
export function assertJobAlive(): void {
  const signal = current.getStore()?.signal;
  if (signal?.aborted) throw new JobExpiredError(signal.reason);
}
