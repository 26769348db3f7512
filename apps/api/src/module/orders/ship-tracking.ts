import type { Cin7ShipInput } from '@upstock/cin7-core';
import type { SentSaleSnapshot } from './order-push.entity.js';

/** What the push reads of a sale's fulfilments (`GET /sale` `Fulfilments`, BP L20735, L30632-30685). */
export interface FulfilmentSeen {
  TaskID: string;
  Ship: {
    Status: string | null;
    Lines: {
      ShipmentDate: string | null;
      Carrier: string | null;
      Boxes: string | null;
      TrackingNumber: string | null;
      IsShipped: boolean | null;
    }[];
  } | null;
}

/** Ship line `TrackingNumber` limit (BP L30683). */
const TRACKING_NUMBER_LIMIT = 256;

/**
 * The tracking number the push writes on the sale's ship lines, or null. Only where the creation mode ships the sale
 * (a Simple sale created Authorised with `AutoPickPackShipMode` `AUTOPICKPACKSHIP`): elsewhere no shipment exists
 * when the push ends, and the Note carries the tracking alone (sale.mapper noteFor). A link is never written there:
 * the ship line's `TrackingURL` is read-only (BP L30684; Cin7 derives it from the carrier), so a link stays on the
 * Note, where the help article's "Tracking URL" can be read.
 */
export function shipLineTracking(snapshot: SentSaleSnapshot): string | null {
  const number = snapshot.tracking?.trackingNumber;
  if (!number || number.length > TRACKING_NUMBER_LIMIT) return null;
  const ships =
    snapshot.order.Status === 'AUTHORISED' && snapshot.order.AutoPickPackShipMode === 'AUTOPICKPACKSHIP';
  return ships ? number : null;
}

export type ShipTrackingPlan =
  /** Cin7 did not ship the sale at authorisation (AUTOPICKPACKSHIP skips a backordered sale, BP L23248-23256). */
  | { kind: 'not-shipped' }
  /** Every shipped box already carries the number: written by an earlier pass whose answer was lost. */
  | { kind: 'done' }
  | { kind: 'write'; input: Cin7ShipInput };

/**
 * One `PUT sale/fulfilment/ship` with `AddTrackingNumbers` (the way to change tracking on an authorised shipment,
 * BP L24148), naming each shipped box (`Box`, required, BP L30682) with its own date and carrier: it sets the number
 * on boxes that exist, never adds a line, so sending it again changes nothing.
 */
export function planShipTracking(
  fulfilments: readonly FulfilmentSeen[],
  trackingNumber: string,
  today: string,
): ShipTrackingPlan {
  const task = fulfilments.find(
    (f) => f.Ship?.Status === 'AUTHORISED' || f.Ship?.Status === 'PARTIALLY AUTHORISED',
  );
  const lines = (task?.Ship?.Lines ?? []).filter((l) => l.IsShipped !== false && l.Boxes);
  if (!task?.Ship || lines.length === 0) return { kind: 'not-shipped' };
  if (lines.every((l) => l.TrackingNumber === trackingNumber)) return { kind: 'done' };
  return {
    kind: 'write',
    input: {
      TaskID: task.TaskID,
      Status: task.Ship.Status as 'AUTHORISED' | 'PARTIALLY AUTHORISED',
      AddTrackingNumbers: true,
      Lines: lines.map((l) => ({
        ShipmentDate: l.ShipmentDate ?? today,
        Box: l.Boxes,
        ...(l.Carrier ? { Carrier: l.Carrier } : {}),
        TrackingNumber: trackingNumber,
        IsShipped: true,
      })),
    },
  };
}
