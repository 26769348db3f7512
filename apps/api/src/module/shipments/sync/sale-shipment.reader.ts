import type { Cin7Sale } from '@upstock/cin7-core';
import type { ShipmentInfo } from '../../ports/index.js';

/** Where a Cin7 sale stands for Upstock. Only a fully shipped sale marks the order shipped. */
export type ShippingPhase = 'open' | 'partially-shipped' | 'shipped' | 'voided';

type SaleStatuses = Pick<Cin7Sale, 'Status' | 'CombinedShippingStatus'>;

const upper = (value: string | null | undefined): string => (value ?? '').trim().toUpperCase();

/** Cin7's `CombinedShippingStatus` and `Status` (reference §5.1); a voided sale wins over any shipment. */
export function shippingPhase(sale: SaleStatuses): ShippingPhase {
  if (upper(sale.Status) === 'VOIDED' || upper(sale.CombinedShippingStatus) === 'VOIDED') return 'voided';
  const shipping = upper(sale.CombinedShippingStatus);
  if (shipping === 'SHIPPED') return 'shipped';
  if (shipping === 'PARTIALLY SHIPPED') return 'partially-shipped';
  return 'open';
}

/** A saleList row is worth a first fetch only when it already shows something Upstock must act on. */
export function isNotable(row: SaleStatuses): boolean {
  return shippingPhase(row) !== 'open';
}

const distinct = (values: Array<string | null | undefined>): string[] => [
  ...new Set(values.map((v) => (v ?? '').trim()).filter((v) => v !== '')),
];

/**
 * The shipment as Upstock records it: tracking numbers, the tracking link and carriers of every shipped line
 * (`Fulfilments[].Ship.Lines[]`, reference §5.5), falling back to the sale's combined values. `shippedAt` is the
 * latest shipment date, else `fallbackShippedAt`.
 */
export function readShipment(sale: Cin7Sale, fallbackShippedAt: Date): ShipmentInfo {
  const lines = sale.Fulfilments.flatMap((f) => f.Ship?.Lines ?? []).filter((l) => l.IsShipped !== false);
  const numbers = distinct(lines.map((l) => l.TrackingNumber));
  const urls = distinct(lines.map((l) => l.TrackingURL));
  const carriers = distinct(lines.map((l) => l.Carrier));
  const dates = lines
    .map((l) => l.ShipmentDate)
    .filter((d): d is string => d !== null)
    .sort();
  const latest = dates[dates.length - 1];
  return {
    trackingNumber: numbers.join(', ') || sale.CombinedTrackingNumbers?.trim() || null,
    trackingUrl: urls[0] ?? null,
    carrier: carriers.join(', ') || sale.Carrier?.trim() || null,
    shippedAt: latest ? `${latest}T00:00:00.000Z` : fallbackShippedAt.toISOString(),
  };
}

/** Identity of a shipment for "already applied?" checks: the date alone is not a new shipment. */
export function shipmentKey(info: ShipmentInfo): string {
  return JSON.stringify([info.trackingNumber, info.trackingUrl, info.carrier]);
}

export function describeShipment(info: ShipmentInfo): string {
  const parts = [
    info.trackingUrl ? `tracking link ${info.trackingUrl}` : null,
    info.trackingNumber ? `tracking number ${info.trackingNumber}` : null,
    info.carrier ? `carrier ${info.carrier}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(', ') : 'no tracking given';
}
