/** What benchmarks and tests read back: how the client under test actually used the API. */
export interface SandboxMetrics {
  /** Keyed `'<METHOD> <endpoint>'`, e.g. `'GET product'`, `'POST sale/order'`; throttled calls included. */
  callsByEndpoint: Record<string, number>;
  /** Authenticated API calls per account id, throttled calls included. */
  callsByAccount: Record<string, number>;
  /** Calls answered 429/503 by the limiter or a throttle burst. */
  throttled: number;
  /** Sales that exist per account id (not a call count). */
  salesByAccount: Record<string, number>;
  /** Sales beyond the first sharing an ExternalID within an account (0 = every push happened exactly once). */
  duplicateExternalIds: number;
  /** Sales beyond the first sharing a CustomerReference within an account. */
  duplicateReferences: number;
  /** Highest number of API calls (throttled included) seen in any sliding simulated minute, per API key. */
  maxCallsInAnyMinute: number;
}

export class MetricsRecorder {
  callsByEndpoint: Record<string, number> = {};
  callsByAccount: Record<string, number> = {};
  throttled = 0;
  maxCallsInAnyMinute = 0;
  private readonly recent = new Map<string, number[]>();

  recordCall(endpoint: string, accountId: string, limiterKey: string, now: number): void {
    this.callsByEndpoint[endpoint] = (this.callsByEndpoint[endpoint] ?? 0) + 1;
    this.callsByAccount[accountId] = (this.callsByAccount[accountId] ?? 0) + 1;
    let times = this.recent.get(limiterKey);
    if (!times) {
      times = [];
      this.recent.set(limiterKey, times);
    }
    times.push(now);
    while (times.length > 0 && (times[0] ?? 0) <= now - 60_000) times.shift();
    this.maxCallsInAnyMinute = Math.max(this.maxCallsInAnyMinute, times.length);
  }

  reset(): void {
    this.callsByEndpoint = {};
    this.callsByAccount = {};
    this.throttled = 0;
    this.maxCallsInAnyMinute = 0;
    this.recent.clear();
  }
}
