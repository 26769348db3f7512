import type { Clock } from '@upstock/cin7-core';

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * A clock that runs `scale` times faster than the wall clock, for tests and benchmarks that simulate an hour in
 * seconds against a sandbox started with the same time scale.
 */
export function scaledClock(scale: number, origin = Date.now()): Clock {
  return {
    scale,
    now: () => origin + (Date.now() - origin) * scale,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / scale))),
  };
}

/** The module's clock: the host's (tests and benchmarks scale time with it), else the wall clock. */
export function clockOf(options: { clock?: Clock }): Clock {
  return options.clock ?? systemClock;
}
