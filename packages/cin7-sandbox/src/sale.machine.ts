import { Cin7HttpError, sameId } from './http-kit.js';
import { deriveStatus, isBackordered } from './sale.render.js';
import { orderTotals, rowTax } from './sale-money.js';
import type { SandboxEngine } from './sandbox-engine.js';
import { allocateStock, emitStockChanged, releaseStock, shipStock } from './stock.model.js';
import type {
  AccountState,
  FulfilmentLineRecord,
  FulfilmentRecord,
  SaleLineRecord,
  SaleRecord,
  ShipLineRecord,
} from './store.types.js';
import { formatDateOnly, formatTenantDate, round4 } from './wire-format.js';

/** Sale state transitions shared by the API handlers and the admin API (reference §5.1-5.4). */

export type AutoPickPackShipMode = 'NOPICK' | 'AUTOPICK' | 'AUTOPICKPACK' | 'AUTOPICKPACKSHIP';

export function findSale(state: AccountState, id: string | undefined): SaleRecord {
  if (!id) throw new Cin7HttpError(400, 'Required attribute SaleID is not provided.');
  const sale = state.salesById.get(id.toLowerCase());
  if (!sale) throw new Cin7HttpError(400, `Sale with ID ${id} not found.`);
  return sale;
}

/** Finds the sale and fulfilment of a TaskID; a simple sale's own ID is accepted too (reference §5.4, N3). */
export function findTask(
  state: AccountState,
  taskId: string | undefined,
): { sale: SaleRecord; task: FulfilmentRecord } {
  if (!taskId) throw new Cin7HttpError(400, 'Required attribute TaskID is not provided.');
  for (const sale of state.sales) {
    const task = sale.fulfilments.find((f) => sameId(f.TaskID, taskId));
    if (task) return { sale, task };
  }
  const sale = state.salesById.get(taskId.toLowerCase());
  const first = sale?.fulfilments[0];
  if (sale && first && sale.Type === 'Simple Sale') return { sale, task: first };
  throw new Cin7HttpError(400, `Task with ID ${taskId} not found.`);
}

export function touch(engine: SandboxEngine, sale: SaleRecord): void {
  sale.updated = engine.now();
}

function assertNotVoided(sale: SaleRecord): void {
  if (sale.voided) throw new Cin7HttpError(400, `Sale ${sale.order.SaleOrderNumber} is voided.`);
}

/**
 * Allocates stock in the sale's location: lines asking for more than is available are silently backordered
 * (reference §5.3). Answers the products whose availability changed.
 */
function allocate(state: AccountState, sale: SaleRecord): string[] {
  const changed: string[] = [];
  for (const line of sale.order.Lines) {
    const product = state.productsById.get(line.ProductID);
    if (!product || product.Type === 'Service') continue;
    const taken = allocateStock(state, product.ID, sale.Location, line.Quantity);
    line.BackorderQuantity = round4(line.Quantity - taken);
    if (taken > 0) changed.push(product.ID);
  }
  return changed;
}

/** Gives back what the order had allocated (void, undo); answers the products whose availability changed. */
function release(state: AccountState, sale: SaleRecord): string[] {
  const changed: string[] = [];
  // Goods already shipped are gone: nothing of theirs is still allocated.
  if (sale.fulfilments.some((f) => f.ship.Status === 'AUTHORISED')) return changed;
  for (const line of sale.order.Lines) {
    const product = state.productsById.get(line.ProductID);
    const allocated = round4(line.Quantity - line.BackorderQuantity);
    if (product && product.Type !== 'Service' && allocated > 0) {
      releaseStock(state, product.ID, sale.Location, allocated);
      changed.push(product.ID);
    }
    line.BackorderQuantity = 0;
  }
  return changed;
}

function newTask(engine: SandboxEngine, number: number): FulfilmentRecord {
  return {
    TaskID: engine.newId(),
    FulfillmentNumber: number,
    pick: { Status: 'NOT AVAILABLE', Lines: [] },
    pack: { Status: 'NOT AVAILABLE', Lines: [] },
    ship: { Status: 'NOT AVAILABLE', RequireBy: null, ShippingNotes: '', Lines: [] },
  };
}

