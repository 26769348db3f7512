import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { usePanelApi } from '../api/panel-api.context.js';
import { LoadError, Loading } from '../ui/query-states.js';
import { SearchForm } from '../ui/search-form.js';
import { CustomerMatcher } from './customer-matcher.js';
import {
  LINKED_PAGE,
  linkedCustomersQuery,
  UNMATCHED_PAGE,
  unmatchedCustomersQuery,
} from './customers.queries.js';
import { LinkedCustomers } from './linked-customers.js';

/** Upstock customers without a Cin7 twin, each matched by searching Cin7 and choosing an address. */
export function CustomersSection() {
  const api = usePanelApi();
  const [search, setSearch] = useState('');
  const [limit, setLimit] = useState(UNMATCHED_PAGE);
  const [open, setOpen] = useState<string | null>(null);
  const [linked, setLinked] = useState<string | null>(null);
  const customers = useQuery(unmatchedCustomersQuery(api, search, limit));
  // The first page of linked customers (shared with the list above): tells "all linked" from "none at all".
  const anyLinked = useQuery(linkedCustomersQuery(api, '', 0, LINKED_PAGE));

  const onSearch = (text: string) => {
    setSearch(text);
    setLimit(UNMATCHED_PAGE);
  };

  return (
    <section className="c7-section" aria-labelledby="c7-customers-title">
      <h2 id="c7-customers-title">Customers</h2>
      <p>
        Each Upstock customer linked to a Cin7 customer sends its orders to that customer, to the shipping
        address chosen here, and gets its Cin7 prices.
      </p>
      {linked ? (
        <p className="c7-alert c7-alert-ok" role="status">
          {linked}
        </p>
      ) : null}
      <LinkedCustomers onChanged={setLinked} />
      <h3 id="c7-unmatched-title">Not linked yet</h3>
      <p className="c7-muted">
        Link each one so its orders reach the right Cin7 customer; its prices sync straight after.
      </p>
      <SearchForm
        id="c7-unmatched-filter"
        label="Find an Upstock customer"
        placeholder="Name or email"
        submitLabel="Filter"
        onSearch={onSearch}
      />
      {customers.isPending ? (
        <Loading label="Loading customers…" />
      ) : customers.isError ? (
        <LoadError what="your customers" error={customers.error} onRetry={() => void customers.refetch()} />
      ) : customers.data.items.length === 0 ? (
        <p className="c7-muted">
          {search
            ? `No unmatched customer matches “${search}”.`
            : anyLinked.data && anyLinked.data.total === 0
              ? 'You have no Upstock customers yet. Import them from Cin7 (Import above), or add them in Upstock.'
              : 'Every Upstock customer is linked to Cin7.'}
        </p>
      ) : (
        <>
          <p className="c7-muted">
            {customers.data.total} unmatched {customers.data.total === 1 ? 'customer' : 'customers'}.
          </p>
          <ul className="c7-list" aria-label="Unmatched customers">
            {customers.data.items.map((customer) => (
              <li key={customer.id}>
                <div className="c7-row">
                  <div>
                    <strong>{customer.name}</strong>
                    {customer.email ? <span className="c7-muted"> · {customer.email}</span> : null}
                  </div>
                  <button
                    type="button"
                    className="c7-button"
                    aria-expanded={open === customer.id}
                    aria-controls={`c7-match-${customer.id}`}
                    onClick={() => setOpen(open === customer.id ? null : customer.id)}
                  >
                    {open === customer.id ? 'Close' : 'Match'}
                    <span className="c7-sr-only"> {customer.name}</span>
                  </button>
                </div>
                {open === customer.id ? (
                  <div id={`c7-match-${customer.id}`}>
                    <CustomerMatcher
                      customer={customer}
                      onLinked={(message) => {
                        setLinked(message);
                        setOpen(null);
                      }}
                    />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
          {customers.data.items.length < customers.data.total ? (
            <div className="c7-actions">
              <button type="button" className="c7-button" onClick={() => setLimit((l) => l + UNMATCHED_PAGE)}>
                Show more
              </button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
