export interface PriceEntry {
  productId: string;
  price: number;
}

export interface PriceListsPort {
  /**
   * Creates or replaces the price list identified by `key` (stable across tier renames), atomically:
   * buyers never see a half-written list. Answers the Upstock price list id.
   */
  replacePriceList(
    supplierId: string,
    list: { key: string; name: string; currency: string; entries: PriceEntry[] },
  ): Promise<string>;
  /** Assigns customers to price lists (null = the base price list). */
  assignCustomers(
    supplierId: string,
    assignments: { customerId: string; priceListId: string | null }[],
  ): Promise<void>;
  /** Replaces a customer's own final prices (custom prices and customer discount applied), atomically. */
  replaceCustomerPrices(supplierId: string, customerId: string, entries: PriceEntry[]): Promise<void>;
  /** The price a buyer pays: the customer's own price, else their list's, else the product's base price. */
  priceFor(supplierId: string, customerId: string, productId: string): Promise<number | null>;
}
