import type { SandboxEngine } from './sandbox-engine.js';
import type { AccountState, WebhookRecord } from './store.types.js';
import { formatTimestamp } from './wire-format.js';

/**
 * Cin7 tries a webhook 6 times: "first time - in 1 minute after event", then 5, 10, 15, 20 and 25 minutes after
 * the previous attempt, then deactivates it (BP L27929-27944). Simulated minutes; `webhooks.immediateFirstAttempt`
 * makes the first attempt at once, for demos only.
 */
export const WEBHOOK_FIRST_ATTEMPT_MINUTES = 1;
export const WEBHOOK_RETRY_MINUTES = [5, 10, 15, 20, 25] as const;

export interface DeliveryAttempt {
  /** Simulated time of the attempt, Cin7 timestamp format. */
  at: string;
  /** HTTP status received, or null when the request failed or timed out. */
  status: number | null;
  error: string | null;
}

export interface WebhookDelivery {
  id: number;
  accountId: string;
  webhookId: string;
  type: string;
  url: string;
  /** An object with `EventType` added, or a bare array (`Stock/AvailableStockLevelChanged`, BP L28465). */
  payload: Record<string, unknown> | unknown[];
  attempts: DeliveryAttempt[];
  state: 'pending' | 'delivered' | 'failed';
  /** When the next attempt is due (simulated, Cin7 timestamp format), null when finished. */
  nextAttemptAt: string | null;
}

export class WebhookDispatcher {
  private deliveries: WebhookDelivery[] = [];
  private generation = 0;
  private nextId = 1;

  constructor(private readonly engine: SandboxEngine) {}

  list(): WebhookDelivery[] {
    return this.deliveries.map((d) => ({ ...d, attempts: [...d.attempts] }));
  }

  clearLog(): void {
    this.deliveries = this.deliveries.filter((d) => d.state === 'pending');
  }

  reset(): void {
    this.generation++;
    this.deliveries = [];
    this.engine.scheduler.clear();
  }

  /** Queues one delivery per active registration of `type` in the account. */
  emit(state: AccountState, type: string, payload: Record<string, unknown> | unknown[]): void {
    if (!this.engine.config.webhooks.enabled) return;
    const firstAt = this.engine.config.webhooks.immediateFirstAttempt
      ? this.engine.now()
      : this.engine.now() + WEBHOOK_FIRST_ATTEMPT_MINUTES * 60_000;
    for (const hook of state.webhooks) {
      if (!hook.IsActive || hook.Type.toLowerCase() !== type.toLowerCase()) continue;
      const delivery: WebhookDelivery = {
        id: this.nextId++,
        accountId: state.account.accountId,
        webhookId: hook.ID,
        type: hook.Type,
        url: hook.ExternalURL,
        payload: Array.isArray(payload) ? payload : { ...payload, EventType: hook.Type },
        attempts: [],
        state: 'pending',
        nextAttemptAt: formatTimestamp(firstAt),
      };
      this.deliveries.push(delivery);
      const generation = this.generation;
      this.engine.scheduler.schedule(firstAt, () => {
        if (generation === this.generation) void this.attempt(delivery, hook, generation);
      });
    }
  }

  private async attempt(delivery: WebhookDelivery, hook: WebhookRecord, generation: number): Promise<void> {
    const at = formatTimestamp(this.engine.now());
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(delivery.url, {
        method: 'POST',
        headers: this.headersFor(hook),
        body: JSON.stringify(delivery.payload),
        signal: AbortSignal.timeout(this.engine.config.webhooks.timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      error = err instanceof Error ? (err.name === 'TimeoutError' ? 'timeout' : err.message) : String(err);
    }
    if (generation !== this.generation) return;
    delivery.attempts.push({ at, status, error });
    if (status !== null && status >= 200 && status < 300) {
      delivery.state = 'delivered';
      delivery.nextAttemptAt = null;
      return;
    }
    const retry = WEBHOOK_RETRY_MINUTES[delivery.attempts.length - 1];
    if (retry === undefined) {
      delivery.state = 'failed';
      delivery.nextAttemptAt = null;
      hook.IsActive = false;
      this.engine.log(
        `webhook ${hook.Type} -> ${hook.ExternalURL} deactivated after ${delivery.attempts.length} attempts`,
      );
      return;
    }
    const nextAt = this.engine.now() + retry * 60_000;
    delivery.nextAttemptAt = formatTimestamp(nextAt);
    this.engine.scheduler.schedule(nextAt, () => {
      if (generation === this.generation) void this.attempt(delivery, hook, generation);
    });
  }

  private headersFor(hook: WebhookRecord): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    for (const h of hook.ExternalHeaders) headers[h.Key] = h.Value;
    if (hook.ExternalAuthorizationType === 'basicauth') {
      const token = Buffer.from(`${hook.ExternalUserName ?? ''}:${hook.ExternalPassword ?? ''}`).toString(
        'base64',
      );
      headers.authorization = `Basic ${token}`;
    } else if (hook.ExternalAuthorizationType === 'bearerauth') {
      headers.authorization = `Bearer ${hook.ExternalBearerToken ?? ''}`;
    }
    return headers;
  }
}
