import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  Cin7AuthError,
  Cin7NotFoundError,
  Cin7ValidationError,
  type Cin7Webhook as Cin7WebhookRecord,
} from '@upstock/cin7-core';
import { DataSource } from 'typeorm';
import { CIN7_CORE_OPTIONS, CIN7_CORE_ROUTE_PREFIX } from '../../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../../cin7-core.options.js';
import type { WebhookState } from '../../connection/connection.entity.js';
import { ConnectionsService } from '../../connection/connections.service.js';
import { CredentialCipher } from '../../security/credential-cipher.js';
import { ConnectionGoneError } from '../../work/call-budget.js';
import { clockOf, systemClock } from '../../work/clock.js';
import { type JobData, JobQueue, QUEUES } from '../../work/job-queue.service.js';
import { ExtraWebhooks } from './extra-webhooks.js';
import { SHIPMENT_WEBHOOK_TYPES, WEBHOOK_SECRET_HEADER, webhookUrl } from './webhook-secret.js';

/** 'register': on connect, replace whatever points at our URL (the secret is new). 'check': periodic repair. */
export type WebhookAction = 'register' | 'check';

/** After this long, a clean-up that still cannot reach Cin7 gives up and the retired key is deleted anyway. */
const RETIRED_CREDENTIALS_TTL_MS = 60 * 60_000;

export interface WebhookSyncResult {
  state: WebhookState;
  created: number;
  deleted: number;
}

const normalised = (a: string | null): string => (a ?? '').trim().replace(/\/+$/, '').toLowerCase();
const sameUrl = (a: string | null, b: string): boolean => normalised(a) === b.toLowerCase();
/** The connection's URL or a path under it (another feature's webhook). */
const underUrl = (a: string | null, b: string): boolean =>
  sameUrl(a, b) || normalised(a).startsWith(`${b.toLowerCase()}/`);

/**
 * Keeps exactly one active Cin7 webhook per wanted event type (shipments, and extras such as stock) pointing at this connection's URL with its secret,
 * and `cin7_connection.webhook_state` telling the truth. Deactivated (Cin7 gives up after its retries, reference §6),
 * missing, duplicated or outdated registrations are removed and created again.
 */
@Injectable()
export class WebhookRegistrations implements OnModuleInit {
  private readonly logger = new Logger('Cin7Core:Webhooks');

  constructor(
    private readonly dataSource: DataSource,
    private readonly connections: ConnectionsService,
    private readonly cipher: CredentialCipher,
    private readonly queue: JobQueue,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
    @Inject(CIN7_CORE_ROUTE_PREFIX) private readonly routePrefix: string,
    private readonly extras: ExtraWebhooks,
  ) {}

  onModuleInit(): void {
    this.queue.register(QUEUES.webhooks, (data) => this.handle(data));
  }

  async handle(data: JobData): Promise<void> {
    if (data.action === 'unregister') {
      await this.unregister(data.supplierId);
      return;
    }
    try {
      await this.sync(data.supplierId, data.action === 'check' ? 'check' : 'register');
    } catch (error) {
      if (error instanceof ConnectionGoneError) return;
      throw error;
    }
  }

