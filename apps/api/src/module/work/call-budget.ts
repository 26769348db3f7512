import type { CallBudget, CallPriority, Clock } from '@upstock/cin7-core';
import type { DataSource } from 'typeorm';
import { assertJobAlive, guardWrite } from './job-context.js';

/** Cin7 counts calls per API application over a minute (reference §2.1). */
export const CIN7_WINDOW_MS = 60_000;
/**
 * A call reaches Cin7 some time after we count it, and our clock is not Cin7's: the window is widened by this margin,
 * which must exceed that delay (a sliding window of arrivals then never holds more than the limit).
 */
export const DEFAULT_WINDOW_MARGIN_MS = 1_000;
/** Slots kept free for more urgent work: order pushes may use all 60, interactive calls leave 3, syncs leave 8. */
const RESERVED_FOR_MORE_URGENT: Record<CallPriority, number> = { push: 0, interactive: 3, background: 8 };
/** Pause after Cin7 throttles us with no Retry-After (it sends none): a whole window. */
export const THROTTLE_PAUSE_MS = CIN7_WINDOW_MS;
/** Upper bound of one wait, so a waiter re-checks (a pause may be lifted, a disconnect may happen). */
const MAX_SINGLE_WAIT_MS = 5_000;

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

/**
 * The 60-calls-a-minute budget of one connection, shared by every replica through Postgres: a sliding window of
 * the calls taken (cin7_call_log), read and extended under a per-connection advisory lock.
 */
export class PostgresCallBudget implements CallBudget {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connectionId: string,
    private readonly clock: Clock,
    private readonly limits: { callsPerMinute?: number; marginMs?: number; connectedOnly?: boolean } = {},
    private readonly isStopping: () => boolean = () => false,
  ) {}

  private get callsPerMinute(): number {
    return this.limits.callsPerMinute ?? 60;
  }

  private get windowMs(): number {
    return CIN7_WINDOW_MS + (this.limits.marginMs ?? DEFAULT_WINDOW_MARGIN_MS);
  }

  async acquire(call: { method: string; priority: CallPriority }): Promise<void> {
    const allowed = this.callsPerMinute - RESERVED_FOR_MORE_URGENT[call.priority];
    for (;;) {
      if (this.isStopping()) throw new ShuttingDownError();
      // The job this call works for expired or was taken over: no more calls on its behalf.
      assertJobAlive();
      const waitMs = await this.tryTake(call.priority, allowed);
      if (waitMs === 0) {
        // The wait may have been long: a write checks, now, that its work is still ours (an order push's lease).
        if (call.method !== 'GET') await guardWrite();
        return;
      }
      await this.clock.sleep(Math.min(waitMs, MAX_SINGLE_WAIT_MS));
    }
  }

  async onThrottled(info: { retryAfterMs: number | null }): Promise<void> {
    const until = new Date(this.clock.now() + (info.retryAfterMs ?? THROTTLE_PAUSE_MS));
    await this.dataSource.query(
      `UPDATE cin7_connection SET paused_until = GREATEST(COALESCE(paused_until, $2), $2) WHERE id = $1`,
      [this.connectionId, until],
    );
  }

  /** Takes a slot and answers 0, or answers how long to wait before trying again. */
  private tryTake(priority: CallPriority, allowed: number): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('cin7-budget'), hashtext($1))`, [
        this.connectionId,
      ]);
      const now = this.clock.now();
      const [connection] = await m.query(`SELECT status, paused_until FROM cin7_connection WHERE id = $1`, [
        this.connectionId,
      ]);
      // Only the clean-up after a disconnect (removing our webhooks) may call for a disconnected connection.
      if (!connection || (connection.status !== 'connected' && this.limits.connectedOnly !== false)) {
        throw new ConnectionGoneError();
      }
      const pausedUntil = connection.paused_until ? new Date(connection.paused_until).getTime() : 0;
      if (pausedUntil > now) return pausedUntil - now;

      const windowStart = new Date(now - this.windowMs);
      await m.query(`DELETE FROM cin7_call_log WHERE connection_id = $1 AND called_at < $2`, [
        this.connectionId,
        windowStart,
      ]);
      const taken: { called_at: Date }[] = await m.query(
        `SELECT called_at FROM cin7_call_log WHERE connection_id = $1 ORDER BY called_at`,
        [this.connectionId],
      );
      if (taken.length < allowed) {
        await m.query(`INSERT INTO cin7_call_log (connection_id, called_at, priority) VALUES ($1, $2, $3)`, [
          this.connectionId,
          new Date(now),
          priority,
        ]);
        return 0;
      }
      // The slot we need frees when the call `taken.length - allowed` places from the oldest leaves the window.
      const freeing = taken[taken.length - allowed] ?? taken[0];
      const freesAt = new Date(freeing?.called_at ?? now).getTime() + this.windowMs;
      return Math.max(1, freesAt - now);
    });
  }
}
