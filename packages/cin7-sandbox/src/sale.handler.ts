import type { ApiContext, ApiHandler } from './api-context.js';
import { Cin7HttpError, Fields, paginate, sameId } from './http-kit.js';
import {
  type AutoPickPackShipMode,
  findSale,
  findTask,
  lineTotal,
  pack,
  pick,
  type ShipInput,
  saveOrder,
  ship,
  touch,
  updateTracking,
  voidOrUndo,
} from './sale.machine.js';
import { renderOrder, renderSale, renderSaleListRow } from './sale.render.js';
import { checkOrderTotals, checkRowTax, rowTax, taxRuleNamed } from './sale-money.js';
import type {
  AdditionalChargeRecord,
  FulfilmentLineRecord,
  FulfilmentRecord,
  SaleAddress,
  SaleLineRecord,
  SaleRecord,
  ShipLineRecord,
} from './store.types.js';
import { parseCin7Date, round4 } from './wire-format.js';

/** Sales endpoints (reference §5). Validation messages are Cin7-style English sentences. */

function required(value: string | undefined, name: string): string {
  if (!value) throw new Cin7HttpError(400, `Required attribute ${name} is not provided.`);
  return value;
}

function requiredNumber(f: Fields, name: string, label: string): number {
  const value = f.num(name);
  if (value === undefined) throw new Cin7HttpError(400, `Required attribute ${label} is not provided.`);
  return value;
}

/**
 * A text attribute within its Blueprint length: refused, never cut, when longer (as Cin7 answered a 1,549-character
 * ShippingNotes: "ShippingNotes is too long").
 */
function text(f: Fields, name: string, max: number, label = name): string | undefined {
  const value = f.str(name);
  if (value !== undefined && value.length > max) {
    throw new Cin7HttpError(400, `${label} is too long (${value.length} characters; at most ${max}).`);
  }
  return value;
}

/** Sale POST/PUT text limits (BP L20771-20794). */
const HEADER_LIMITS = {
  Customer: 256,
  Contact: 256,
  Phone: 50,
  Email: 256,
  DefaultAccount: 50,
  ShippingNotes: 1024,
  TaxRule: 50,
  Terms: 256,
  PriceTier: 50,
  Location: 256,
  Note: 1024,
  CustomerReference: 256,
  SalesRepresentative: 256,
  Carrier: 256,
  ExternalID: 256,
  SaleType: 50,
} as const;

/** Address Model and Sale Shipping Address Model limits (BP L30514-30542). */
const ADDRESS_LIMITS = {
  Line1: 256,
  Line2: 256,
  City: 256,
  State: 256,
  Postcode: 20,
  Country: 256,
  Company: 128,
  Contact: 512,
} as const;

function dateField(f: Fields, name: string): number | undefined {
  const raw = f.str(name);
  if (raw === undefined) return undefined;
  const ms = parseCin7Date(raw);
  if (ms === undefined) throw new Cin7HttpError(400, `Attribute ${name} is not a valid date.`);
  return ms;
}

function address(f: Fields | undefined, name: string): SaleAddress | null {
  if (!f) return null;
  for (const [field, max] of Object.entries(ADDRESS_LIMITS)) text(f, field, max, `${name}.${field}`);
  return {
    Line1: f.str('Line1') ?? '',
    Line2: f.str('Line2') ?? '',
    City: f.str('City') ?? '',
    State: f.str('State') ?? '',
    Postcode: f.str('Postcode') ?? '',
    Country: f.str('Country') ?? '',
    ...(f.has('Company') ? { Company: f.str('Company') ?? '' } : {}),
    ...(f.has('Contact') ? { Contact: f.str('Contact') ?? '' } : {}),
    ...(f.has('ShipToOther') ? { ShipToOther: f.bool('ShipToOther') ?? false } : {}),
  };
}

