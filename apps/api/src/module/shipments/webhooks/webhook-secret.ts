import { createHash, timingSafeEqual } from 'node:crypto';
import { DEFAULT_ROUTE_PREFIX } from '../../cin7-core.module-definition.js';

/** Custom header Cin7 sends back on every delivery (webhook `ExternalHeaders`, reference §6): Cin7 signs nothing. */
export const WEBHOOK_SECRET_HEADER = 'x-upstock-webhook-secret';

/** The Cin7 event types we register: a shipment authorised, and its tracking changed afterwards. */
export const SHIPMENT_WEBHOOK_TYPES = [
  'Sale/ShipmentAuthorised',
  'Sale/ShipmentTrackingNumberChanged',
] as const;

/** Where Cin7 delivers a connection's events: the module's webhook route under the prefix the host mounted it at. */
export function webhookUrl(
  publicBaseUrl: string,
  connectionId: string,
  routePrefix = DEFAULT_ROUTE_PREFIX,
): string {
  const prefix = routePrefix.replace(/^\/+|\/+$/g, '');
  return `${publicBaseUrl.replace(/\/+$/, '')}/${prefix}/webhooks/cin7/${connectionId}`;
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
