import { z } from 'zod';
import { guid, list, optBool, text } from './primitives.schema.js';

/** `GET/POST/DELETE /webhooks` (BP L27946-28897). Deliveries carry no signature: auth is what we register. */
export const webhookSchema = z.object({
  ID: guid,
  Type: z.string(),
  Name: text,
  IsActive: optBool,
  ExternalURL: text,
  /** `noauth` | `basicauth` | `bearerauth`. */
  ExternalAuthorizationType: text,
  ExternalUserName: text,
  ExternalHeaders: list(z.object({ Key: z.string(), Value: text })),
});
export type Cin7Webhook = z.output<typeof webhookSchema>;

export const webhookEnvelope = z.object({ Webhooks: list(webhookSchema) });
