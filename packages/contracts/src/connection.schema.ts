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
  /**
   * Connecting while connected replaces the connection: the supplier must say so (409 otherwise), because a
   * different account also clears the links made with the old one.
   */
  replace: z.boolean({ error: 'replace must be true or false' }).optional(),
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

/** What connecting changed beyond the credentials, for the supplier to read (POST /connection only). */
export const accountChangeSchema = z.object({
  previousAccountId: z.string(),
  /** Links made with the previous Cin7 account, removed: their Cin7 ids mean nothing in the new one. */
  customerLinksCleared: z.number().int(),
  productLinksCleared: z.number().int(),
  message: z.string(),
});
export type AccountChange = z.infer<typeof accountChangeSchema>;

export const connectionSchema = z.object({
  status: connectionStatusSchema,
  accountId: z.string(),
  apiKeyLast4: z.string(),
  company: z.string(),
  baseCurrency: z.string(),
  connectedAt: z.string(),
  health: connectionHealthSchema,
  /**
   * Other Upstock suppliers connected to the same Cin7 account. They share its 60 calls a minute (Cin7 limits the
   * account's API application, not each supplier), so syncs may take longer. Names are never shown.
   */
  sharedWith: z.number().int().optional(),
  /** Set on the answer of a connect that moved to another Cin7 account. */
  accountChange: accountChangeSchema.optional(),
});
export type Connection = z.infer<typeof connectionSchema>;

/** `GET /connection` when nothing is connected answers `{ status: 'disconnected' }`. */
export const connectionResponseSchema = z.union([
  connectionSchema,
  z.object({ status: z.literal('disconnected') }),
]);
export type ConnectionResponse = z.infer<typeof connectionResponseSchema>;
