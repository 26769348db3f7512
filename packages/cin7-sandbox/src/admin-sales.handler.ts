import { AdminError, type AdminRequest, type AdminRoute, accountParam, num, text } from './admin.handler.js';
import { Cin7HttpError } from './http-kit.js';
import { findSale, lineTotal, pack, pick, ship, touch, updateTracking, voidOrUndo } from './sale.machine.js';
import { renderSale } from './sale.render.js';
import { rowTax } from './sale-money.js';
import type { AccountState, SaleRecord } from './store.types.js';
import { formatDateOnly } from './wire-format.js';

/** Sale admin routes under /admin/accounts/:account/sales[/:id[/ship|void|lines]]. */
export const adminSaleRoutes: AdminRoute = (req) => {
  const [first, accountRef, third, saleId, action] = req.segments;
  if (first !== 'accounts' || third !== 'sales') return undefined;
  const state = accountParam(req.engine, accountRef);
  if (!saleId && req.method === 'GET') return { sales: state.sales.map((s) => renderSale(state, s)) };
  if (!saleId) return undefined;
  const sale = wrap(() => findSale(state, saleId), 404);
  if (!action && req.method === 'GET') return renderSale(state, sale);
  if (req.method !== 'POST') return undefined;
  switch (action) {
    case 'ship':
      return wrap(() => shipSale(req, state, sale));
    case 'void':
      wrap(() => voidOrUndo(req.engine, state, sale, true));
      return renderSale(state, sale);
    case 'lines':
      return editLines(req, state, sale);
    default:
      return undefined;
  }
};

function wrap<T>(fn: () => T, status = 409): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Cin7HttpError) throw new AdminError(status, err.message);
    throw err;
  }
}

/** What a warehouse does in Cin7: pick, pack and ship whatever is not done yet, with the given tracking. */
function shipSale(req: AdminRequest, state: AccountState, sale: SaleRecord) {
  const { engine, body } = req;
  const task = sale.fulfilments[0];
  if (!task) throw new AdminError(409, `Sale ${sale.order.SaleOrderNumber} has no authorised order to ship.`);
  const trackingNumber = text(body, 'trackingNumber') ?? '';
  const trackingUrl = text(body, 'trackingUrl');
  const carrier = text(body, 'carrier') ?? (sale.Carrier || state.carriers[0]?.Description || '');
  const partial = body.partial === true;
  const line = {
    ShipmentDate: formatDateOnly(engine.now()),
    Carrier: carrier,
    Boxes: 'Box 1',
    TrackingNumber: trackingNumber,
    TrackingURL:
      trackingUrl ??
      (trackingNumber
        ? `https://tracking.example/${encodeURIComponent(carrier)}/${encodeURIComponent(trackingNumber)}`
        : ''),
    IsShipped: true,
  };
  if (task.ship.Status === 'AUTHORISED') {
    updateTracking(engine, state, sale, task, [line]);
    return renderSale(state, sale);
  }
  if (task.pick.Status !== 'AUTHORISED') pick(engine, state, sale, task, 'AUTHORISED', undefined);
  if (task.pack.Status !== 'AUTHORISED') {
    // A partial shipment needs a second box to leave unshipped.
    const lines = partial
      ? task.pick.Lines.map((l, i) => ({ ...l, Box: i === 0 ? 'Box 1' : 'Box 2' }))
      : undefined;
    pack(engine, sale, task, 'AUTHORISED', lines);
  }
  const rest = partial
    ? [{ ...line, Boxes: 'Box 2', TrackingNumber: '', TrackingURL: '', IsShipped: false }]
    : [];
  ship(engine, state, sale, task, {
    status: partial ? 'PARTIALLY AUTHORISED' : 'AUTHORISED',
    lines: [line, ...rest],
  });
  return renderSale(state, sale);
}

/** Drift: change quantities/prices on the order behind the integration's back; totals follow. */
function editLines(req: AdminRequest, state: AccountState, sale: SaleRecord) {
  const edits = req.body.lines;
  if (!Array.isArray(edits)) throw new AdminError(400, 'lines must be an array');
  for (const raw of edits) {
    if (!raw || typeof raw !== 'object') throw new AdminError(400, 'each line must be an object');
    const edit = raw as Record<string, unknown>;
    const sku = text(edit, 'sku');
    const productId = text(edit, 'productId');
    let line = sale.order.Lines.find(
      (l) =>
        (sku && l.SKU.toLowerCase() === sku.toLowerCase()) ||
        (productId && l.ProductID.toLowerCase() === productId.toLowerCase()),
    );
    if (!line) {
      const product = state.products.find(
        (p) =>
          (sku && p.SKU.toLowerCase() === sku.toLowerCase()) ||
          (productId && p.ID.toLowerCase() === productId.toLowerCase()),
      );
      if (!product) throw new AdminError(404, `Unknown product ${sku ?? productId ?? ''}`);
      line = {
        ProductID: product.ID,
        SKU: product.SKU,
        Name: product.Name,
        Quantity: 0,
        Price: product.prices[0] ?? 0,
        Discount: 0,
        Tax: 0,
        TaxRule: sale.TaxRule,
        Total: 0,
        Comment: '',
        BackorderQuantity: 0,
      };
      sale.order.Lines.push(line);
    }
    line.Quantity = num(edit, 'quantity') ?? line.Quantity;
    line.Price = num(edit, 'price') ?? line.Price;
    line.Discount = num(edit, 'discount') ?? line.Discount;
    line.Total = lineTotal(line.Quantity, line.Price, line.Discount);
    line.Tax = rowTax(state, sale, line.Total, line.TaxRule);
  }
  sale.order.Lines = sale.order.Lines.filter((l) => l.Quantity > 0);
  touch(req.engine, sale);
  return renderSale(state, sale);
}