  async sync(supplierId: string, action: WebhookAction): Promise<WebhookSyncResult> {
    const { connection, client } = await this.connections.clientFor(supplierId, 'background');
    if (!connection.webhookSecretEncrypted) return this.setState(connection.id, 'missing', 0, 0);
    const secret = this.cipher.decrypt(connection.webhookSecretEncrypted);
    const url = webhookUrl(this.options.publicBaseUrl, connection.id, this.routePrefix);
    let created = 0;
    let deleted = 0;
    const wanted = [
      ...SHIPMENT_WEBHOOK_TYPES.map((type) => ({ type, url })),
      ...((await this.extras?.wanted(supplierId)) ?? []).map((e) => ({
        type: e.type,
        url: `${url}/${e.path}`,
      })),
    ];
    const matches = (w: Cin7WebhookRecord, want: { type: string; url: string }) =>
      w.Type.toLowerCase() === want.type.toLowerCase() && sameUrl(w.ExternalURL, want.url);
    try {
      const ours = (await client.webhooks.list()).filter((w) => underUrl(w.ExternalURL, url));
      const keep = new Set<string>();
      for (const want of wanted) {
        const good = ours.find((w) => matches(w, want) && this.isGood(w, secret, action));
        if (good) keep.add(good.ID);
      }
      // Stale first: Cin7 allows only 5 webhooks of a type.
      for (const hook of ours.filter((w) => !keep.has(w.ID))) {
        await client.webhooks.delete(hook.ID);
        deleted++;
      }
      for (const want of wanted) {
        if (ours.some((w) => keep.has(w.ID) && matches(w, want))) continue;
        await client.webhooks.create({
          Type: want.type,
          ExternalURL: want.url,
          IsActive: true,
          ExternalAuthorizationType: 'noauth',
          ExternalHeaders: [{ Key: WEBHOOK_SECRET_HEADER, Value: secret }],
        });
        created++;
      }
    } catch (error) {
      // Cin7 refusing (no Automation module, a rejected registration) will not change by retrying: say so on the
      // connection's health and let the poll carry shipments. Throttling and outages rethrow and are retried.
      if (
        error instanceof Cin7ValidationError ||
        error instanceof Cin7AuthError ||
        error instanceof Cin7NotFoundError
      ) {
        this.logger.warn(`webhooks for ${supplierId}: Cin7 refused (${error.cin7Message})`);
        await this.dataSource.query(`UPDATE cin7_connection SET last_error = $2 WHERE id = $1`, [
          connection.id,
          `Cin7 refused the shipment webhooks: ${error.cin7Message}. Shipments still arrive by polling.`,
        ]);
        return this.setState(connection.id, 'missing', created, deleted);
      }
      await this.setState(connection.id, 'missing', created, deleted);
      throw error;
    }
    if (action === 'check' && created > 0)
      this.logger.warn(`webhooks for ${supplierId}: re-registered ${created}`);
    return this.setState(connection.id, 'registered', created, deleted);
  }

  /**
   * After a disconnect: removes the webhooks that point at this connection's URL with the retired secret (a
   * reconnect's new ones are left alone), then deletes the retired credentials. Cin7 refusing the old key (revoked)
   * or an hour of failures ends it too: the key is not kept to retry forever.
   */
  async unregister(supplierId: string): Promise<number> {
    const found = await this.connections.retiredClientFor(supplierId);
    if (!found) return 0;
    const { retired, client } = found;
    const clock = clockOf(this.options);
    if (clock.now() - retired.retiredAt.getTime() > RETIRED_CREDENTIALS_TTL_MS) {
      await this.connections.forgetRetiredCredentials(retired.connectionId);
      return 0;
    }
    const url = webhookUrl(this.options.publicBaseUrl, retired.connectionId, this.routePrefix);
    const secret = retired.webhookSecretEncrypted
      ? this.cipher.decrypt(retired.webhookSecretEncrypted)
      : null;
    let deleted = 0;
    try {
      for (const hook of await client.webhooks.list()) {
        const header = hook.ExternalHeaders.find((h) => h.Key.toLowerCase() === WEBHOOK_SECRET_HEADER);
        if (underUrl(hook.ExternalURL, url) && header?.Value === secret) {
          await client.webhooks.delete(hook.ID);
          deleted++;
        }
      }
    } catch (error) {
      if (!(error instanceof Cin7AuthError)) throw error;
      this.logger.warn(
        `webhooks for ${supplierId}: Cin7 no longer accepts the retired key; left to Cin7 to expire`,
      );
    }
    await this.connections.forgetRetiredCredentials(retired.connectionId);
    return deleted;
  }

  /**
   * On 'register' the secret was just generated, so only an exact header match is kept. On 'check' a header whose
   * value Cin7 does not echo back is trusted (it may hide values); a different value is not.
   */
  private isGood(hook: Cin7WebhookRecord, secret: string, action: WebhookAction): boolean {
    if (hook.IsActive === false) return false;
    const header = hook.ExternalHeaders.find((h) => h.Key.toLowerCase() === WEBHOOK_SECRET_HEADER);
    if (!header) return false;
    if (header.Value === secret) return true;
    return action === 'check' && (header.Value === null || header.Value === '');
  }

  private async setState(connectionId: string, state: WebhookState, created: number, deleted: number) {
    await this.dataSource.query(
      `UPDATE cin7_connection SET webhook_state = $2 WHERE id = $1 AND status = 'connected'`,
      [connectionId, state],
    );
    return { state, created, deleted };
  }
}