function applyHeader(ctx: ApiContext, sale: SaleRecord, f: Fields, creating: boolean): void {
  const { state } = ctx;
  for (const [name, max] of Object.entries(HEADER_LIMITS)) text(f, name, max);
  const customerId = f.str('CustomerID');
  const customerName = f.str('Customer');
  let customer = state.customersById.get(sale.CustomerID);
  if (creating || customerId || customerName) {
    if (customerId) {
      customer = state.customers.find((c) => sameId(c.ID, customerId));
      if (!customer) throw new Cin7HttpError(400, `Customer with ID ${customerId} not found.`);
    } else if (customerName) {
      customer = state.customers.find((c) => c.Name.toLowerCase() === customerName.toLowerCase());
      if (!customer) throw new Cin7HttpError(400, `Customer with name '${customerName}' not found.`);
    } else {
      throw new Cin7HttpError(400, 'Required attribute Customer or CustomerID is not provided.');
    }
  }
  if (!customer) throw new Cin7HttpError(400, 'Customer not found.');

  const locationName = creating
    ? required(f.str('Location'), 'Location')
    : (f.str('Location') ?? sale.Location);
  const location = state.locations.find((l) => l.Name.toLowerCase() === locationName.toLowerCase());
  if (!location) throw new Cin7HttpError(400, `Location '${locationName}' not found.`);

  // TaxRule, Terms and PriceTier default to the customer's (reference §5.2, H2).
  const taxRule = taxRuleNamed(state, f.str('TaxRule') ?? (creating ? customer.TaxRule : sale.TaxRule));
  const tier = f.str('PriceTier') ?? (creating ? customer.PriceTier : sale.PriceTier);
  if (!state.priceTierNames.some((n) => n.toLowerCase() === tier.toLowerCase())) {
    throw new Cin7HttpError(400, `Price tier '${tier}' not found.`);
  }
  const terms = f.str('Terms') ?? (creating ? customer.PaymentTerm : sale.Terms);
  if (!state.paymentTerms.some((t) => t.Name.toLowerCase() === terms.toLowerCase())) {
    throw new Cin7HttpError(400, `Payment term '${terms}' not found.`);
  }

  const base = state.me.Currency;
  const rate = f.num('CurrencyRate');
  if (customer.Currency !== base && (rate === undefined || rate <= 0)) {
    throw new Cin7HttpError(
      400,
      `CurrencyRate is required because customer currency ${customer.Currency} differs from base currency ${base}.`,
    );
  }
  const defaultContact = customer.Contacts.find((c) => c.Default) ?? customer.Contacts[0];
  const defaultAddress = (type: 'Billing' | 'Shipping'): SaleAddress | null => {
    const a =
      customer.Addresses.find((x) => x.Type === type && x.DefaultForType) ??
      customer.Addresses.find((x) => x.Type === type);
    return a
      ? {
          Line1: a.Line1,
          Line2: a.Line2,
          City: a.City,
          State: a.State,
          Postcode: a.Postcode,
          Country: a.Country,
        }
      : null;
  };

  sale.CustomerID = customer.ID;
  sale.Customer = customer.Name;
  sale.CustomerCurrency = customer.Currency;
  sale.BaseCurrency = base;
  sale.CurrencyRate = customer.Currency === base ? 1 : round5(rate ?? sale.CurrencyRate);
  sale.Location = location.Name;
  sale.LocationID = location.ID;
  sale.TaxRule = taxRule.Name;
  sale.PriceTier = tier;
  sale.Terms = terms;
  sale.Contact = f.str('Contact') ?? (creating ? (defaultContact?.Name ?? '') : sale.Contact);
  sale.Email = f.str('Email') ?? (creating ? (defaultContact?.Email ?? '') : sale.Email);
  sale.Phone = f.str('Phone') ?? (creating ? (defaultContact?.Phone ?? '') : sale.Phone);
  sale.BillingAddress =
    address(f.obj('BillingAddress'), 'BillingAddress') ??
    (creating ? defaultAddress('Billing') : sale.BillingAddress);
  sale.ShippingAddress =
    address(f.obj('ShippingAddress'), 'ShippingAddress') ??
    (creating ? defaultAddress('Shipping') : sale.ShippingAddress);
  sale.ShippingNotes = f.str('ShippingNotes') ?? sale.ShippingNotes;
  // Absent on POST, a sale is tax inclusive when its tax rule is (the sandbox's reading of BP L20782, L27431).
  sale.TaxInclusive = f.bool('TaxInclusive') ?? (creating ? taxRule.TaxInclusive : sale.TaxInclusive);
  sale.ShipBy = dateField(f, 'ShipBy') ?? sale.ShipBy;
  sale.SaleOrderDate = dateField(f, 'SaleOrderDate') ?? sale.SaleOrderDate;
  sale.Note = f.str('Note') ?? sale.Note;
  sale.CustomerReference = f.str('CustomerReference') ?? sale.CustomerReference;
  sale.Carrier = f.str('Carrier') ?? (creating ? customer.Carrier : sale.Carrier);
  // With no SalesRepresentative on the sale, Cin7 is presumed to take the customer's (reference §7, unverified).
  sale.SalesRepresentative =
    f.str('SalesRepresentative') || (creating ? customer.SalesRepresentative : sale.SalesRepresentative);
  sale.ExternalID = f.str('ExternalID') ?? sale.ExternalID;
}

