/**
 * Sliding-window limiter over simulated time: at most `perMinute` accepted calls in any 60 s window, per
 * (account, API key), because Cin7 applies the limit per API Application (reference §2.1). Whether Cin7's window
 * slides or is fixed is undocumented; a sliding window is the stricter reading, so clients built against it
 * also pass a fixed window.
 */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, number[]>();

  tryAcquire(key: string, now: number, perMinute: number): boolean {
    const window = this.prune(key, now);
    if (window.length >= perMinute) return false;
    window.push(now);
    return true;
  }

  reset(): void {
    this.windows.clear();
  }

  private prune(key: string, now: number): number[] {
    let window = this.windows.get(key);
    if (!window) {
      window = [];
      this.windows.set(key, window);
    }
    let drop = 0;
    while (drop < window.length && (window[drop] ?? 0) <= now - 60_000) drop++;
    if (drop > 0) window.splice(0, drop);
    return window;
  }
}
