import type { ServerResponse } from 'node:http';
import { adminSaleRoutes } from './admin-sales.handler.js';
import { adminStockRoutes } from './admin-stock.handler.js';
import { sendJson } from './http-kit.js';
import { applyConfigPatch, type SandboxConfigPatch } from './sandbox-config.js';
import type { SandboxEngine } from './sandbox-engine.js';
import { SEED_NAMES, type SeedName } from './seed.js';
import { addCustomer, buildCustomer } from './seed-builders.js';
import { countryOf } from './seed-reference.js';
import type { AccountState } from './store.types.js';
import { formatTimestamp } from './wire-format.js';

/** A failure of an admin call: answered `{ "error": message }` with the status. */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface AdminRequest {
  engine: SandboxEngine;
  method: string;
  /** Path segments after /admin/, lowercased only for matching (ids keep their case via `raw`). */
  segments: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
}

export type AdminRoute = (req: AdminRequest) => unknown | undefined;

/** Admin API: never under /ExternalApi, no auth, never rate limited, JSON in and out. */
export async function handleAdmin(
  engine: SandboxEngine,
  method: string,
  path: string,
  query: URLSearchParams,
  rawBody: string,
  res: ServerResponse,
): Promise<void> {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = rawBody.trim() ? JSON.parse(rawBody) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      body = parsed as Record<string, unknown>;
  } catch {
    sendJson(res, 400, { error: 'Body is not valid JSON.' });
    return;
  }
  const req: AdminRequest = {
    engine,
    method: method.toUpperCase(),
    segments: path.split('/').filter(Boolean),
    query,
    body,
  };
  try {
    for (const route of [coreRoutes, adminSaleRoutes, adminStockRoutes]) {
      const result = route(req);
      if (result !== undefined) {
        sendJson(res, 200, result);
        return;
      }
    }
    sendJson(res, 404, { error: `No admin route ${req.method} /admin/${path}` });
  } catch (err) {
    if (err instanceof AdminError) sendJson(res, err.status, { error: err.message });
    else throw err;
  }
}

/** Resolves an account by its id, or by index `0`/`1` (order of DEMO_ACCOUNTS). */
export function accountParam(engine: SandboxEngine, id: string | undefined): AccountState {
  const state =
    id === undefined ? undefined : /^\d+$/.test(id) ? engine.accounts[Number(id)] : engine.accountById(id);
  if (!state) throw new AdminError(404, `Unknown account ${id ?? ''}`);
  return state;
}

export function num(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new AdminError(400, `${name} must be a number`);
  return value;
}

export function text(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AdminError(400, `${name} must be a string`);
  return value;
}

function configView(engine: SandboxEngine) {
  return { ...structuredClone(engine.config), timeScale: engine.clock.timeScale, seed: engine.seed };
}

