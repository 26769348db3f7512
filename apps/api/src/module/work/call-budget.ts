import { createHash } from 'node:crypto';
import type { CallBudget, CallPriority, Clock } from '@upstock/cin7-core';
import type { DataSource } from 'typeorm';
import { assertJobAlive, guardWrite } from './job-context.js';

/** Cin7 counts calls per API application over a minute (reference §2.1). */
export const CIN7_WINDOW_MS = 60_000;
/**
 * A call holds its slot from its start until a window after its answer, so however late it reached Cin7 (a busy
 * process, a slow network), it has left Cin7's window before the slot is used again. This margin covers the rest:
 * clock differences between database and Cin7.
 */
export const DEFAULT_WINDOW_MARGIN_MS = 1_000;
/**
 * Slots kept free for more urgent work: order pushes may use all 60, interactive calls leave 3, reads a webhook asked
 * for leave 5 (so they never take what a push or a user needs), syncs leave 8.
 */
const RESERVED_FOR_MORE_URGENT: Record<CallPriority, number> = {
  push: 0,
  interactive: 3,
  event: 5,
  background: 8,
};
/** Pause after Cin7 throttles us with no Retry-After (it sends none): a whole window. */
export const THROTTLE_PAUSE_MS = CIN7_WINDOW_MS;
/** Upper bound of one wait, so a waiter re-checks (a pause may be lifted, a disconnect may happen). Real ms. */
const MAX_SINGLE_WAIT_MS = 5_000;
/** A user waits at most this long (real ms) for a slot: then a clear 503 rather than a hanging request. */
export const INTERACTIVE_MAX_WAIT_MS = 3_000;
/** A call with no answer recorded after this many windows is taken to have died with its process. */
const IN_FLIGHT_WINDOWS = 3;

export class ConnectionGoneError extends Error {
  constructor() {
    super('The Cin7 connection was removed');
  }
}

/** This replica is shutting down: the unit of work stops before its next call and another replica takes it over. */
export class ShuttingDownError extends Error {
  constructor() {
    super('This API replica is shutting down; the work resumes on another one');
  }
}

/** A user-facing call found no slot within a few seconds: every call of the Cin7 account's minute is in use. */
export class CallBudgetBusyError extends Error {
  constructor() {
    super(
      "All of this Cin7 account's calls for the minute are in use (background work shares them). Try again in a minute.",
    );
  }
}

/**
 * What Cin7 limits (its account and API key), as a key the call log can store: a hash, so the API key itself is
 * never written. Two suppliers connected to one Cin7 account with the same key share one budget.
 */
export function budgetKeyOf(accountId: string, apiKey: string): string {
  return createHash('sha256')
    .update(`cin7-call-budget\n${accountId.trim().toLowerCase()}\n${apiKey.trim()}`)
    .digest('hex');
}

/**
 * The 60-calls-a-minute budget of one Cin7 account and API key, shared by every replica through Postgres: a window of
 * the calls taken (cin7_call_log), read and extended under a per-key advisory lock, in database time (one clock for
 * every replica). A call holds its slot from its start until a window after its answer.
 */
export class PostgresCallBudget implements CallBudget {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connectionId: string,
    private readonly budgetKey: string,
    private readonly clock: Clock,
    private readonly limits: { callsPerMinute?: number; marginMs?: number; connectedOnly?: boolean } = {},
    private readonly isStopping: () => boolean = () => false,
  ) {}

  private get callsPerMinute(): number {
    return this.limits.callsPerMinute ?? 60;
  }

  /** Simulated ms per real ms: the database runs on real time, the module's clock may run faster. */
  private get scale(): number {
    return this.clock.scale ?? 1;
  }

  /** The window in real ms (the database's). */
  private get windowMs(): number {
    return (CIN7_WINDOW_MS + (this.limits.marginMs ?? DEFAULT_WINDOW_MARGIN_MS)) / this.scale;
  }

  async acquire(call: { method: string; priority: CallPriority }): Promise<string> {
    const allowed = this.callsPerMinute - RESERVED_FOR_MORE_URGENT[call.priority];
    const giveUpAt = call.priority === 'interactive' ? Date.now() + INTERACTIVE_MAX_WAIT_MS : Infinity;
    for (;;) {
      if (this.isStopping()) throw new ShuttingDownError();
      // The job this call works for expired or was taken over: no more calls on its behalf.
      assertJobAlive();
      const taken = await this.tryTake(call.priority, allowed);
      if ('slot' in taken) {
        // The wait may have been long: a write checks, now, that its work is still ours (an order push's lease).
        if (call.method !== 'GET') await guardWrite();
        return taken.slot;
      }
      // A user does not wait for a slot that frees later than they would wait: they are told at once.
      if (taken.waitMs > giveUpAt - Date.now()) throw new CallBudgetBusyError();
      await this.clock.sleep(Math.min(taken.waitMs, MAX_SINGLE_WAIT_MS) * this.scale);
    }
  }

  async answered(slot: unknown): Promise<void> {
    if (typeof slot !== 'string') return;
    await this.dataSource.query(`UPDATE cin7_call_log SET answered_at = now() WHERE id = $1`, [slot]);
  }

  async onThrottled(info: { retryAfterMs: number | null }): Promise<void> {
    const pauseMs = info.retryAfterMs ?? THROTTLE_PAUSE_MS;
    // Everyone on this Cin7 key waits (database time); the connection shows the pause to its supplier.
    await this.dataSource.query(
      `INSERT INTO cin7_call_budget (budget_key, paused_until)
       VALUES ($1, now() + make_interval(secs => $2))
       ON CONFLICT (budget_key) DO UPDATE SET paused_until = GREATEST(cin7_call_budget.paused_until, EXCLUDED.paused_until)`,
      [this.budgetKey, pauseMs / this.scale / 1000],
    );
    const until = new Date(this.clock.now() + pauseMs);
    await this.dataSource.query(
      `UPDATE cin7_connection SET paused_until = GREATEST(COALESCE(paused_until, $2), $2) WHERE id = $1`,
      [this.connectionId, until],
    );
  }

  /** Takes a slot (its call log id), or answers how long to wait (real ms) before trying again. */
  private async tryTake(
    priority: CallPriority,
    allowed: number,
  ): Promise<{ slot: string } | { waitMs: number }> {
    const [connection] = await this.dataSource.query(`SELECT status FROM cin7_connection WHERE id = $1`, [
      this.connectionId,
    ]);
    // Only the clean-up after a disconnect (removing our webhooks) may call for a disconnected connection.
    if (!connection || (connection.status !== 'connected' && this.limits.connectedOnly !== false)) {
      throw new ConnectionGoneError();
    }
    const windowS = this.windowMs / 1000;
    // One statement (migration 1765130001000): the per-key lock lives only while the server runs it.
    const [taken]: { slot: string | null; wait_ms: number | null }[] = await this.dataSource.query(
      `SELECT slot, wait_ms FROM cin7_take_call_slot($1, $2, $3, $4, $5, $6)`,
      [this.budgetKey, this.connectionId, priority, allowed, windowS, windowS * IN_FLIGHT_WINDOWS],
    );
    if (taken?.slot != null) return { slot: String(taken.slot) };
    return { waitMs: Math.max(1, Math.ceil(taken?.wait_ms ?? MAX_SINGLE_WAIT_MS)) };
  }
}
