import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { z } from 'zod';
import { CIN7_CORE_OPTIONS } from '../../cin7-core.module-definition.js';
import type { Cin7CoreModuleOptions } from '../../cin7-core.options.js';
import { isUuid } from '../../common/ids.js';
import { ConnectionEntity } from '../../connection/connection.entity.js';
import { CredentialCipher } from '../../security/credential-cipher.js';
import { clockOf } from '../../work/clock.js';
import { JobQueue, QUEUES } from '../../work/job-queue.service.js';
import type { ShipmentEventJob } from '../sync/shipment-events.service.js';
import { secretsMatch } from './webhook-secret.js';

/**
 * The payload is a hint only (shapes differ by type, reference §6): the sale is always fetched again.
 * Sale/ShipmentAuthorised names the sale `SaleTaskID`, Sale/ShipmentTrackingNumberChanged `SaleID`.
 */
/** A field that is not a string reads as absent rather than failing the whole payload. */
const field = z.string().optional().catch(undefined);
/** What Cin7 posts; only the sale's id matters here, anything else is ignored. */
export const cin7WebhookPayloadSchema = z
  .object({
    SaleID: field,
    SaleTaskID: field,
    OrderNumber: field,
    SaleOrderNumber: field,
    EventType: field,
  })
  .loose();

export type WebhookOutcome = 'unauthorised' | 'queued' | 'ignored';

/** The fast half of a webhook: authenticate, then hand the event to background work. No Cin7 call here. */
@Injectable()
export class WebhookInbox {
  constructor(
    @InjectRepository(ConnectionEntity) private readonly connections: Repository<ConnectionEntity>,
    private readonly cipher: CredentialCipher,
    private readonly queue: JobQueue,
    @Inject(CIN7_CORE_OPTIONS) private readonly options: Cin7CoreModuleOptions,
  ) {}

  /**
   * The connected connection a delivery names, when it presents that connection's secret; null otherwise. Every
   * webhook route (shipments, stock) authenticates with it before doing anything.
   */
  async authenticate(
    connectionId: string,
    presentedSecret: string | undefined,
  ): Promise<ConnectionEntity | null> {
    const connection = isUuid(connectionId)
      ? await this.connections.findOneBy({ id: connectionId, status: 'connected' })
      : null;
    // A disconnected connection has no secret any more: its webhooks are refused like forged ones.
    const expected = connection?.webhookSecretEncrypted
      ? this.cipher.decrypt(connection.webhookSecretEncrypted)
      : null;
    return connection && expected !== null && secretsMatch(presentedSecret, expected) ? connection : null;
  }

  async receive(
    connectionId: string,
    presentedSecret: string | undefined,
    body: unknown,
  ): Promise<WebhookOutcome> {
    const connection = await this.authenticate(connectionId, presentedSecret);
    if (!connection) return 'unauthorised';

    const parsed = cin7WebhookPayloadSchema.safeParse(body);
    const saleId = parsed.success
      ? (parsed.data.SaleID ?? parsed.data.SaleTaskID)?.trim().toLowerCase()
      : undefined;
    if (!saleId || !isUuid(saleId)) return 'ignored';
    const job: ShipmentEventJob = {
      supplierId: connection.supplierId,
      saleId,
      eventType: (parsed.success ? parsed.data.EventType : undefined) ?? 'unknown',
      orderNumber:
        (parsed.success ? (parsed.data.OrderNumber ?? parsed.data.SaleOrderNumber) : undefined) ?? null,
      receivedAt: new Date(clockOf(this.options).now()).toISOString(),
    };
    // One job per sale: Cin7 sends two events per shipment (authorised, tracking) and a queued job already reads
    // the sale for both. An event arriving while the sale is being read queues one more read after it (the queue is
    // stately), skipped when that read started after the event arrived.
    await this.queue.send(QUEUES.shipmentEvent, job, {
      singletonKey: `shipment-event:${connection.supplierId}:${saleId}`,
    });
    return 'queued';
  }
}
