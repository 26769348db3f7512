import type { SandboxEngine } from './sandbox-engine.js';
import { SEED_EPOCH } from './seed-reference.js';
import type { AccountState, ProductRecord, StockRowRecord } from './store.types.js';
import { formatDateOnly, round4 } from './wire-format.js';

/**
 * The sandbox's stock: rows per product, location, bin and batch, as `ref/productavailability` lists them
 * (BP L6118-6139). Sales move them the way Cin7 does: authorising an order allocates (`Allocated` up, `Available`
 * down), shipping it takes the goods out (`OnHand` and `Allocated` down), voiding or undoing releases what was
 * allocated; purchases arrive through the admin API. Every change emits `Stock/AvailableStockLevelChanged`
 * (BP L27990, payload L28465-28519).
 */

export const STOCK_WEBHOOK_TYPE = 'Stock/AvailableStockLevelChanged';

const DAY_MS = 24 * 60 * 60_000;

export function availableOf(row: StockRowRecord): number {
  return round4(row.OnHand - row.Allocated);
}

/**
 * Seeds a product's rows from one figure, `onHand` in the default location (null: never stocked, no rows). The
 * shape varies with the product's position so every seed has what integrations meet: stock split over bins (every
 * 5th from the 2nd), over batches with expiry dates (every 7th from the 3rd), goods on order with a next delivery date
 * (every 4th from the 4th), and a few in the second location (5 to 29, so a sale there is not backordered). Service
 * products have no stock.
 */
export function seedStock(
  state: AccountState,
  product: ProductRecord,
  index: number,
  onHand: number | null,
): void {
  if (product.Type === 'Service' || onHand === null) return;
  const main = state.locations.find((l) => l.IsDefault) ?? state.locations[0];
  const other = state.locations.find((l) => l !== main && !l.IsDeprecated);
  if (!main) return;
  const row = (over: Partial<StockRowRecord>): StockRowRecord => ({
    ProductID: product.ID,
    Location: main.Name,
    Bin: null,
    Batch: null,
    ExpiryDate: null,
    OnHand: 0,
    Allocated: 0,
    OnOrder: 0,
    InTransit: 0,
    NextDeliveryDate: null,
    ...over,
  });
  const half = Math.floor(onHand / 2);
  const rows: StockRowRecord[] =
    index % 5 === 1
      ? [row({ Bin: 'Bin A', OnHand: onHand - half }), row({ Bin: 'Bin B', OnHand: half })]
      : index % 7 === 2
        ? [
            row({ Batch: `LOT-${index}-1`, ExpiryDate: SEED_EPOCH + 180 * DAY_MS, OnHand: onHand - half }),
            row({ Batch: `LOT-${index}-2`, ExpiryDate: SEED_EPOCH + 365 * DAY_MS, OnHand: half }),
          ]
        : [row({ OnHand: onHand })];
  const first = rows[0];
  if (first && index % 4 === 3) {
    first.OnOrder = 24;
    first.NextDeliveryDate = SEED_EPOCH + (5 + (index % 20)) * DAY_MS;
  }
  if (other) rows.push(row({ Location: other.Name, OnHand: 5 + ((index * 7) % 25) }));
  state.stock.push(...rows);
}

function rowsAt(state: AccountState, productId: string, location: string): StockRowRecord[] {
  const name = location.toLowerCase();
  return state.stock.filter((r) => r.ProductID === productId && r.Location.toLowerCase() === name);
}

/** What a sale line can take in a location: the sum of `Available` over its bins and batches. */
export function availableAt(state: AccountState, productId: string, location: string): number {
  return round4(rowsAt(state, productId, location).reduce((sum, r) => sum + Math.max(0, availableOf(r)), 0));
}

/** Allocates up to `quantity` in the location, row by row; answers what was allocated (the rest is backordered). */
export function allocateStock(
  state: AccountState,
  productId: string,
  location: string,
  quantity: number,
): number {
  let left = quantity;
  for (const row of rowsAt(state, productId, location)) {
    const take = Math.min(Math.max(0, availableOf(row)), left);
    row.Allocated = round4(row.Allocated + take);
    left = round4(left - take);
    if (left <= 0) break;
  }
  return round4(quantity - left);
}

/** Gives back up to `quantity` of what was allocated in the location (void, undo). */
export function releaseStock(
  state: AccountState,
  productId: string,
  location: string,
  quantity: number,
): void {
  let left = quantity;
  for (const row of rowsAt(state, productId, location).reverse()) {
    const give = Math.min(row.Allocated, left);
    row.Allocated = round4(row.Allocated - give);
    left = round4(left - give);
    if (left <= 0) break;
  }
}

