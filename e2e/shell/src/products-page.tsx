import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { createHostApi } from './host-api.js';
import { StockLabel } from './stock-label.js';
import { type DemoSupplier, fetchAs } from './suppliers.js';

/** The supplier's products as buyers see them: SKU, name, base price and stock. */
export function ProductsPage({ supplier }: { supplier: DemoSupplier }) {
  const api = useMemo(() => createHostApi(fetchAs(supplier.token)), [supplier.token]);
  const products = useQuery({ queryKey: ['host', 'products'], queryFn: api.products });
  return (
    <section className="shell-card" aria-labelledby="shell-products-title">
      <h1 id="shell-products-title">Products</h1>
      {products.isPending ? (
        <p role="status">Loading products…</p>
      ) : products.isError ? (
        <p role="alert">Could not load the products: {products.error.message}</p>
      ) : products.data.length === 0 ? (
        <p className="shell-muted">No products yet: import them from Cin7 in Settings.</p>
      ) : (
        <div className="shell-table-wrap">
          <table className="shell-table" aria-label="Products">
            <thead>
              <tr>
                <th scope="col">SKU</th>
                <th scope="col">Product</th>
                <th scope="col">Base price</th>
                <th scope="col">Stock</th>
              </tr>
            </thead>
            <tbody>
              {products.data.map((p) => (
                <tr key={p.id}>
                  <td>{p.sku}</td>
                  <td>{p.name}</td>
                  <td>{p.basePrice.toFixed(2)}</td>
                  <td>
                    <StockLabel product={p} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
