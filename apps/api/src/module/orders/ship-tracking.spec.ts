import { describe, expect, it } from '@jest/globals';
import type { SentSaleSnapshot } from './order-push.entity.js';
import { type FulfilmentSeen, planShipTracking, shipLineTracking } from './ship-tracking.js';

const order = (status: 'DRAFT' | 'AUTHORISED', mode?: 'NOPICK' | 'AUTOPICKPACK' | 'AUTOPICKPACKSHIP') =>
  ({
    Status: status,
    ...(mode ? { AutoPickPackShipMode: mode } : {}),
    Lines: [],
    Memo: 'm',
    TotalBeforeTax: 0,
    Tax: 0,
    Total: 0,
  }) as unknown as SentSaleSnapshot['order'];
const snap = (o: SentSaleSnapshot['order'], tracking: SentSaleSnapshot['tracking']) =>
  ({ order: o, tracking }) as SentSaleSnapshot;
const number = (n: string) => ({ trackingNumber: n, trackingUrl: null });

describe('shipLineTracking', () => {
  it('gives the number only where the creation mode ships the sale (Authorised + AUTOPICKPACKSHIP)', () => {
    expect(shipLineTracking(snap(order('AUTHORISED', 'AUTOPICKPACKSHIP'), number('NZ1')))).toBe('NZ1');
    expect(shipLineTracking(snap(order('AUTHORISED', 'AUTOPICKPACK'), number('NZ1')))).toBeNull();
    expect(shipLineTracking(snap(order('AUTHORISED', 'NOPICK'), number('NZ1')))).toBeNull();
    expect(shipLineTracking(snap(order('AUTHORISED'), number('NZ1')))).toBeNull();
    expect(shipLineTracking(snap(order('DRAFT', 'AUTOPICKPACKSHIP'), number('NZ1')))).toBeNull();
  });

  it('never gives a link (TrackingURL is read-only, BP L30684) nor a number over 256 characters (BP L30683)', () => {
    const ships = order('AUTHORISED', 'AUTOPICKPACKSHIP');
    expect(
      shipLineTracking(snap(ships, { trackingNumber: null, trackingUrl: 'https://t.example/1' })),
    ).toBeNull();
    expect(shipLineTracking(snap(ships, null))).toBeNull();
    expect(shipLineTracking(snap(ships, number('x'.repeat(256))))).toHaveLength(256);
    expect(shipLineTracking(snap(ships, number('x'.repeat(257))))).toBeNull();
  });
});

describe('planShipTracking', () => {
  const shipLine = (extra: Partial<NonNullable<FulfilmentSeen['Ship']>['Lines'][number]> = {}) => ({
    ShipmentDate: '2026-12-01',
    Carrier: 'NZ Post',
    Boxes: 'Box 1',
    TrackingNumber: '',
    IsShipped: true,
    ...extra,
  });
  const task = (status: string, lines: ReturnType<typeof shipLine>[]): FulfilmentSeen => ({
    TaskID: 't1',
    Ship: { Status: status, Lines: lines },
  });

  it('names every shipped box with its own date and carrier, and the number', () => {
    const plan = planShipTracking(
      [task('AUTHORISED', [shipLine(), shipLine({ Boxes: 'Box 2', Carrier: null, ShipmentDate: null })])],
      'NZ1',
      '2026-12-06',
    );
    expect(plan).toEqual({
      kind: 'write',
      input: {
        TaskID: 't1',
        Status: 'AUTHORISED',
        AddTrackingNumbers: true,
        Lines: [
          {
            ShipmentDate: '2026-12-01',
            Box: 'Box 1',
            Carrier: 'NZ Post',
            TrackingNumber: 'NZ1',
            IsShipped: true,
          },
          { ShipmentDate: '2026-12-06', Box: 'Box 2', TrackingNumber: 'NZ1', IsShipped: true },
        ],
      },
    });
  });

  it('is done when every shipped box carries the number already', () => {
    expect(planShipTracking([task('AUTHORISED', [shipLine({ TrackingNumber: 'NZ1' })])], 'NZ1', '')).toEqual({
      kind: 'done',
    });
  });

  it('finds nothing to write on a sale Cin7 did not ship', () => {
    expect(planShipTracking([], 'NZ1', '')).toEqual({ kind: 'not-shipped' });
    expect(planShipTracking([task('NOT AVAILABLE', [])], 'NZ1', '')).toEqual({ kind: 'not-shipped' });
    expect(planShipTracking([task('AUTHORISED', [shipLine({ IsShipped: false })])], 'NZ1', '')).toEqual({
      kind: 'not-shipped',
    });
  });
});
