import type { ApiHandler } from './api-context.js';
import {
  getCarriers,
  getCustomers,
  getDeals,
  getDiscountRules,
  getLocations,
  getMe,
  getMeContacts,
  getPaymentTerms,
  getPriceTiers,
  getProductAttachments,
  getProducts,
  getTaxRules,
} from './catalog.handler.js';

/** One Cin7 endpoint: its canonical spelling (used in metrics) and a handler per HTTP method. */
export interface ApiRoute {
  name: string;
  methods: Partial<Record<'GET' | 'POST' | 'PUT' | 'DELETE', ApiHandler>>;
}

const routes: ApiRoute[] = [
  { name: 'me', methods: { GET: getMe } },
  { name: 'me/contacts', methods: { GET: getMeContacts } },
  { name: 'customer', methods: { GET: getCustomers } },
  { name: 'product', methods: { GET: getProducts } },
  { name: 'product/attachments', methods: { GET: getProductAttachments } },
  { name: 'ref/priceTier', methods: { GET: getPriceTiers } },
  { name: 'ref/tax', methods: { GET: getTaxRules } },
  { name: 'ref/location', methods: { GET: getLocations } },
  { name: 'ref/carrier', methods: { GET: getCarriers } },
  { name: 'ref/paymentterm', methods: { GET: getPaymentTerms } },
  { name: 'reference/discount', methods: { GET: getDiscountRules } },
  { name: 'reference/deals', methods: { GET: getDeals } },
];

const byPath = new Map<string, ApiRoute>();

export function registerRoutes(extra: ApiRoute[]): void {
  for (const route of extra) {
    const existing = byPath.get(route.name.toLowerCase());
    if (existing) Object.assign(existing.methods, route.methods);
    else byPath.set(route.name.toLowerCase(), { name: route.name, methods: { ...route.methods } });
  }
}

registerRoutes(routes);

/** Paths are case-insensitive (`SaleList` = `saleList` = `salelist`, reference §1). */
export function findRoute(path: string): ApiRoute | undefined {
  return byPath.get(path.toLowerCase().replace(/^\/+|\/+$/g, ''));
}
