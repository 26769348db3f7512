import { catalogFeature } from './catalog/catalog.feature.js';
import { ordersFeature } from './orders/orders.feature.js';
import { pricesFeature } from './prices/prices.feature.js';
import { shipmentsFeature } from './shipments/shipments.feature.js';
import { stockFeature } from './stock/stock.feature.js';

export const FEATURES = [catalogFeature, pricesFeature, ordersFeature, shipmentsFeature, stockFeature];