function round5(n: number): number {
  return Math.round(n * 100000) / 100000;
}

export const postSale: ApiHandler = (ctx) => {
  const f = Fields.from(ctx.body);
  const { engine, state } = ctx;
  const now = engine.now();
  const skipQuote = f.bool('SkipQuote') ?? false;
  const saleType = (f.str('SaleType') ?? 'Simple').toLowerCase();
  if (saleType !== 'simple' && saleType !== 'advanced')
    throw new Cin7HttpError(400, `SaleType '${f.str('SaleType')}' is not valid.`);
  const sale: SaleRecord = {
    ID: engine.newId(),
    CustomerID: '',
    Customer: '',
    Contact: '',
    Phone: '',
    Email: '',
    SkipQuote: skipQuote,
    BillingAddress: null,
    ShippingAddress: null,
    ShippingNotes: '',
    BaseCurrency: state.me.Currency,
    CustomerCurrency: state.me.Currency,
    TaxRule: '',
    TaxInclusive: false,
    Terms: '',
    PriceTier: '',
    ShipBy: null,
    Location: '',
    LocationID: '',
    SaleOrderDate: Date.parse(`${new Date(now).toISOString().slice(0, 10)}T00:00:00Z`),
    Note: '',
    CustomerReference: '',
    SalesRepresentative: '',
    Carrier: '',
    CurrencyRate: 1,
    ExternalID: null,
    Type: saleType === 'advanced' ? 'Advanced Sale' : 'Simple Sale',
    created: now,
    updated: now,
    voided: false,
    quote: { Status: skipQuote ? 'NOT AVAILABLE' : 'DRAFT', Memo: '', Lines: [] },
    order: { SaleOrderNumber: '', Memo: '', Status: 'NOT AVAILABLE', Lines: [], AdditionalCharges: [] },
    fulfilments: [],
  };
  applyHeader(ctx, sale, f, true);
  sale.order.SaleOrderNumber = `SO-${String(state.nextOrderNumber++).padStart(5, '0')}`;
  state.sales.push(sale);
  state.salesById.set(sale.ID.toLowerCase(), sale);
  return renderSale(state, sale);
};

export const putSale: ApiHandler = (ctx) => {
  const f = Fields.from(ctx.body);
  const sale = findSale(ctx.state, f.str('ID'));
  if (sale.voided) throw new Cin7HttpError(400, 'Sale is voided.');
  applyHeader(ctx, sale, f, false);
  touch(ctx.engine, sale);
  return renderSale(ctx.state, sale);
};

