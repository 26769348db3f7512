/** Runtime switches of a running sandbox; every one can be changed through the admin API. */
export interface SandboxConfig {
  rateLimit: {
    /** Default true. */
    enabled: boolean;
    /** Calls allowed per sliding simulated minute per (account, API key). Default 60 (reference §2.1). */
    perMinute: number;
    /** Status for a throttled call. Default 429 (current docs); 503 per older docs and SDK reports. */
    status: 429 | 503;
  };
  webhooks: {
    /** Default true. When false, events are dropped (not queued). */
    enabled: boolean;
    /** Real milliseconds before an unanswered delivery counts as failed. Default 5000. */
    timeoutMs: number;
    /**
     * Cin7 makes the first attempt "in 1 minute after event" (BP L27929-27930), in simulated time. Default false;
     * true delivers at once, an explicit option for demos only.
     */
    immediateFirstAttempt: boolean;
  };
  /**
   * Simulated milliseconds before a new sale shows in `saleList` (while `GET sale?ID=` sees it at once). Nothing
   * in the Blueprint promises a new sale is listed at once (BP L20400-20549), so clients must tolerate a lag.
   * Default 5000 (a lag of seconds); 0 lists at once.
   */
  saleListLagMs: number;
  /** Cin7 does not promise an order for saleList; when true rows come back shuffled. Default false. */
  saleListShuffle: boolean;
  /**
   * Whether saleList's UpdatedSince/CreatedSince include rows stamped exactly at the bound. Cin7 says "after";
   * default false (exclusive), so a client that polls without overlap misses ties, as it might against Cin7.
   */
  saleListSinceInclusive: boolean;
  /** Reject order lines whose Total differs from round4(Qty*Price*(1-Discount/100)). Default true. */
  validateLineTotals: boolean;
  /** Allowed difference for the line Total check. Default 0.01. */
  lineTotalTolerance: number;
  /**
   * Rows at most in one `Stock/AvailableStockLevelChanged` payload; a product with more is cut, its `MaxRows`
   * telling the full count. Cin7 documents no cap; default 100 (the sandbox's reading), 1 in tests of the cut.
   */
  stockWebhookRowCap: number;
}

export type SandboxConfigPatch = {
  rateLimit?: Partial<SandboxConfig['rateLimit']>;
  webhooks?: Partial<SandboxConfig['webhooks']>;
  saleListShuffle?: boolean;
  saleListSinceInclusive?: boolean;
  saleListLagMs?: number;
  validateLineTotals?: boolean;
  lineTotalTolerance?: number;
  stockWebhookRowCap?: number;
  /** Simulated seconds per real second (0 freezes the clock). */
  timeScale?: number;
};

export function defaultConfig(): SandboxConfig {
  return {
    rateLimit: { enabled: true, perMinute: 60, status: 429 },
    webhooks: { enabled: true, timeoutMs: 5000, immediateFirstAttempt: false },
    saleListLagMs: 5000,
    saleListShuffle: false,
    saleListSinceInclusive: false,
    validateLineTotals: true,
    lineTotalTolerance: 0.01,
    stockWebhookRowCap: 100,
  };
}

export function applyConfigPatch(config: SandboxConfig, patch: SandboxConfigPatch): void {
  if (patch.rateLimit) Object.assign(config.rateLimit, patch.rateLimit);
  if (patch.webhooks) Object.assign(config.webhooks, patch.webhooks);
  if (patch.saleListShuffle !== undefined) config.saleListShuffle = patch.saleListShuffle;
  if (patch.saleListSinceInclusive !== undefined)
    config.saleListSinceInclusive = patch.saleListSinceInclusive;
  if (patch.saleListLagMs !== undefined) config.saleListLagMs = patch.saleListLagMs;
  if (patch.validateLineTotals !== undefined) config.validateLineTotals = patch.validateLineTotals;
  if (patch.lineTotalTolerance !== undefined) config.lineTotalTolerance = patch.lineTotalTolerance;
  if (patch.stockWebhookRowCap !== undefined) config.stockWebhookRowCap = patch.stockWebhookRowCap;
}
