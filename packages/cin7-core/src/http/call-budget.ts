import { type Clock, systemClock } from './clock.js';

/**
 * Who is asking: order pushes go first, then user-facing calls (connect, customer search), then reads a Cin7 event
 * asked for (a webhook: someone is waiting for its effect), then syncs.
 */
export type CallPriority = 'push' | 'interactive' | 'event' | 'background';

/**
 * The 60 calls/minute limit belongs to the Cin7 API application, not to a process (reference sec. 2.1), so the
 * client asks a budget before every HTTP attempt. The default below is in-process; the API module plugs in one
 * shared through Postgres.
 */
export interface CallBudget {
  /**
   * Resolves when one call may be sent, with whatever identifies the slot taken (handed back to `answered`). Called
   * once per HTTP attempt (retries included).
   */
  acquire(call: { method: string; path: string; priority: CallPriority }): Promise<unknown>;
  /**
   * Told when the call's answer came (or the call failed or timed out): a budget that counts a call from its start
   * until a minute after its answer knows then when the slot frees. Cin7 counts a call when it arrives, which is
   * somewhere in between.
   */
  answered?(slot: unknown): Promise<void> | void;
  /** Told when Cin7 throttled us (429 or 503), so a shared budget can pause the whole connection. */
  onThrottled?(info: { status: number; retryAfterMs: number | null }): Promise<void> | void;
}

/** Cin7's documented limit: 60 calls per minute per API application (BP L36, L124). */
export const CIN7_CALLS_PER_MINUTE = 60;
/**
 * How long the bucket pauses after a throttle without Retry-After. Cin7 sends none (HV connector.md); the window
 * is undocumented (fixed or sliding minute), and HV's 5 s cooldown recovered in practice.
 */
export const THROTTLE_PAUSE_MS = 5_000;

const PRIORITY_RANK: Record<CallPriority, number> = { push: 0, interactive: 1, event: 2, background: 3 };

interface Waiter {
  rank: number;
  seq: number;
  resolve: () => void;
}

export interface TokenBucketBudgetOptions {
  /** Calls per minute. Default 60 (Cin7's limit). */
  perMinute?: number;
  /**
   * Extra time before a spent token comes back, so calls that reach Cin7 a little later than they left (network
   * jitter) are not counted in the same minute. Default 1 000 ms.
   */
  marginMs?: number;
  /** Default: the system clock. */
  clock?: Clock;
}

/** Default safety margin added to the minute (see `marginMs`). */
export const BUDGET_MARGIN_MS = 1_000;
const MINUTE_MS = 60_000;

/**
 * In-process budget: a bucket of `perMinute` tokens where each spent token comes back one minute (plus a margin)
 * after it was spent. That is a sliding-window limit: never more than `perMinute` calls in any minute, so it
 * stays under Cin7's limit whether Cin7 counts fixed or sliding minutes (undocumented, reference sec. 10); a
 * classic continuously-refilled bucket could send up to twice the limit within one sliding minute.
 * Waiters are served by priority (push, interactive, background), then in arrival order.
 * Right for one process talking to one API application; several replicas need a budget shared through Postgres.
 */
export class TokenBucketBudget implements CallBudget {
  private readonly perMinute: number;
  private readonly windowMs: number;
  private readonly clock: Clock;
  /** When each of the last `perMinute` tokens was spent, oldest first. */
  private readonly spentAt: number[] = [];
  private pausedUntil = 0;
  private readonly waiters: Waiter[] = [];
  private seq = 0;
  private pumping = false;

  constructor(opts: TokenBucketBudgetOptions = {}) {
    const perMinute = Math.floor(opts.perMinute ?? CIN7_CALLS_PER_MINUTE);
    if (!(perMinute > 0)) throw new RangeError('perMinute must be a positive number');
    this.perMinute = perMinute;
    this.windowMs = MINUTE_MS + Math.max(0, opts.marginMs ?? BUDGET_MARGIN_MS);
    this.clock = opts.clock ?? systemClock;
  }

  acquire(call: { method: string; path: string; priority: CallPriority }): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiters.push({ rank: PRIORITY_RANK[call.priority], seq: this.seq++, resolve });
      this.waiters.sort((a, b) => a.rank - b.rank || a.seq - b.seq);
      void this.pump();
    });
  }

  onThrottled(info: { status: number; retryAfterMs: number | null }): void {
    // Cin7 counted differently from us (another process on the same application, or a stricter window): pause.
    const pause = info.retryAfterMs ?? THROTTLE_PAUSE_MS;
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + pause);
  }

  /** Milliseconds until a call could be sent, 0 when one can go now. */
  private waitMs(now: number): number {
    while (this.spentAt.length > 0 && (this.spentAt[0] ?? 0) + this.windowMs <= now) this.spentAt.shift();
    const pauseLeft = this.pausedUntil - now;
    const oldest = this.spentAt[0];
    const tokenWait =
      this.spentAt.length < this.perMinute || oldest === undefined ? 0 : oldest + this.windowMs - now;
    return Math.max(0, pauseLeft, tokenWait);
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let next = this.waiters[0]; next !== undefined; next = this.waiters[0]) {
        const wait = this.waitMs(this.clock.now());
        if (wait > 0) {
          await this.clock.sleep(wait);
          continue;
        }
        this.spentAt.push(this.clock.now());
        this.waiters.shift();
        next.resolve();
      }
    } finally {
      this.pumping = false;
    }
  }
}

/** A budget that never waits: for tests and for benchmarks against a sandbox with its limit off. */
export const unlimitedBudget: CallBudget = {
  acquire: () => Promise.resolve(),
};
