import { type Clock, systemClock } from './clock.js';

/** Who is asking: order pushes go first, then user-facing calls (connect, customer search), then syncs. */
export type CallPriority = 'push' | 'interactive' | 'background';

/**
 * The 60 calls/minute limit belongs to the Cin7 API application, not to a process (reference sec. 2.1), so the
 * client asks a budget before every HTTP attempt. The default below is in-process; the API module plugs in one
 * shared through Postgres.
 */
export interface CallBudget {
  /** Resolves when one call may be sent. Called once per HTTP attempt (retries included). */
  acquire(call: { method: string; path: string; priority: CallPriority }): Promise<void>;
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

const PRIORITY_RANK: Record<CallPriority, number> = { push: 0, interactive: 1, background: 2 };

interface Waiter {
  rank: number;
  seq: number;
  resolve: () => void;
}

export interface TokenBucketBudgetOptions {
  /** Calls per minute. Default 60 (Cin7's limit). */
  perMinute?: number;
  /** Largest burst. Default `perMinute`, the same shape as the sandbox's limiter. */
  burst?: number;
  /** Default: the system clock. */
  clock?: Clock;
}

/**
 * In-process token bucket: `perMinute` tokens refilled continuously, waiters served by priority then arrival.
 * Right for one process talking to one API application; several replicas need a shared budget.
 */
export class TokenBucketBudget implements CallBudget {
  private readonly ratePerMs: number;
  private readonly capacity: number;
  private readonly clock: Clock;
  private tokens: number;
  private lastRefill: number;
  private pausedUntil = 0;
  private readonly waiters: Waiter[] = [];
  private seq = 0;
  private pumping = false;

  constructor(opts: TokenBucketBudgetOptions = {}) {
    const perMinute = opts.perMinute ?? CIN7_CALLS_PER_MINUTE;
    if (!(perMinute > 0)) throw new RangeError('perMinute must be positive');
    this.ratePerMs = perMinute / 60_000;
    this.capacity = Math.max(1, opts.burst ?? perMinute);
    this.clock = opts.clock ?? systemClock;
    this.tokens = this.capacity;
    this.lastRefill = this.clock.now();
  }

  acquire(call: { method: string; path: string; priority: CallPriority }): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiters.push({ rank: PRIORITY_RANK[call.priority], seq: this.seq++, resolve });
      this.waiters.sort((a, b) => a.rank - b.rank || a.seq - b.seq);
      void this.pump();
    });
  }

  onThrottled(info: { status: number; retryAfterMs: number | null }): void {
    // Cin7 disagrees with our count: drop what we thought we had and pause until it has surely refilled a little.
    this.tokens = 0;
    this.lastRefill = this.clock.now();
    const pause = info.retryAfterMs ?? THROTTLE_PAUSE_MS;
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + pause);
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.lastRefill);
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.ratePerMs);
    this.lastRefill = now;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let next = this.waiters[0]; next !== undefined; next = this.waiters[0]) {
        this.refill();
        const pauseLeft = this.pausedUntil - this.clock.now();
        const tokenWait = this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.ratePerMs);
        const wait = Math.max(pauseLeft, tokenWait);
        if (wait > 0) {
          await this.clock.sleep(wait);
          continue;
        }
        this.tokens -= 1;
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