export const getSale: ApiHandler = (ctx) => renderSale(ctx.state, findSale(ctx.state, ctx.query.str('ID')));

export const deleteSale: ApiHandler = (ctx) => {
  const sale = findSale(ctx.state, ctx.query.str('ID'));
  voidOrUndo(ctx.engine, ctx.state, sale, ctx.query.bool('Void'));
  return renderSale(ctx.state, sale);
};

/** Sale quote/order lines (BP L30586-30600, L30627-30642): Tax and TaxRule required, Quantity at least 1. */
function parseLines(ctx: ApiContext, sale: SaleRecord, items: Fields[]): SaleLineRecord[] {
  const { state, engine } = ctx;
  return items.map((l, i) => {
    const what = `Line ${i + 1}`;
    const productId = l.str('ProductID');
    const sku = text(l, 'SKU', 50, `${what}: SKU`);
    const product = productId
      ? state.products.find((p) => sameId(p.ID, productId))
      : sku
        ? state.products.find((p) => p.SKU.toLowerCase() === sku.toLowerCase())
        : undefined;
    if (!productId && !sku)
      throw new Cin7HttpError(400, `${what}: Required attribute ProductID or SKU is not provided.`);
    if (!product) throw new Cin7HttpError(400, `Product ${productId ?? sku} not found.`);
    const name = required(text(l, 'Name', 1024, `${what}: Name`), `Lines[${i}].Name`);
    const comment = text(l, 'Comment', 256, `${what}: Comment`);
    const quantity = requiredNumber(l, 'Quantity', `Lines[${i}].Quantity`);
    // "Minimal value is 1." (BP L30631)
    if (quantity < 1) throw new Cin7HttpError(400, `${what}: Quantity must be at least 1.`);
    const price = requiredNumber(l, 'Price', `Lines[${i}].Price`);
    if (price < 0) throw new Cin7HttpError(400, `${what}: Price cannot be negative.`);
    const discount = l.num('Discount') ?? 0;
    if (discount < 0 || discount > 100)
      throw new Cin7HttpError(400, `${what}: Discount must be between 0 and 100.`);
    const tax = requiredNumber(l, 'Tax', `Lines[${i}].Tax`); // BP L30634
    const rule = taxRuleNamed(
      state,
      required(text(l, 'TaxRule', 50, `${what}: TaxRule`), `Lines[${i}].TaxRule`), // BP L30636
    );
    const expected = lineTotal(quantity, price, discount);
    const total = l.num('Total') ?? expected;
    const { validateLineTotals, lineTotalTolerance } = engine.config;
    if (validateLineTotals && Math.abs(total - expected) > lineTotalTolerance + 1e-9) {
      throw new Cin7HttpError(
        400,
        `${what} (${product.SKU}): Total ${total} does not match Quantity * Price less Discount (${expected}).`,
      );
    }
    const row = { Total: round4(total), Tax: round4(tax), TaxRule: rule.Name };
    checkRowTax(state, sale, `${what} (${product.SKU})`, row);
    return {
      ProductID: product.ID,
      SKU: product.SKU,
      Name: name,
      Quantity: round4(quantity),
      Price: round4(price),
      Discount: Math.round(discount * 100) / 100,
      // Cin7 keeps its own rounding of the row's tax (the sent value was checked against it above).
      Tax: rowTax(state, sale, row.Total, rule.Name),
      TaxRule: rule.Name,
      Total: row.Total,
      Comment: comment ?? '',
      BackorderQuantity: 0,
    };
  });
}

/**
 * Additional charges (BP L30706-30716): Description is the "Name of Service Product referenced by this Line", so
 * it must name an active service product; Price, Quantity (at least 1), Tax and TaxRule are required.
 */
