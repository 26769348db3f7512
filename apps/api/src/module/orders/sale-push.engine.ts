import type { Clock } from '@upstock/cin7-core';
import {
  type Cin7SaleHeaderInput,
  type Cin7SaleOrderInput,
  type Cin7ShipInput,
  Cin7ValidationError,
  isUncertainWriteOutcome,
} from '@upstock/cin7-core';
import type { SentSaleSnapshot } from './order-push.entity.js';
import type { NewEvent, PushPatch } from './order-push.repository.js';
import { type FulfilmentSeen, planShipTracking, shipLineTracking } from './ship-tracking.js';

/** What the engine reads of a sale (the client's parsed `Cin7Sale` has these and more). */
export interface SaleSeen {
  ID: string;
  Status: string | null;
  Order: {
    SaleOrderNumber: string | null;
    Status: string | null;
    Lines: { ProductID: string | null }[];
    Total?: number | null;
  } | null;
  Fulfilments?: readonly FulfilmentSeen[];
}

/**
 * The sale calls a push makes. The real client's `sales` satisfies it (checked where the worker passes it);
 * test fakes satisfy it too, so the two cannot drift apart.
 */
export interface SalesApi {
  create(header: Cin7SaleHeaderInput): Promise<Pick<SaleSeen, 'ID' | 'Order'>>;
  saveOrder(order: Cin7SaleOrderInput): Promise<{ SaleOrderNumber: string | null; Total: number | null }>;
  get(id: string): Promise<SaleSeen | null>;
  findByExternalId(externalId: string): Promise<{ SaleID: string; OrderNumber: string | null }[]>;
  /** `PUT sale/fulfilment/ship` when `AddTrackingNumbers` is set. */
  ship(input: Cin7ShipInput): Promise<unknown>;
}

/** What the engine knows of a push: the durable progress markers, as stored. */
export interface PushProgress {
  externalId: string;
  snapshot: SentSaleSnapshot;
  cin7SaleId: string | null;
  cin7OrderNumber: string | null;
  /**
   * Set (and stored) before `POST /sale` goes out: from then on the sale may exist. Moved to the moment the call
   * failed when Cin7's outcome is unknown: the listing grace counts from there.
   */
  headerSentAt: Date | null;
  /** Set (and stored) before `POST /sale/order` goes out: from then on the lines may exist. */
  linesSentAt: Date | null;
}

export interface EngineDeps {
  sales: SalesApi;
  clock: Pick<Clock, 'now'>;
  /** Stores progress at once (and throws if this worker lost the push). */
  save(patch: PushPatch): Promise<void>;
  event(e: Omit<NewEvent, 'attempt'>): Promise<void>;
}

/** The sale Cin7 holds is gone or voided: nothing to complete; the supplier decides. */
export class SaleUnusableError extends Error {}

/**
 * How long after a header was sent the lookup keeps trusting that `saleList` may not list the sale yet. Nothing in
 * the Blueprint says a new sale is listed at once (saleList, BP L20400-20549), and the sandbox lists it seconds
 * later; so a lookup that finds nothing within this time looks again (with backoff) instead of creating a second
 * sale. At least a minute.
 */
export const LISTING_GRACE_MS = 2 * 60_000;

/**
 * The sale may exist but is not listed yet (see LISTING_GRACE_MS): transient, nothing written; look again later.
 * Recorded once on the timeline by the pass that sent the header, so retries add no noise.
 */
export class SaleNotListedYetError extends Error {
  constructor(readonly retryInMs: number) {
    super('The new sale is not listed by Cin7 yet; looking again before creating anything');
  }
}

/**
 * One pass of a push towards a complete sale, exactly once. Each step stores what it is about to do before doing
 * it, so a pass that dies anywhere (a lost answer, a crash, a killed replica) is resumed by the next pass without
 * guessing:
 *
 * 1. No sale id, but a header may have been sent (`headerSentAt`): look the sale up by its ExternalID first; a
 *    sale not listed yet is looked up again for LISTING_GRACE_MS (from `headerSentAt`, which an unknown outcome moves
 *    to the moment the call failed) before anything is created again.
 * 2. Still no sale: store `headerSentAt`, `POST /sale`, store the sale id the moment it is known.
 * 3. Lines may have been sent (`linesSentAt`): read the sale; if its order already holds our lines, done.
 * 4. Store `linesSentAt`, `POST /sale/order` (it replaces lines, so sending again while DRAFT is harmless).
 * 5. Where the creation mode shipped the sale, the order's tracking number goes on its ship lines (`setShipTracking`:
 *    read the sale, write only what is missing).
 *
 * A write whose outcome is uncertain (`isUncertainWriteOutcome`) is never retried blindly: it is recorded and
 * rethrown, and the next pass starts with the lookup (1) or the read (3). Certain failures (validation, throttling)
 * are rethrown for the caller to classify.
 */
