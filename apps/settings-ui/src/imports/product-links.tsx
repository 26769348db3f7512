import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { usePanelApi } from '../api/panel-api.context.js';
import { productLinksQuery } from '../customers/customers.queries.js';
import { Pager } from '../ui/pager.js';
import { LoadError, Loading } from '../ui/query-states.js';
import { SearchForm } from '../ui/search-form.js';
import { TableScroll } from '../ui/table-scroll.js';

const PAGE = 25;

/** Linked products by Cin7 SKU, and whether the Upstock product still carries that SKU; read once opened. */
export function ProductLinks() {
  const [open, setOpen] = useState(false);
  return (
    <details className="c7-howto" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Linked products</summary>
      {open ? <ProductLinksList /> : null}
    </details>
  );
}

function ProductLinksList() {
  const api = usePanelApi();
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const links = useQuery(productLinksQuery(api, search, offset, PAGE));
  const onSearch = (text: string) => {
    setSearch(text);
    setOffset(0);
  };

  return (
    <>
      <SearchForm
        id="c7-product-links-filter"
        label="Find a linked product"
        placeholder="SKU or name"
        onSearch={onSearch}
      />
      {links.isPending ? (
        <Loading label="Loading linked products…" />
      ) : links.isError ? (
        <LoadError what="linked products" error={links.error} onRetry={() => void links.refetch()} />
      ) : links.data.items.length === 0 ? (
        <p className="c7-muted">
          {search
            ? `No linked product matches “${search}”.`
            : 'No product is linked to Cin7 yet. Import products to link them.'}
        </p>
      ) : (
        <>
          <TableScroll label="Linked products">
            <table>
              <caption className="c7-sr-only">Linked products</caption>
              <thead>
                <tr>
                  <th scope="col">Cin7 SKU</th>
                  <th scope="col">Name</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {links.data.items.map((p) => (
                  <tr key={p.cin7ProductId}>
                    <td className="c7-mono">{p.cin7Sku}</td>
                    <td>{p.name}</td>
                    <td>
                      {p.state === 'linked' ? (
                        'Linked'
                      ) : (
                        <span className="c7-warn-text">SKU changed in Upstock: import products again</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <Pager
            label="Linked products pages"
            offset={offset}
            limit={PAGE}
            total={links.data.total}
            onOffset={setOffset}
          />
        </>
      )}
    </>
  );
}