function parseCharges(ctx: ApiContext, sale: SaleRecord, items: Fields[]): AdditionalChargeRecord[] {
  const { state } = ctx;
  return items.map((c, i) => {
    const what = `Additional charge ${i + 1}`;
    const description = required(
      text(c, 'Description', 256, `${what}: Description`),
      `AdditionalCharges[${i}].Description`,
    );
    const service = state.products.find(
      (p) =>
        p.Type === 'Service' && p.Status === 'Active' && p.Name.toLowerCase() === description.toLowerCase(),
    );
    if (!service) throw new Cin7HttpError(400, `${what}: Service product '${description}' not found.`);
    const comment = text(c, 'Comment', 1024, `${what}: Comment`);
    const quantity = requiredNumber(c, 'Quantity', `AdditionalCharges[${i}].Quantity`);
    if (quantity < 1) throw new Cin7HttpError(400, `${what}: Quantity must be at least 1.`);
    const price = requiredNumber(c, 'Price', `AdditionalCharges[${i}].Price`);
    const discount = c.num('Discount') ?? 0;
    if (discount < 0 || discount > 100)
      throw new Cin7HttpError(400, `${what}: Discount must be between 0 and 100.`);
    const tax = requiredNumber(c, 'Tax', `AdditionalCharges[${i}].Tax`);
    const rule = taxRuleNamed(
      state,
      required(text(c, 'TaxRule', 50, `${what}: TaxRule`), `AdditionalCharges[${i}].TaxRule`),
    );
    const expected = lineTotal(quantity, price, discount);
    const total = c.num('Total') ?? expected;
    if (
      ctx.engine.config.validateLineTotals &&
      Math.abs(total - expected) > ctx.engine.config.lineTotalTolerance + 1e-9
    ) {
      throw new Cin7HttpError(
        400,
        `${what}: Total ${total} does not match Quantity * Price less Discount (${expected}).`,
      );
    }
    const row = { Total: round4(total), Tax: round4(tax), TaxRule: rule.Name };
    checkRowTax(state, sale, what, row);
    return {
      Description: service.Name,
      Quantity: round4(quantity),
      Price: round4(price),
      Discount: discount,
      Tax: rowTax(state, sale, row.Total, rule.Name),
      TaxRule: rule.Name,
      Total: row.Total,
      Comment: comment ?? '',
    };
  });
}

/** Memo (required, 1,024) and the order totals (required) of a quote or order (BP L30618-30624, L30555-30563). */
function documentMoney(
  ctx: ApiContext,
  sale: SaleRecord,
  f: Fields,
  rows: SaleLineRecord[],
  charges: AdditionalChargeRecord[],
) {
  if (!f.has('Memo')) throw new Cin7HttpError(400, 'Required attribute Memo is not provided.');
  const memo = text(f, 'Memo', 1024) ?? '';
  const sent = {
    TotalBeforeTax: requiredNumber(f, 'TotalBeforeTax', 'TotalBeforeTax'),
    Tax: requiredNumber(f, 'Tax', 'Tax'),
    Total: requiredNumber(f, 'Total', 'Total'),
  };
  checkOrderTotals(ctx.state, sale, [...rows, ...charges], sent);
  return memo;
}

function docStatus(f: Fields): 'DRAFT' | 'AUTHORISED' {
  const status = (f.str('Status') ?? 'DRAFT').toUpperCase();
  if (status !== 'DRAFT' && status !== 'AUTHORISED')
    throw new Cin7HttpError(400, `Status '${status}' is not valid.`);
  return status;
}