export function saveOrder(
  engine: SandboxEngine,
  state: AccountState,
  sale: SaleRecord,
  input: {
    memo: string;
    status: 'DRAFT' | 'AUTHORISED';
    mode: AutoPickPackShipMode;
    lines: SaleLineRecord[];
    charges: SaleRecord['order']['AdditionalCharges'];
  },
): void {
  assertNotVoided(sale);
  if (sale.order.Status !== 'DRAFT' && sale.order.Status !== 'NOT AVAILABLE') {
    throw new Cin7HttpError(
      400,
      `Sale order ${sale.order.SaleOrderNumber} is ${sale.order.Status} and cannot be changed.`,
    );
  }
  if (!sale.SkipQuote && sale.quote.Status !== 'AUTHORISED') {
    throw new Cin7HttpError(400, 'Sale quote must be authorised before the order can be saved.');
  }
  // POST overwrites the document's lines and charges (reference §5.1 "generic write rule").
  sale.order.Memo = input.memo;
  sale.order.Lines = input.lines;
  sale.order.AdditionalCharges = input.charges;
  sale.order.Status = input.status;
  touch(engine, sale);
  if (input.status !== 'AUTHORISED') return;

  applyAutomaticDiscounts(state, sale);
  emitStockChanged(engine, state, allocate(state, sale));
  sale.fulfilments = [newTask(engine, 1)];
  emitSaleEvent(engine, state, sale, 'Sale/OrderAuthorised');
  if (isBackordered(sale)) {
    emitSaleEvent(engine, state, sale, 'Sale/Backordered');
    return;
  }
  // AutoPickPackShipMode only applies to simple sales with nothing backordered (reference §5.4, BP L23248-23256).
  if (sale.Type !== 'Simple Sale' || input.mode === 'NOPICK') return;
  const task = sale.fulfilments[0];
  if (!task) return;
  pick(engine, state, sale, task, 'AUTHORISED', undefined);
  if (input.mode === 'AUTOPICK') return;
  pack(engine, sale, task, 'AUTHORISED', undefined);
  if (input.mode === 'AUTOPICKPACK') return;
  ship(engine, state, sale, task, { status: 'AUTHORISED', lines: undefined });
}

/**
 * `AutomaticallyApplyDiscounts` "apply discounts and deals on authorisation" (BP L4003), by `DiscountRule`
 * "amending the sale price ... or recalculating the discount %" (BP L4002). The sandbox's reading: the customer's
 * discount is applied to each line that carries less than it (`Discount`: the line's discount becomes the
 * customer's; `Price`: the price is cut and the line keeps no discount). A line already carrying the customer's
 * discount is left as sent, so a client that sends it cannot be discounted twice.
 */
function applyAutomaticDiscounts(state: AccountState, sale: SaleRecord): void {
  if (!state.me.AutomaticallyApplyDiscounts) return;
  const discount = state.customersById.get(sale.CustomerID)?.Discount ?? 0;
  if (discount <= 0) return;
  for (const line of sale.order.Lines) {
    if (line.Discount >= discount) continue;
    if (state.me.DiscountRule === 'Price') {
      if (line.Discount > 0) continue;
      line.Price = round4(line.Price * (1 - discount / 100));
    } else {
      line.Discount = discount;
    }
    line.Total = lineTotal(line.Quantity, line.Price, line.Discount);
    line.Tax = rowTax(state, sale, line.Total, line.TaxRule);
  }
}

function defaultFulfilmentLines(sale: SaleRecord): FulfilmentLineRecord[] {
  return sale.order.Lines.filter((l) => l.Quantity - l.BackorderQuantity > 0).map((l) => ({
    ProductID: l.ProductID,
    SKU: l.SKU,
    Name: l.Name,
    Location: sale.Location,
    Quantity: round4(l.Quantity - l.BackorderQuantity),
    Box: 'Box 1',
  }));
}

