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

/**
 * How much further out than its interval a next run must be before a scheduler takes it for a shortened interval and
 * runs it at once. Without it, a run that finished a moment after a tick read its clock (or was scheduled by a
 * replica whose clock is a little ahead) looks further out than the interval and runs again at once.
 */
export const INTERVAL_CHANGE_SLACK_MS = 60_000;