export const postQuote: ApiHandler = (ctx) => {
  const f = Fields.from(ctx.body);
  const sale = findSale(ctx.state, f.str('SaleID'));
  if (sale.SkipQuote) throw new Cin7HttpError(400, 'Quote is skipped for this sale.');
  if (sale.quote.Status !== 'DRAFT' && sale.quote.Status !== 'NOT AVAILABLE') {
    throw new Cin7HttpError(400, `Sale quote is ${sale.quote.Status} and cannot be changed.`);
  }
  const lines = parseLines(ctx, sale, f.list('Lines'));
  const memo = documentMoney(ctx, sale, f, lines, []);
  sale.quote = { Status: docStatus(f), Memo: memo, Lines: lines };
  touch(ctx.engine, sale);
  return { SaleID: sale.ID, Status: sale.quote.Status, Memo: sale.quote.Memo, Lines: sale.quote.Lines };
};

const MODES: readonly AutoPickPackShipMode[] = ['NOPICK', 'AUTOPICK', 'AUTOPICKPACK', 'AUTOPICKPACKSHIP'];

/** POST (documented) and PUT (used by community clients) both replace the order's lines (reference §5.3). */
export const saveSaleOrder: ApiHandler = (ctx) => {
  const f = Fields.from(ctx.body);
  const sale = findSale(ctx.state, f.str('SaleID'));
  const mode = (f.str('AutoPickPackShipMode') ?? 'NOPICK').toUpperCase() as AutoPickPackShipMode;
  if (!MODES.includes(mode)) throw new Cin7HttpError(400, `AutoPickPackShipMode '${mode}' is not valid.`);
  const status = docStatus(f);
  const lines = parseLines(ctx, sale, f.list('Lines'));
  const charges = parseCharges(ctx, sale, f.list('AdditionalCharges'));
  const memo = documentMoney(ctx, sale, f, lines, charges);
  saveOrder(ctx.engine, ctx.state, sale, { memo, status, mode, lines, charges });
  return { SaleID: sale.ID, ...renderOrder(ctx.state, sale) };
};

export const getSaleOrder: ApiHandler = (ctx) => {
  const sale = findSale(ctx.state, ctx.query.str('SaleID'));
  return { SaleID: sale.ID, ...renderOrder(ctx.state, sale) };
};

function fulfilmentLines(sale: SaleRecord, items: Fields[]): FulfilmentLineRecord[] {
  return items.map((l) => {
    const productId = l.str('ProductID');
    const sku = l.str('SKU');
    const line = sale.order.Lines.find(
      (o) => sameId(o.ProductID, productId) || (!!sku && o.SKU.toLowerCase() === sku.toLowerCase()),
    );
    if (!line) throw new Cin7HttpError(400, `Product ${productId ?? sku ?? ''} is not on the sale order.`);
    return {
      ProductID: line.ProductID,
      SKU: line.SKU,
      Name: line.Name,
      Location: l.str('Location') ?? sale.Location,
      Quantity: l.num('Quantity') ?? line.Quantity,
      Box: l.str('Box') ?? 'Box 1',
    };
  });
}

export const postPick: ApiHandler = (ctx) => {
  const f = Fields.from(ctx.body);
  const { sale, task } = findTask(ctx.state, f.str('TaskID'));
  const auto = (f.str('AutoPickMode') ?? '').toUpperCase() === 'AUTOPICK';
  const status = auto ? 'AUTHORISED' : docStatus(f);
  pick(ctx.engine, ctx.state, sale, task, status, auto ? undefined : fulfilmentLines(sale, f.list('Lines')));
  return { TaskID: task.TaskID, Status: task.pick.Status, Lines: task.pick.Lines };
};

export const postPack: ApiHandler = (ctx) => {
  const f = Fields.from(ctx.body);
  const { sale, task } = findTask(ctx.state, f.str('TaskID'));
  pack(ctx.engine, sale, task, docStatus(f), fulfilmentLines(sale, f.list('Lines')));
  return { TaskID: task.TaskID, Status: task.pack.Status, Lines: task.pack.Lines };
};

