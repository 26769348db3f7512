import { AdminError, type AdminRoute, accountParam, num, text } from './admin.handler.js';
import {
  emitStockChanged,
  orderStock,
  receiveStock,
  renderAvailability,
  type StockChange,
} from './stock.model.js';
import type { AccountState } from './store.types.js';
import { parseCin7Date } from './wire-format.js';

/**
 * Stock admin routes under /admin/accounts/:account/stock: what a warehouse does in Cin7 besides sales.
 * `GET stock?sku=` lists rows as `ref/productavailability` renders them; `POST stock/order` records a purchase on
 * order (`OnOrder`, `NextDeliveryDate`); `POST stock/receive` records it arriving (`OnHand` up). Both emit
 * `Stock/AvailableStockLevelChanged`. Body: `{ sku | productId, quantity, location?, bin?, batch?, nextDeliveryDate? }`
 * (location defaults to the default location).
 */
export const adminStockRoutes: AdminRoute = (req) => {
  const [first, accountRef, third, action] = req.segments;
  if (first !== 'accounts' || third !== 'stock') return undefined;
  const state = accountParam(req.engine, accountRef);
  if (req.method === 'GET' && !action) {
    const sku = req.query.get('sku')?.toLowerCase();
    const product = sku ? state.products.find((p) => p.SKU.toLowerCase() === sku) : undefined;
    if (sku && !product) throw new AdminError(404, `Unknown product ${sku}`);
    const rows = product ? state.stock.filter((r) => r.ProductID === product.ID) : state.stock;
    return { rows: rows.map((r) => renderAvailability(state, r)) };
  }
  if (req.method !== 'POST' || (action !== 'order' && action !== 'receive')) return undefined;
  const change = stockChange(state, req.body, action === 'order');
  const row = action === 'order' ? orderStock(state, change) : receiveStock(state, change);
  emitStockChanged(req.engine, state, [change.productId]);
  return renderAvailability(state, row);
};

function stockChange(state: AccountState, body: Record<string, unknown>, ordering: boolean): StockChange {
  const ref = (text(body, 'productId') ?? text(body, 'sku'))?.toLowerCase();
  const product = state.products.find((p) => p.ID.toLowerCase() === ref || p.SKU.toLowerCase() === ref);
  if (!product) throw new AdminError(404, `Unknown product ${ref ?? '(give sku or productId)'}`);
  if (product.Type === 'Service') throw new AdminError(400, `${product.SKU} is a service: it has no stock`);
  const quantity = num(body, 'quantity');
  if (quantity === undefined || quantity <= 0)
    throw new AdminError(400, 'quantity must be a positive number');
  const locationName = text(body, 'location');
  const location = locationName
    ? state.locations.find((l) => l.Name.toLowerCase() === locationName.toLowerCase())
    : (state.locations.find((l) => l.IsDefault) ?? state.locations[0]);
  if (!location) throw new AdminError(404, `Unknown location ${locationName ?? ''}`);
  const when = text(body, 'nextDeliveryDate');
  const nextDeliveryDate = when === undefined ? undefined : parseCin7Date(when);
  if (when !== undefined && nextDeliveryDate === undefined)
    throw new AdminError(400, 'nextDeliveryDate must be a date (yyyy-MM-dd)');
  if (ordering && nextDeliveryDate === undefined)
    throw new AdminError(400, 'nextDeliveryDate is required for a purchase on order');
  return {
    productId: product.ID,
    location: location.Name,
    quantity,
    bin: text(body, 'bin') ?? null,
    batch: text(body, 'batch') ?? null,
    ...(nextDeliveryDate === undefined ? {} : { nextDeliveryDate }),
  };
}
