import { z } from 'zod';

/** Cin7 Account IDs and API Application Keys are GUIDs (Cin7 › Integrations › API). */
const guid = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, {
      error: `${field} must be the GUID Cin7 shows under Integrations › API (like 1a2b3c4d-…)`,
    });

export const connectRequestSchema = z.object({
  accountId: guid('Account ID'),
  apiKey: guid('API key'),
});
export type ConnectRequest = z.infer<typeof connectRequestSchema>;

export const connectionStatusSchema = z.enum(['connected', 'disconnected', 'paused']);
export type ConnectionStatus = z.infer<typeof connectionStatusSchema>;

export const connectionHealthSchema = z.object({
  lastSuccessfulCallAt: z.string().nullable(),
  pausedUntil: z.string().nullable(),
  lastError: z.string().nullable(),
  webhooks: z.enum(['registered', 'missing', 'not_registered']),
});

export const connectionSchema = z.object({
  status: connectionStatusSchema,
  accountId: z.string(),
  apiKeyLast4: z.string(),
  company: z.string(),
  baseCurrency: z.string(),
  connectedAt: z.string(),
  health: connectionHealthSchema,
});
export type Connection = z.infer<typeof connectionSchema>;

/** `GET /connection` when nothing is connected answers `{ status: 'disconnected' }`. */
export const connectionResponseSchema = z.union([
  connectionSchema,
  z.object({ status: z.literal('disconnected') }),
]);
export type ConnectionResponse = z.infer<typeof connectionResponseSchema>;