/** Sale Fulfilment Ship Line Model (BP L30676-30685), as POST/PUT take it. */
function shipLines(sale: SaleRecord, items: Fields[]): Omit<ShipLineRecord, 'ID'>[] {
  return items.map((l) => {
    // Required, and written as `Box` ("For POST/PUT methods use `Box` as the field name", BP L30682).
    const box = text(l, 'Box', 256);
    if (!box) throw new Cin7HttpError(400, 'Required attribute Box is not provided.');
    const date = l.str('ShipmentDate'); // required, BP L30680
    if (!date) throw new Cin7HttpError(400, 'Required attribute ShipmentDate is not provided.');
    const ms = parseCin7Date(date);
    if (ms === undefined) throw new Cin7HttpError(400, 'ShipmentDate is not a valid date.');
    const tracking = text(l, 'TrackingNumber', 256) ?? ''; // BP L30683
    const carrier = text(l, 'Carrier', 256) ?? sale.Carrier; // BP L30681
    return {
      ShipmentDate: `${new Date(ms).toISOString().slice(0, 10)}T00:00:00`,
      Carrier: carrier,
      Boxes: box,
      TrackingNumber: tracking,
      // TrackingURL is read-only (BP L30684): whatever is sent is ignored; Cin7 derives it from the carrier.
      TrackingURL: tracking
        ? `https://tracking.example/${encodeURIComponent(carrier || 'carrier')}/${encodeURIComponent(tracking)}`
        : '',
      IsShipped: l.bool('IsShipped') ?? true,
    };
  });
}

/** `Status` is required; POST/PUT take `DRAFT`, `PARTIALLY AUTHORISED` or `AUTHORISED` (BP L24016). */
function shipStatus(f: Fields): ShipInput['status'] {
  const raw = f.str('Status');
  if (!raw) throw new Cin7HttpError(400, 'Required attribute Status is not provided.');
  const status = raw.toUpperCase();
  if (status !== 'DRAFT' && status !== 'AUTHORISED' && status !== 'PARTIALLY AUTHORISED') {
    throw new Cin7HttpError(400, `Status '${status}' is not valid.`);
  }
  return status;
}

/** POST and PUT refuse a shipment already (partially) authorised (BP L24071, L24147). */
function assertShipOpen(task: FulfilmentRecord): void {
  if (task.ship.Status === 'AUTHORISED' || task.ship.Status === 'PARTIALLY AUTHORISED') {
    throw new Cin7HttpError(400, `Shipment is ${task.ship.Status}; it cannot be changed.`);
  }
}

/** `GET /sale/fulfilment/ship?TaskID=` (BP L24022-24063): the task's ship document. */
export const getShip: ApiHandler = (ctx) => {
  const { sale, task } = findTask(ctx.state, ctx.query.str('TaskID'));
  return renderShip(sale, task.TaskID);
};

export const postShip: ApiHandler = (ctx) => {
  const f = Fields.from(ctx.body);
  const { sale, task } = findTask(ctx.state, f.str('TaskID'));
  const status = shipStatus(f);
  assertShipOpen(task);
  ship(ctx.engine, ctx.state, sale, task, {
    status,
    lines: shipLines(sale, f.list('Lines')),
    requireBy: f.str('RequireBy') ?? null,
    notes: text(f, 'ShippingNotes', 1024), // BP L24019
  });
  return renderShip(sale, task.TaskID);
};

/**
 * PUT replaces a shipment that is not authorised and must list every packed box (BP L24007); with
 * `AddTrackingNumbers: true` it changes the tracking numbers or carrier of an authorised one (BP L24148), each line
 * naming a box the shipment holds.
 */
