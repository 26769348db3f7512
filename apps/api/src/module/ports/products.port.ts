export interface HostProduct {
  id: string;
  sku: string;
  name: string;
}

/** A product as the import writes it; `id` set = update that Upstock product, absent = create. */
export interface ProductUpsert {
  id?: string;
  sku: string;
  name: string;
  /** Plain text, sanitised for display to buyers. */
  notes: string | null;
  /** Image URLs, the default image first. */
  imageUrls: string[];
  /** Cin7 has no base price: Tier 1 is used. */
  basePrice: number;
}

export interface ProductsPort {
  findBySkus(supplierId: string, skus: string[]): Promise<HostProduct[]>;
  /** Writes a batch; answers the Upstock ids in input order. Must be atomic per batch. */
  upsertMany(supplierId: string, products: ProductUpsert[]): Promise<string[]>;
  setBasePrices(supplierId: string, prices: { productId: string; price: number }[]): Promise<void>;
}