/** Goods leave the warehouse: what was allocated for them goes, and so does the stock on hand. */
export function shipStock(state: AccountState, productId: string, location: string, quantity: number): void {
  let left = quantity;
  for (const row of rowsAt(state, productId, location)) {
    const out = Math.min(row.Allocated, left);
    row.Allocated = round4(row.Allocated - out);
    row.OnHand = round4(row.OnHand - out);
    left = round4(left - out);
    if (left <= 0) break;
  }
}

export interface StockChange {
  productId: string;
  location: string;
  quantity: number;
  bin?: string | null;
  batch?: string | null;
  /** Only for `orderStock`: when the purchase is expected (epoch ms). */
  nextDeliveryDate?: number;
}

function rowFor(state: AccountState, change: StockChange): StockRowRecord {
  const bin = change.bin ?? null;
  const batch = change.batch ?? null;
  const found = rowsAt(state, change.productId, change.location).find(
    (r) => r.Bin === bin && r.Batch === batch,
  );
  if (found) return found;
  const row: StockRowRecord = {
    ProductID: change.productId,
    Location: change.location,
    Bin: bin,
    Batch: batch,
    ExpiryDate: null,
    OnHand: 0,
    Allocated: 0,
    OnOrder: 0,
    InTransit: 0,
    NextDeliveryDate: null,
  };
  state.stock.push(row);
  return row;
}

/** A purchase is ordered from a supplier: `OnOrder` up, the next delivery date set. */
export function orderStock(state: AccountState, change: StockChange): StockRowRecord {
  const row = rowFor(state, change);
  row.OnOrder = round4(row.OnOrder + change.quantity);
  if (change.nextDeliveryDate !== undefined) row.NextDeliveryDate = change.nextDeliveryDate;
  return row;
}

/** A purchase arrives (stock received): `OnHand` up; what was on order in the location comes down by as much. */
export function receiveStock(state: AccountState, change: StockChange): StockRowRecord {
  const row = rowFor(state, change);
  row.OnHand = round4(row.OnHand + change.quantity);
  let left = change.quantity;
  for (const r of rowsAt(state, change.productId, change.location)) {
    const arrived = Math.min(r.OnOrder, left);
    r.OnOrder = round4(r.OnOrder - arrived);
    if (r.OnOrder === 0) r.NextDeliveryDate = null;
    left = round4(left - arrived);
  }
  return row;
}

/** A row as `GET ref/productavailability` renders it (BP L6121-6139, example L6174-6190). */
export function renderAvailability(state: AccountState, row: StockRowRecord): Record<string, unknown> {
  const product = state.productsById.get(row.ProductID);
  return {
    ID: row.ProductID,
    SKU: product?.SKU ?? '',
    Name: product?.Name ?? '',
    Barcode: product?.Barcode || null,
    Location: row.Location,
    Bin: row.Bin,
    Batch: row.Batch,
    ExpiryDate: row.ExpiryDate === null ? null : formatDateOnly(row.ExpiryDate),
    OnHand: row.OnHand,
    Allocated: row.Allocated,
    Available: availableOf(row),
    OnOrder: row.OnOrder,
    // Stock value at cost: the BP example's 2485 for 497 on hand (L28483) is 5 a unit.
    StockOnHand: round4(row.OnHand * (product?.AverageCost ?? 0)),
    InTransit: row.InTransit,
    NextDeliveryDate: row.NextDeliveryDate === null ? null : formatDateOnly(row.NextDeliveryDate),
  };
}

/**
 * `Stock/AvailableStockLevelChanged`: a bare array of the changed product's rows in the webhook's own shape (BP
 * L28465-28519: with `Category` and `MaxRows`, without `InTransit` and `NextDeliveryDate`). The sandbox's reading of
 * `MaxRows`: how many rows the product has, so a receiver can tell a payload cut at `stockWebhookRowCap` rows from a
 * complete one. One delivery per product changed, so the two readings (rows in the payload, rows of the product)
 * agree whenever nothing was cut.
 */
export function emitStockChanged(
  engine: SandboxEngine,
  state: AccountState,
  productIds: Iterable<string>,
): void {
  for (const productId of new Set(productIds)) {
    const product = state.productsById.get(productId);
    if (!product || product.Type === 'Service') continue;
    const rows = state.stock.filter((r) => r.ProductID === productId);
    const payload = rows.slice(0, engine.config.stockWebhookRowCap).map((row) => {
      const { InTransit: _inTransit, NextDeliveryDate: _next, ...rest } = renderAvailability(state, row);
      return { ...rest, Category: product.Category, MaxRows: rows.length };
    });
    if (payload.length > 0) engine.webhooks.emit(state, STOCK_WEBHOOK_TYPE, payload);
  }
}
