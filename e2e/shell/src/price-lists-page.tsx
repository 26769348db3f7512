import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { createHostApi } from './host-api.js';
import { type DemoSupplier, fetchAs } from './suppliers.js';

/** The host's price lists, as the Cin7 price sync writes them (Price lists › Sync Cin7 prices lives in the panel). */
export function PriceListsPage({ supplier }: { supplier: DemoSupplier }) {
  const api = useMemo(() => createHostApi(fetchAs(supplier.token)), [supplier.token]);
  const lists = useQuery({ queryKey: ['host', 'price-lists'], queryFn: api.priceLists });
  return (
    <section aria-labelledby="price-lists-title">
      <h1 id="price-lists-title">Price lists</h1>
      {lists.isPending ? (
        <p role="status">Loading price lists…</p>
      ) : lists.isError ? (
        <p role="alert" className="shell-error">
          Could not load price lists: {lists.error.message}
        </p>
      ) : lists.data.length === 0 ? (
        <p>No price lists yet. Sync prices from Cin7 in Settings › Integrations › Cin7 Core.</p>
      ) : (
        lists.data.map((list) => (
          <details key={list.id} className="shell-card">
            <summary>
              {list.name} <span className="shell-muted">({list.entries.length} prices)</span>
            </summary>
            <div className="shell-table-wrap">
              <table className="shell-table" aria-label={`${list.name} prices`}>
                <thead>
                  <tr>
                    <th scope="col">SKU</th>
                    <th scope="col">Price ({list.currency})</th>
                  </tr>
                </thead>
                <tbody>
                  {list.entries.map((e) => (
                    <tr key={e.productId}>
                      <td>{e.sku}</td>
                      <td>{e.price.toFixed(2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        ))
      )}
    </section>
  );
}
