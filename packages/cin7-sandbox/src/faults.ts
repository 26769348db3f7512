import { createPrng } from './prng.js';

/** Failure modes a client must survive. Rates are probabilities 0..1 drawn from a seeded PRNG. */
export interface FaultConfig {
  /** Answer 500 with a Cin7 error body before doing anything. Default 0. */
  serverErrorRate: number;
  /** The next N API calls are throttled regardless of the limiter. Default 0. */
  throttleBurst: number;
  /**
   * Answer HTTP 200 whose body is Cin7's Error Model with ErrorCode 500 (BP L31250-31254), before doing anything:
   * nothing is applied. Default 0.
   */
  errorIn200Rate: number;
  /** Extra real latency added to every API call. Default 0. */
  latencyMs: number;
  /** For writes: apply the change, then destroy the socket without answering. Default 0. */
  dropResponseAfterWriteRate: number;
  /** Never answer (nothing is applied); the socket stays open until the client gives up. Default 0. */
  timeoutRate: number;
  /** PRNG seed so a fault sequence replays identically. Default 1. */
  seed: number;
}

export type FaultPatch = Partial<FaultConfig>;

export function noFaults(): FaultConfig {
  return {
    serverErrorRate: 0,
    errorIn200Rate: 0,
    throttleBurst: 0,
    latencyMs: 0,
    dropResponseAfterWriteRate: 0,
    timeoutRate: 0,
    seed: 1,
  };
}

export class FaultInjector {
  config: FaultConfig = noFaults();
  private random = createPrng(1);

  set(patch: FaultPatch): void {
    Object.assign(this.config, patch);
    if (patch.seed !== undefined) this.random = createPrng(patch.seed);
  }

  reset(): void {
    this.config = noFaults();
    this.random = createPrng(1);
  }

  takeThrottleBurst(): boolean {
    if (this.config.throttleBurst <= 0) return false;
    this.config.throttleBurst--;
    return true;
  }

  roll(rate: number): boolean {
    return rate > 0 && this.random() < rate;
  }
}
