import type { ApiHandler } from './api-context.js';
import { paginate, sameId } from './http-kit.js';
import { renderAvailability } from './stock.model.js';

/**
 * `GET ref/productavailability` (BP L6142-6170): rows per product, location, bin and batch, filtered by `ID`,
 * `Name` (starts with), `Sku` (the specific SKU), `Location`, `Batch` and `Category` (names, case-insensitive),
 * paged like every list (default 100 a page, at most 1000). Products without stock records have no rows.
 */
export const getProductAvailability: ApiHandler = (ctx) => {
  const { query, state } = ctx;
  const id = query.str('ID');
  const name = query.str('Name')?.toLowerCase();
  const sku = query.str('Sku')?.toLowerCase();
  const location = query.str('Location')?.toLowerCase();
  const batch = query.str('Batch')?.toLowerCase();
  const category = query.str('Category')?.toLowerCase();
  const rows = state.stock.filter((row) => {
    if (id && !sameId(row.ProductID, id)) return false;
    if (location && row.Location.toLowerCase() !== location) return false;
    if (batch && (row.Batch ?? '').toLowerCase() !== batch) return false;
    if (!name && !sku && !category) return true;
    const product = state.productsById.get(row.ProductID);
    if (!product) return false;
    return (
      (!name || product.Name.toLowerCase().startsWith(name)) &&
      (!sku || product.SKU.toLowerCase() === sku) &&
      (!category || product.Category.toLowerCase() === category)
    );
  });
  const page = paginate(query, rows);
  return {
    Total: page.Total,
    Page: page.Page,
    ProductAvailabilityList: page.rows.map((row) => renderAvailability(state, row)),
  };
};
