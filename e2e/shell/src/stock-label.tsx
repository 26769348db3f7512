import type { HostProduct } from './host-api.js';

type Stock = Pick<HostProduct, 'available' | 'inStock' | 'onOrder' | 'nextDeliveryDate'>;

/** `2027-01-12` → `12 Jan`, as a buyer reads a delivery date (the date itself, no time zone shift). */
function shortDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/**
 * What a buyer and the supplier read about a product's stock: "42 available", "In stock", or when there is none
 * "On backorder, next delivery 12 Jan" (or "Out of stock" when nothing is on order). Null when stock is not synced.
 */
export function availabilityText(product: Stock | undefined): string | null {
  if (!product || product.inStock === null || product.inStock === undefined) return null;
  if (product.inStock) {
    return typeof product.available === 'number' ? `${product.available} available` : 'In stock';
  }
  if ((product.onOrder ?? 0) > 0 && product.nextDeliveryDate)
    return `On backorder, next delivery ${shortDate(product.nextDeliveryDate)}`;
  return (product.onOrder ?? 0) > 0 ? 'On backorder' : 'Out of stock';
}

export function StockLabel({ product }: { product: Stock | undefined }) {
  const text = availabilityText(product);
  if (!text) return null;
  return (
    <span className={product?.inStock ? 'shell-stock' : 'shell-stock shell-stock-out'} data-testid="stock">
      {text}
    </span>
  );
}