const coreRoutes: AdminRoute = ({ engine, method, segments, body }) => {
  const [first, second, third, fourth, fifth] = segments;
  const route = `${method} ${segments.join('/')}`;
  switch (route) {
    case 'POST reset': {
      const seed = text(body, 'seed') ?? engine.seed;
      if (!SEED_NAMES.includes(seed as SeedName)) throw new AdminError(400, `Unknown seed ${seed}`);
      engine.reset(seed as SeedName);
      return configView(engine);
    }
    case 'GET config':
      return configView(engine);
    case 'POST config': {
      const patch = body as SandboxConfigPatch;
      applyConfigPatch(engine.config, patch);
      if (typeof patch.timeScale === 'number') engine.clock.setTimeScale(patch.timeScale);
      return configView(engine);
    }
    case 'GET clock':
      return { now: formatTimestamp(engine.now()), nowMs: engine.now(), timeScale: engine.clock.timeScale };
    case 'POST clock/advance': {
      const ms = num(body, 'ms') ?? 0;
      engine.clock.advance(ms);
      return { now: formatTimestamp(engine.now()), nowMs: engine.now(), timeScale: engine.clock.timeScale };
    }
    case 'GET faults':
      return { ...engine.faults.config };
    case 'POST faults':
      engine.faults.set(body);
      return { ...engine.faults.config };
    case 'DELETE faults':
      engine.faults.reset();
      return { ...engine.faults.config };
    case 'GET metrics':
      return engine.snapshotMetrics();
    case 'POST metrics/reset':
      engine.metrics.reset();
      return engine.snapshotMetrics();
    case 'GET webhooks/deliveries':
      return { deliveries: engine.webhooks.list() };
    case 'DELETE webhooks/deliveries':
      engine.webhooks.clearLog();
      return { deliveries: engine.webhooks.list() };
    case 'GET accounts':
      return {
        accounts: engine.accounts.map((s) => ({
          accountId: s.account.accountId,
          company: s.account.company,
          currency: s.account.currency,
          customers: s.customers.length,
          products: s.products.length,
          sales: s.sales.length,
        })),
      };
  }
  if (first !== 'accounts' || !second) return undefined;
  const state = accountParam(engine, second);
  const now = engine.now();
  // /admin/accounts/:account/<third>/<fourth>/<fifth>
  if (method === 'POST' && third === 'products' && fourth && fifth === 'price') {
    const product = state.products.find(
      (p) => p.ID.toLowerCase() === fourth.toLowerCase() || p.SKU.toLowerCase() === fourth.toLowerCase(),
    );
    if (!product) throw new AdminError(404, `Unknown product ${fourth}`);
    const tier = num(body, 'tier') ?? 1;
    const price = num(body, 'price');
    if (tier < 1 || tier > 10 || !Number.isInteger(tier) || price === undefined) {
      throw new AdminError(400, 'tier must be 1..10 and price a number');
    }
    product.prices[tier - 1] = price;
    product.lastModified = now;
    return {
      ID: product.ID,
      SKU: product.SKU,
      prices: [...product.prices],
      LastModifiedOn: formatTimestamp(now),
    };
  }
  if (method === 'POST' && third === 'price-tiers' && fourth) {
    const code = Number(fourth);
    const name = text(body, 'name');
    if (!Number.isInteger(code) || code < 1 || code > 10 || !name)
      throw new AdminError(400, 'code 1..10 and name required');
    state.priceTierNames[code - 1] = name;
    // Renaming a tier changes every product's PriceTiers keys, so every product counts as modified.
    for (const p of state.products) p.lastModified = now;
    return { PriceTiers: state.priceTierNames.map((Name, i) => ({ Code: i + 1, Name })) };
  }
  if (third === 'custom-prices' && (method === 'PUT' || method === 'DELETE')) {
    const customerId = text(body, 'customerId');
    const productId = text(body, 'productId');
    const customer = state.customers.find((c) => c.ID.toLowerCase() === customerId?.toLowerCase());
    const product = state.products.find((p) => p.ID.toLowerCase() === productId?.toLowerCase());
    if (!customer || !product) throw new AdminError(404, 'Unknown customerId or productId');
    state.customPrices = state.customPrices.filter(
      (cp) => !(cp.CustomerID === customer.ID && cp.ProductID === product.ID),
    );
    if (method === 'PUT') {
      const price = num(body, 'price');
      if (price === undefined) throw new AdminError(400, 'price required');
      state.customPrices.push({ CustomerID: customer.ID, ProductID: product.ID, Price: price });
    }
    customer.lastModified = now;
    product.lastModified = now;
    return { customPrices: state.customPrices.filter((cp) => cp.CustomerID === customer.ID) };
  }
  // General Settings in Cin7: the /me tax and discount switches (BP L3999-4003) and tax rules (BP L27431-27432).
  if (method === 'POST' && third === 'tenant-settings') {
    const calc = text(body, 'TaxCalculationMethod');
    if (calc !== undefined) {
      if (calc !== 'Row Total' && calc !== 'Total')
        throw new AdminError(400, 'TaxCalculationMethod: Row Total | Total');
      state.me.TaxCalculationMethod = calc;
    }
    const rule = text(body, 'DiscountRule');
    if (rule !== undefined) {
      if (rule !== 'Discount' && rule !== 'Price')
        throw new AdminError(400, 'DiscountRule: Discount | Price');
      state.me.DiscountRule = rule;
    }
    for (const flag of [
      'AutomaticallyApplyDiscounts',
      'ApplyCustomerDiscountsAfterOtherDiscounts',
    ] as const) {
      const value = body[flag];
      if (value === undefined) continue;
      if (typeof value !== 'boolean') throw new AdminError(400, `${flag} must be a boolean`);
      state.me[flag] = value;
    }
    const taxRules = body.taxRules;
    if (taxRules !== undefined) {
      if (!Array.isArray(taxRules)) throw new AdminError(400, 'taxRules must be an array');
      for (const item of taxRules as Record<string, unknown>[]) {
        const name = text(item, 'Name');
        const existing = state.taxRules.find((t) => t.Name.toLowerCase() === name?.toLowerCase());
        if (!name || !existing) throw new AdminError(404, `Unknown tax rule ${name ?? ''}`);
        const inclusive = item.TaxInclusive;
        if (inclusive !== undefined) existing.TaxInclusive = inclusive === true;
        existing.TaxPercent = num(item, 'TaxPercent') ?? existing.TaxPercent;
      }
    }
    return { me: state.me, taxRules: state.taxRules };
  }
  // A customer added in Cin7 (a benchmark's linked customers past the seed's): Active, in the account's currency,
  // one billing and one default shipping address, one contact.
  if (method === 'POST' && third === 'customers' && !fourth) {
    const name = text(body, 'name');
    if (!name) throw new AdminError(400, 'name required');
    const email = text(body, 'email');
    const city = text(body, 'city') ?? 'Wellington';
    const customer = buildCustomer({
      key: `${state.account.accountId}/admin-customer/${state.customers.length}/${name}`,
      name,
      currency: state.account.currency,
      country: countryOf(state.account),
      addresses: [
        { type: 'Billing', line1: 'PO Box 1', city, postcode: '6011', isDefault: true },
        { type: 'Shipping', line1: '1 Main Street', city, postcode: '6011', isDefault: true },
      ],
      contacts: [{ name, email: email ?? null, isDefault: true }],
      lastModified: now,
    });
    if (state.customersById.has(customer.ID)) throw new AdminError(409, `Customer ${name} exists`);
    addCustomer(state, customer);
    return { ID: customer.ID, Name: customer.Name, LastModifiedOn: formatTimestamp(now) };
  }
  if (method === 'POST' && third === 'customers' && fourth && fifth === 'discount') {
    const customer = state.customers.find((c) => c.ID.toLowerCase() === fourth.toLowerCase());
    if (!customer) throw new AdminError(404, `Unknown customer ${fourth}`);
    const discount = num(body, 'discount');
    if (discount === undefined || discount < 0 || discount > 100)
      throw new AdminError(400, 'discount must be 0..100');
    customer.Discount = discount;
    customer.lastModified = now;
    return { ID: customer.ID, Discount: customer.Discount, LastModifiedOn: formatTimestamp(now) };
  }
  return undefined;
};
