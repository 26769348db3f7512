import { z } from 'zod';
import { Cin7ServerError } from '../errors/cin7-error.js';
import type { Cin7Transport } from '../http/transport.js';
import type { Cin7WebhookInput } from '../inputs/sale.inputs.js';
import { type Cin7Webhook, webhookEnvelope } from '../schemas/webhook.schema.js';

export class WebhooksResource {
  constructor(private readonly transport: Cin7Transport) {}

  async list(): Promise<Cin7Webhook[]> {
    const envelope = await this.transport.request({
      method: 'GET',
      path: 'webhooks',
      schema: webhookEnvelope,
    });
    return envelope.Webhooks;
  }

  /** `POST /webhooks` answers `{Webhooks:[created]}`. */
  async create(input: Cin7WebhookInput): Promise<Cin7Webhook> {
    const envelope = await this.transport.request({
      method: 'POST',
      path: 'webhooks',
      body: input,
      schema: webhookEnvelope,
    });
    const created = envelope.Webhooks.find((w) => w.Type === input.Type) ?? envelope.Webhooks[0];
    if (created === undefined) {
      throw new Cin7ServerError({
        status: 200,
        cin7Message: 'POST webhooks answered without the created webhook',
        method: 'POST',
        path: 'webhooks',
      });
    }
    return created;
  }

  /** `DELETE /webhooks?ID=`. */
  async delete(id: string): Promise<void> {
    await this.transport.request({
      method: 'DELETE',
      path: 'webhooks',
      query: { ID: id },
      schema: z.unknown(),
    });
  }
}