export const putShip: ApiHandler = (ctx) => {
  const f = Fields.from(ctx.body);
  const { sale, task } = findTask(ctx.state, f.str('TaskID'));
  const status = shipStatus(f);
  const lines = shipLines(sale, f.list('Lines'));
  const shipped = task.ship.Status === 'AUTHORISED' || task.ship.Status === 'PARTIALLY AUTHORISED';
  if (f.bool('AddTrackingNumbers') && shipped) {
    for (const line of lines) {
      if (!task.ship.Lines.some((s) => s.Boxes === line.Boxes)) {
        throw new Cin7HttpError(400, `Box '${line.Boxes}' is not on the shipment.`);
      }
    }
    updateTracking(ctx.engine, ctx.state, sale, task, lines);
    return renderShip(sale, task.TaskID);
  }
  assertShipOpen(task);
  const sent = new Set(lines.map((l) => l.Boxes));
  const missing = [...new Set(task.pack.Lines.map((l) => l.Box || 'Box 1'))].filter((b) => !sent.has(b));
  if (missing.length > 0) {
    throw new Cin7HttpError(400, `Lines must list every packed box; missing ${missing.join(', ')}.`);
  }
  ship(ctx.engine, ctx.state, sale, task, {
    status,
    lines,
    requireBy: f.str('RequireBy') ?? null,
    notes: text(f, 'ShippingNotes', 1024), // BP L24019
  });
  return renderShip(sale, task.TaskID);
};

function renderShip(sale: SaleRecord, taskId: string) {
  const task = sale.fulfilments.find((f) => f.TaskID === taskId);
  return {
    TaskID: taskId,
    Status: task?.ship.Status,
    RequireBy: task?.ship.RequireBy ?? null,
    ShippingAddress: sale.ShippingAddress,
    ShippingNotes: task?.ship.ShippingNotes ?? '',
    Lines: task?.ship.Lines ?? [],
  };
}

export const getSaleList: ApiHandler = (ctx) => {
  const { query, state, engine } = ctx;
  const date = (name: string) => {
    const raw = query.str(name);
    if (raw === undefined) return undefined;
    const ms = parseCin7Date(raw);
    if (ms === undefined) throw new Cin7HttpError(400, `Parameter ${name} is not a valid date.`);
    return ms;
  };
  const updatedSince = date('UpdatedSince');
  const updatedUntil = date('UpdatedUntil');
  const createdSince = date('CreatedSince');
  const search = query.str('Search')?.toLowerCase();
  const externalId = query.str('ExternalID');
  const rowFilters = [
    'Status',
    'OrderStatus',
    'QuoteStatus',
    'CombinedShippingStatus',
    'CombinedInvoiceStatus',
  ]
    .map((name) => [name, query.str(name)?.toUpperCase()] as const)
    .filter((pair): pair is readonly [string, string] => pair[1] !== undefined);
  const inclusive = engine.config.saleListSinceInclusive;
  const listedBefore = engine.now() - engine.config.saleListLagMs;
  let rows = state.sales
    .filter(
      (s) =>
        s.created <= listedBefore &&
        // "changed after the date" (reference §2.4): exclusive by default, switchable, so clients must overlap.
        (updatedSince === undefined || (inclusive ? s.updated >= updatedSince : s.updated > updatedSince)) &&
        (updatedUntil === undefined || s.updated < updatedUntil) &&
        (createdSince === undefined || s.created > createdSince) &&
        (externalId === undefined || s.ExternalID === externalId),
    )
    .map((s) => renderSaleListRow(state, s))
    .filter(
      (r) =>
        (!search ||
          [r.OrderNumber, r.Status, r.Customer, r.CustomerReference].some((v) =>
            (v ?? '').toLowerCase().includes(search),
          )) &&
        rowFilters.every(
          ([name, value]) => String((r as Record<string, unknown>)[name] ?? '').toUpperCase() === value,
        ),
    );
  if (engine.config.saleListShuffle) rows = shuffle(rows, engine.listOrderRandom);
  const page = paginate(query, rows);
  return { Total: page.Total, Page: page.Page, SaleList: page.rows };
};

/** Fisher-Yates with the engine's seeded draws. */
function shuffle<T>(rows: T[], random: () => number): T[] {
  const out = [...rows];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
