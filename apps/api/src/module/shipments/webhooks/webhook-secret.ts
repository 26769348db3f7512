import { createHash, timingSafeEqual } from 'node:crypto';
import { DEFAULT_ROUTE_PREFIX } from '../../cin7-core.module-definition.js';

/** Custom header Cin7 sends back on every delivery (webhook `ExternalHeaders`, reference §6): Cin7 signs nothing. */
export const WEBHOOK_SECRET_HEADER = 'x-upstock-webhook-secret';

/** The Cin7 event types we register: a shipment authorised, and its tracking changed afterwards. */
export const SHIPMENT_WEBHOOK_TYPES = [
  'Sale/ShipmentAuthorised',
  'Sale/ShipmentTrackingNumberChanged',
] as const;

/**
 * Where Cin7 delivers a connection's events. The module is mounted under DEFAULT_ROUTE_PREFIX unless the host
 * chose another prefix, which the options do not carry yet (a host mounting elsewhere needs that option added).
 */
export function webhookUrl(publicBaseUrl: string, connectionId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/${DEFAULT_ROUTE_PREFIX}/webhooks/cin7/${connectionId}`;
}

/**
 * Compares a presented secret with the expected one in constant time: both are hashed first, so neither the
 * content nor the length of the expected secret shows in the timing.
 */
export function secretsMatch(presented: string | undefined, expected: string): boolean {
  const a = createHash('sha256')
    .update(presented ?? '')
    .digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && presented !== undefined;
}
