import { describe, expect, it } from '@jest/globals';
import { TokenBucketBudget } from './call-budget.js';
import type { Clock } from './clock.js';

function fakeClock(): Clock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

const call = (priority: 'push' | 'interactive' | 'background') => ({
  method: 'GET',
  path: 'product',
  priority,
});

describe('TokenBucketBudget', () => {
  it('lets perMinute calls through at once, then waits for the oldest token to come back', async () => {
    const clock = fakeClock();
    const budget = new TokenBucketBudget({ perMinute: 3, marginMs: 0, clock });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await budget.acquire(call('background'));
      times.push(clock.t);
    }
    expect(times).toEqual([0, 0, 0, 60_000, 60_000]);
  });

  it('never allows more than perMinute calls in any sliding minute', async () => {
    const clock = fakeClock();
    const budget = new TokenBucketBudget({ perMinute: 60, clock });
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      await budget.acquire(call('background'));
      times.push(clock.t);
      clock.t += 300; // callers keep asking every 0.3 s
    }
    const busiestMinute = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 60_000).length));
    expect(busiestMinute).toBe(60);
  });

  it('serves waiting pushes before interactive before background calls', async () => {
    const clock = fakeClock();
    const budget = new TokenBucketBudget({ perMinute: 1, marginMs: 0, clock });
    await budget.acquire(call('background')); // spends the only token
    const order: string[] = [];
    const waiting = [
      budget.acquire(call('background')).then(() => order.push('background')),
      budget.acquire(call('interactive')).then(() => order.push('interactive')),
      budget.acquire(call('push')).then(() => order.push('push')),
    ];
    await Promise.all(waiting);
    expect(order).toEqual(['push', 'interactive', 'background']);
  });

  it('pauses after a throttle, for Retry-After when given', async () => {
    const clock = fakeClock();
    const budget = new TokenBucketBudget({ perMinute: 60, clock });
    budget.onThrottled({ status: 429, retryAfterMs: 12_000 });
    await budget.acquire(call('push'));
    expect(clock.t).toBe(12_000);
    budget.onThrottled({ status: 503, retryAfterMs: null });
    await budget.acquire(call('push'));
    expect(clock.t).toBe(17_000);
  });
});