export async function pushSaleOnce(
  p: PushProgress,
  deps: EngineDeps,
): Promise<{ saleId: string; orderNumber: string | null; cin7Total: number | null }> {
  const { sales } = deps;
  let saleId = p.cin7SaleId;
  let orderNumber = p.cin7OrderNumber;

  if (!saleId && p.headerSentAt) {
    // Read before the lookup leaves (it may wait for the budget): Cin7 answers it as of this moment or later.
    const lookedAt = deps.clock.now();
    const found = await sales.findByExternalId(p.externalId);
    const first = [...found].sort((a, b) => (a.OrderNumber ?? '').localeCompare(b.OrderNumber ?? ''))[0];
    const sinceHeader = lookedAt - p.headerSentAt.getTime();
    if (!first && sinceHeader < LISTING_GRACE_MS) {
      // Backoff: 5 s, 10 s, 20 s, then every 30 s, until the grace has passed.
      const nextIn = Math.min(30_000, Math.max(5_000, sinceHeader));
      throw new SaleNotListedYetError(Math.min(nextIn, LISTING_GRACE_MS - sinceHeader + 1));
    }
    if (first) {
      saleId = first.SaleID.toLowerCase();
      orderNumber = first.OrderNumber || orderNumber;
      await deps.save({ cin7SaleId: saleId, cin7OrderNumber: orderNumber });
      await deps.event({
        type: 'sale-found',
        message: `Found sale ${orderNumber ?? saleId} in Cin7 by its external id ${p.externalId}; nothing created again`,
        cin7OrderNumber: orderNumber,
      });
    }
  }

  if (!saleId) {
    await deps.save({ headerSentAt: new Date(deps.clock.now()) });
    let sale: Pick<SaleSeen, 'ID' | 'Order'>;
    try {
      sale = await sales.create(p.snapshot.header);
    } catch (error) {
      if (isUncertainWriteOutcome(error)) {
        // The marker was stored before the call's wait for the budget (throttling, a loaded replica), which can
        // outlast LISTING_GRACE_MS: a sale Cin7 made is made by now, so the grace counts from now, or the lookup
        // would give up on a sale still inside its listing lag and create it a second time.
        await deps.save({ headerSentAt: new Date(deps.clock.now()) });
        await deps.event({
          type: 'outcome-unknown',
          message: `Cin7 did not confirm the new sale (${describe(error)}); looking it up by its external id before anything else`,
        });
      }
      throw error;
    }
    saleId = sale.ID.toLowerCase();
    orderNumber = sale.Order?.SaleOrderNumber || null;
    await deps.save({ cin7SaleId: saleId, cin7OrderNumber: orderNumber });
    await deps.event({
      type: 'header-created',
      message: `Created sale ${orderNumber ?? saleId} in Cin7`,
      cin7OrderNumber: orderNumber,
    });
  } else if (p.linesSentAt) {
    const sale = await sales.get(saleId);
    if (!sale) throw new SaleUnusableError(`The Cin7 sale ${orderNumber ?? saleId} no longer exists`);
    if (sale.Status === 'VOIDED')
      throw new SaleUnusableError(`The Cin7 sale ${orderNumber ?? saleId} was voided in Cin7`);
    orderNumber = sale.Order?.SaleOrderNumber || orderNumber;
    // An authorised order cannot be replaced: it never gets a second POST sale/order. If its lines differ from ours,
    // the shipments feature's totals check raises the heads-up.
    if (orderHoldsLines(sale, p.snapshot) || sale.Order?.Status === 'AUTHORISED') {
      await deps.event({
        type: 'lines-saved',
        message: `Cin7 already holds the lines of sale ${orderNumber ?? saleId}; nothing sent again`,
        cin7OrderNumber: orderNumber,
      });
      await setShipTracking(p.snapshot, saleId, orderNumber, deps, sale);
      return { saleId, orderNumber, cin7Total: sale.Order?.Total ?? null };
    }
  }

  await deps.save({ linesSentAt: new Date(deps.clock.now()) });
  const body: Cin7SaleOrderInput = { SaleID: saleId, ...p.snapshot.order };
  let saved: { SaleOrderNumber: string | null; Total: number | null };
  try {
    saved = await sales.saveOrder(body);
  } catch (error) {
    if (isUncertainWriteOutcome(error)) {
      await deps.event({
        type: 'outcome-unknown',
        message: `Cin7 did not confirm the lines (${describe(error)}); reading the sale before sending them again`,
        cin7OrderNumber: orderNumber,
      });
    }
    throw error;
  }
  orderNumber = saved.SaleOrderNumber || orderNumber;
  const authorised = body.Status === 'AUTHORISED';
  await deps.event({
    type: authorised ? 'authorised' : 'lines-saved',
    message: `Sent ${body.Lines.length} line${body.Lines.length === 1 ? '' : 's'}${
      body.AdditionalCharges?.length ? ' and freight' : ''
    } to sale ${orderNumber ?? saleId} (${authorised ? 'Authorised' : 'Draft'})`,
    cin7OrderNumber: orderNumber,
  });
  await setShipTracking(p.snapshot, saleId, orderNumber, deps, null);
  // Cin7's answer says what it made of the money (it may apply discounts on authorisation, BP L4003).
  return { saleId, orderNumber, cin7Total: saved.Total ?? null };
}

