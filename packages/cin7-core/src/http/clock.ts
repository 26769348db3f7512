/** Time source for every wait in the client, injectable so tests run on a fake clock. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Simulated ms per real ms (tests and benchmarks run faster than the wall clock). Default 1. */
  scale?: number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
