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
import {
  deleteSale,
  getSale,
  getSaleList,
  getSaleOrder,
  getShip,
  postPack,
  postPick,
  postQuote,
  postSale,
  postShip,
  putSale,
  putShip,
  saveSaleOrder,
} from './sale.handler.js';
import { getProductAvailability } from './stock.handler.js';
import { deleteWebhook, getWebhooks, postWebhook, putWebhook } from './webhook.handler.js';

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
  { name: 'ref/productavailability', methods: { GET: getProductAvailability } },
  { name: 'reference/discount', methods: { GET: getDiscountRules } },
  { name: 'reference/deals', methods: { GET: getDeals } },
  { name: 'sale', methods: { GET: getSale, POST: postSale, PUT: putSale, DELETE: deleteSale } },
  { name: 'sale/quote', methods: { POST: postQuote } },
  { name: 'sale/order', methods: { GET: getSaleOrder, POST: saveSaleOrder, PUT: saveSaleOrder } },
  { name: 'sale/fulfilment/pick', methods: { POST: postPick, PUT: postPick } },
  { name: 'sale/fulfilment/pack', methods: { POST: postPack, PUT: postPack } },
  { name: 'sale/fulfilment/ship', methods: { GET: getShip, POST: postShip, PUT: putShip } },
  { name: 'saleList', methods: { GET: getSaleList } },
  {
    name: 'webhooks',
    methods: { GET: getWebhooks, POST: postWebhook, PUT: putWebhook, DELETE: deleteWebhook },
  },
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