export function pick(
  engine: SandboxEngine,
  state: AccountState,
  sale: SaleRecord,
  task: FulfilmentRecord,
  status: 'DRAFT' | 'AUTHORISED',
  lines: FulfilmentLineRecord[] | undefined,
): void {
  assertNotVoided(sale);
  if (sale.order.Status !== 'AUTHORISED')
    throw new Cin7HttpError(400, 'Sale order must be authorised before picking.');
  if (task.pick.Status === 'AUTHORISED') throw new Cin7HttpError(400, 'Pick is already authorised.');
  task.pick = { Status: status, Lines: lines && lines.length > 0 ? lines : defaultFulfilmentLines(sale) };
  touch(engine, sale);
  if (status === 'AUTHORISED') emitSaleEvent(engine, state, sale, 'Sale/PickAuthorised');
}

export function pack(
  engine: SandboxEngine,
  sale: SaleRecord,
  task: FulfilmentRecord,
  status: 'DRAFT' | 'AUTHORISED',
  lines: FulfilmentLineRecord[] | undefined,
): void {
  assertNotVoided(sale);
  if (task.pick.Status !== 'AUTHORISED')
    throw new Cin7HttpError(400, 'Pick must be authorised before packing.');
  if (task.pack.Status === 'AUTHORISED') throw new Cin7HttpError(400, 'Pack is already authorised.');
  task.pack = {
    Status: status,
    Lines: lines && lines.length > 0 ? lines : task.pick.Lines.map((l) => ({ ...l })),
  };
  touch(engine, sale);
}

export interface ShipInput {
  status: 'DRAFT' | 'PARTIALLY AUTHORISED' | 'AUTHORISED';
  lines: Omit<ShipLineRecord, 'ID'>[] | undefined;
  requireBy?: string | null;
  notes?: string;
}

export function ship(
  engine: SandboxEngine,
  state: AccountState,
  sale: SaleRecord,
  task: FulfilmentRecord,
  input: ShipInput,
): void {
  assertNotVoided(sale);
  if (task.pack.Status !== 'AUTHORISED')
    throw new Cin7HttpError(400, 'Pack must be authorised before shipping.');
  if (task.ship.Status === 'AUTHORISED') throw new Cin7HttpError(400, 'Shipment is already authorised.');
  const boxes = [...new Set(task.pack.Lines.map((l) => l.Box || 'Box 1'))];
  const lines =
    input.lines && input.lines.length > 0
      ? input.lines
      : boxes.map((box) => ({
          ShipmentDate: formatDateOnly(engine.now()),
          Carrier: sale.Carrier,
          Boxes: box,
          TrackingNumber: '',
          TrackingURL: '',
          IsShipped: input.status === 'AUTHORISED',
        }));
  const before = trackingKey(task);
  task.ship = {
    Status: input.status,
    RequireBy: input.requireBy ?? task.ship.RequireBy,
    ShippingNotes: input.notes ?? task.ship.ShippingNotes,
    Lines: lines.map((l) => ({ ...l, ID: engine.newId() })),
  };
  touch(engine, sale);
  // A whole shipment authorised takes the goods out of stock (a partial one is the sandbox's blind spot).
  if (input.status === 'AUTHORISED') emitStockChanged(engine, state, shipOut(state, sale));
  if (input.status !== 'DRAFT')
    afterShipmentChange(engine, state, sale, task, before, input.status === 'AUTHORISED');
}

/**
 * PUT ship with AddTrackingNumbers: changes the tracking number and carrier of a shipped box (BP L24148); a box the
 * shipment does not hold yet (only the admin's warehouse adds one) is added.
 */
export function updateTracking(
  engine: SandboxEngine,
  state: AccountState,
  sale: SaleRecord,
  task: FulfilmentRecord,
  lines: Omit<ShipLineRecord, 'ID'>[],
): void {
  assertNotVoided(sale);
  const before = trackingKey(task);
  for (const line of lines) {
    const existing = task.ship.Lines.find((s) => s.Boxes === line.Boxes);
    if (!existing) task.ship.Lines.push({ ...line, ID: engine.newId() });
    else
      Object.assign(existing, {
        TrackingNumber: line.TrackingNumber,
        TrackingURL: line.TrackingURL,
        Carrier: line.Carrier,
      });
  }
  touch(engine, sale);
  afterShipmentChange(engine, state, sale, task, before, false);
}