/**
 * Step 5: the tracking number onto the ship lines Cin7 made when the sale was authorised with AUTOPICKPACKSHIP. Two
 * calls: `GET sale` (the only documented source of the TaskID and of the shipped boxes, which the write must name;
 * skipped when this pass already read the sale) and one `PUT sale/fulfilment/ship`. No marker is stored: the write
 * sets the number on existing boxes (never adds a line), and every pass reads the shipment before writing, so a pass
 * after a lost answer finds the number there and sends nothing.
 */
async function setShipTracking(
  snapshot: SentSaleSnapshot,
  saleId: string,
  orderNumber: string | null,
  deps: EngineDeps,
  seen: SaleSeen | null,
): Promise<void> {
  const trackingNumber = shipLineTracking(snapshot);
  if (!trackingNumber) return;
  const name = orderNumber ?? saleId;
  const sale = seen ?? (await deps.sales.get(saleId));
  if (!sale) throw new SaleUnusableError(`The Cin7 sale ${name} no longer exists`);
  const today = new Date(deps.clock.now()).toISOString().slice(0, 10);
  const plan = planShipTracking(sale.Fulfilments ?? [], trackingNumber, today);
  const event = (message: string) =>
    deps.event({ type: 'tracking-set', message, cin7OrderNumber: orderNumber });
  if (plan.kind === 'not-shipped') {
    await event(
      `Cin7 did not ship sale ${name} when it was authorised (a line is backordered): tracking number ${trackingNumber} stays on the sale's note`,
    );
    return;
  }
  if (plan.kind === 'done') {
    await event(
      `Cin7 already holds tracking number ${trackingNumber} on the shipment of sale ${name}; nothing sent again`,
    );
    return;
  }
  try {
    await deps.sales.ship(plan.input);
  } catch (error) {
    // The sale itself is complete: Cin7 refusing the tracking leaves it on the note rather than failing the order.
    if (error instanceof Cin7ValidationError) {
      await event(
        `Cin7 refused tracking number ${trackingNumber} on the shipment of sale ${name} (${error.cin7Message}): it stays on the sale's note`,
      );
      return;
    }
    if (isUncertainWriteOutcome(error)) {
      await deps.event({
        type: 'outcome-unknown',
        message: `Cin7 did not confirm the tracking number (${describe(error)}); reading the shipment before writing it again`,
        cin7OrderNumber: orderNumber,
      });
    }
    throw error;
  }
  await event(`Set tracking number ${trackingNumber} on the shipment of sale ${name}`);
}

/**
 * Whether the sale's order already holds what we send: its status moved past NOT AVAILABLE to the one we asked for
 * (or further: someone authorised a draft), with our products in it.
 */
export function orderHoldsLines(sale: SaleSeen, snapshot: SentSaleSnapshot): boolean {
  const order = sale.Order;
  if (!order?.Status || order.Status === 'NOT AVAILABLE') return false;
  const wanted = snapshot.order.Status;
  if (wanted === 'AUTHORISED' && order.Status === 'DRAFT') return false;
  const sent = snapshot.order.Lines.map((l) => l.ProductID.toLowerCase()).sort();
  const held = order.Lines.map((l) => (l.ProductID ?? '').toLowerCase()).sort();
  return sent.length === held.length && sent.every((id, i) => id === held[i]);
}

function describe(error: unknown): string {
  return error instanceof Error
    ? error.name
        .replace(/^Cin7/, '')
        .replace(/Error$/, '')
        .toLowerCase() || 'error'
    : 'error';
}
