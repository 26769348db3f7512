/**
 * What buyers may know of a product's stock, as the supplier chose (stock settings): the number available in the
 * chosen Cin7 locations, or only whether there is any.
 */
export interface ProductAvailability {
  productId: string;
  /** Units available to sell (never negative); null when the supplier shows only in stock / out of stock. */
  available: number | null;
  inStock: boolean;
  /** Units on order from the supplier's own suppliers (Cin7 `OnOrder`); 0 when none. */
  onOrder: number;
  /** `YYYY-MM-DD`: the earliest expected delivery of what is on order, or null. */
  nextDeliveryDate: string | null;
}

/**
 * Stock availability into the host's products. Optional for a host: without it the stock feature stays off and says
 * why. Writes are idempotent (the module sends only what changed, and may send the same values again).
 */
export interface InventoryPort {
  /** Sets the availability of a batch of the supplier's products (up to 1,000 at a time); atomic per batch. */
  setAvailability(supplierId: string, items: ProductAvailability[]): Promise<void>;
  /** The supplier turned stock sync off: its products show no stock figure any more (none is kept up to date). */
  clearAvailability(supplierId: string): Promise<void>;
}