/** The order's allocated quantities leave the sale's location; answers the products whose stock changed. */
function shipOut(state: AccountState, sale: SaleRecord): string[] {
  const changed: string[] = [];
  for (const line of sale.order.Lines) {
    const product = state.productsById.get(line.ProductID);
    const allocated = round4(line.Quantity - line.BackorderQuantity);
    if (!product || product.Type === 'Service' || allocated <= 0) continue;
    shipStock(state, product.ID, sale.Location, allocated);
    changed.push(product.ID);
  }
  return changed;
}

function trackingKey(task: FulfilmentRecord): string {
  return task.ship.Lines.map((l) => `${l.TrackingNumber}|${l.TrackingURL}|${l.Carrier}`).join(';');
}

function afterShipmentChange(
  engine: SandboxEngine,
  state: AccountState,
  sale: SaleRecord,
  task: FulfilmentRecord,
  trackingBefore: string,
  authorisedNow: boolean,
): void {
  if (authorisedNow) {
    const contact = state.customersById.get(sale.CustomerID)?.Contacts.find((c) => c.Default);
    // Webhook payloads carry UPPERCASE GUIDs (reference §2.5, BP L28004).
    engine.webhooks.emit(state, 'Sale/ShipmentAuthorised', {
      SaleTaskID: sale.ID.toUpperCase(),
      TenantID: state.account.accountId.toUpperCase(),
      OrderNumber: sale.order.SaleOrderNumber,
      CustomerName: sale.Customer,
      CustomerContactName: sale.Contact || contact?.Name || '',
      CustomerContactEmail: sale.Email || contact?.Email || '',
    });
  }
  if (trackingKey(task) !== trackingBefore && task.ship.Lines.some((l) => l.TrackingNumber)) {
    engine.webhooks.emit(state, 'Sale/ShipmentTrackingNumberChanged', {
      SaleID: sale.ID,
      TaskID: task.TaskID,
      SaleOrderNumber: sale.order.SaleOrderNumber,
      SaleOrderDate: formatTenantDate(sale.SaleOrderDate),
      CustomerName: sale.Customer,
      TaskTypeSign: 0,
      Shipments: task.ship.Lines.map((l) => ({
        ShipmentDate: formatTenantDate(
          Date.parse(`${l.ShipmentDate.slice(0, 10)}T00:00:00Z`) || engine.now(),
        ),
        TrackingNumber: l.TrackingNumber,
        TrackingUrl: l.TrackingURL,
        Carrier: l.Carrier,
      })),
    });
  }
}

export function emitSaleEvent(
  engine: SandboxEngine,
  state: AccountState,
  sale: SaleRecord,
  type: string,
): void {
  engine.webhooks.emit(state, type, {
    SaleID: sale.ID.toUpperCase(),
    SaleOrderNumber: sale.order.SaleOrderNumber,
  });
}

/** `DELETE /sale?ID&Void=true` voids; `Void=false` undoes the last authorised stage (semantics undocumented). */
export function voidOrUndo(
  engine: SandboxEngine,
  state: AccountState,
  sale: SaleRecord,
  voidIt: boolean,
): void {
  assertNotVoided(sale);
  if (voidIt) {
    if (sale.order.Status === 'AUTHORISED') emitStockChanged(engine, state, release(state, sale));
    sale.voided = true;
    if (sale.order.Status !== 'NOT AVAILABLE') sale.order.Status = 'VOIDED';
    touch(engine, sale);
    emitSaleEvent(engine, state, sale, 'Sale/Voided');
    return;
  }
  const task = sale.fulfilments[0];
  if (task && task.pick.Status !== 'NOT AVAILABLE') {
    task.pick = { Status: 'NOT AVAILABLE', Lines: [] };
    task.pack = { Status: 'NOT AVAILABLE', Lines: [] };
    task.ship = { Status: 'NOT AVAILABLE', RequireBy: null, ShippingNotes: '', Lines: [] };
  } else if (sale.order.Status === 'AUTHORISED') {
    emitStockChanged(engine, state, release(state, sale));
    sale.order.Status = 'DRAFT';
    sale.fulfilments = [];
  } else {
    throw new Cin7HttpError(400, 'Nothing to undo.');
  }
  touch(engine, sale);
  emitSaleEvent(engine, state, sale, 'Sale/Undo');
}

export function lineTotal(quantity: number, price: number, discount: number): number {
  return round4(quantity * price * (1 - discount / 100));
}

export { deriveStatus, orderTotals };
