import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CatalogAddress, Cin7CustomerSummary } from '@upstock/cin7-contracts';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiRequestError, errorMessage } from '../api/api-client.js';
import { usePanelApi } from '../api/panel-api.context.js';
import { cin7Keys } from '../api/query-keys.js';
import { LoadError, Loading } from '../ui/query-states.js';
import {
  addressChoicesOf,
  cin7CustomerSearchQuery,
  formatAddress,
  linkCustomer,
  linkTakenBy,
} from './customers.queries.js';

interface UpstockCustomer {
  id: string;
  name: string;
  email: string | null;
}

export function CustomerMatcher({
  customer,
  onLinked,
}: {
  customer: UpstockCustomer;
  onLinked: (message: string) => void;
}) {
  const api = usePanelApi();
  const queryClient = useQueryClient();
  const id = useId();
  const [draft, setDraft] = useState(customer.name);
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<Cin7CustomerSummary | null>(null);
  const [addressId, setAddressId] = useState<string | null>(null);
  const [addressError, setAddressError] = useState<string | null>(null);
  const [extraChoices, setExtraChoices] = useState<CatalogAddress[] | null>(null);
  const addressGroupRef = useRef<HTMLFieldSetElement>(null);
  const results = useQuery(cin7CustomerSearchQuery(api, q));

  const addresses = extraChoices ?? chosen?.shippingAddresses ?? [];
  const mustChooseAddress = addresses.length > 1;

  const link = useMutation({
    // `movedFrom`: whose link a move takes (read from the refusal before this call resets it).
    mutationFn: ({ move }: { move: boolean; movedFrom?: string | null }) => {
      if (!chosen) throw new Error('Choose a Cin7 customer first');
      return linkCustomer(api, customer.id, {
        cin7CustomerId: chosen.id,
        ...(addressId ? { shippingAddressId: addressId } : {}),
        ...(move ? { move: true } : {}),
      });
    },
    onSuccess: (saved, { move, movedFrom }) => {
      void queryClient.invalidateQueries({ queryKey: cin7Keys.customers() });
      void queryClient.invalidateQueries({ queryKey: cin7Keys.prices() });
      const where = saved.shippingAddress ? ` (ships to ${formatAddress(saved.shippingAddress)})` : '';
      const from = move ? ` ${movedFrom ?? 'The other customer'} is no longer linked.` : '';
      onLinked(
        `${customer.name} is linked to ${saved.cin7Name} in Cin7${where}. Their prices are syncing now.${from}`,
      );
    },
    onError: (error) => {
      // A 400 naming the address choices: show them and ask for one.
      if (error instanceof ApiRequestError && error.field === 'shippingAddressId') {
        const choices = addressChoicesOf(error);
        if (choices) setExtraChoices(choices);
        setAddressError(error.message);
      }
    },
  });

  // The Cin7 customer is another Upstock customer's twin: offer to move the link rather than a dead end.
  const takenBy = link.isError ? linkTakenBy(link.error) : null;

  useEffect(() => {
    if (addressError) addressGroupRef.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [addressError]);

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setQ(draft.trim());
    setChosen(null);
    setAddressId(null);
    setExtraChoices(null);
    setAddressError(null);
  };

  const onLink = (event: FormEvent) => {
    event.preventDefault();
    if (mustChooseAddress && !addressId) {
      setAddressError(
        `${chosen?.name ?? 'This customer'} has several shipping addresses in Cin7: choose one.`,
      );
      return;
    }
    setAddressError(null);
    link.mutate({ move: false });
  };

  const choose = (c: Cin7CustomerSummary) => {
    setChosen(c);
    setExtraChoices(null);
    setAddressError(null);
    // A single shipping address needs no choice.
    setAddressId(c.shippingAddresses.length === 1 ? (c.shippingAddresses[0]?.id ?? null) : null);
  };

  return (
    <div className="c7-matcher">
      <form className="c7-inline-form" onSubmit={onSearch}>
        <label htmlFor={`${id}-q`}>Search Cin7 customers for {customer.name}</label>
        <div className="c7-inline">
          <input id={`${id}-q`} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" className="c7-button">
            Search Cin7
          </button>
        </div>
        <p className="c7-hint">A name (the start of it) or a contact's email.</p>
      </form>
      {q === '' ? null : results.isPending ? (
        <Loading label="Searching Cin7…" />
      ) : results.isError ? (
        <LoadError what="Cin7 customers" error={results.error} onRetry={() => void results.refetch()} />
      ) : results.data.items.length === 0 ? (
        <p className="c7-muted">No Cin7 customer matches “{q}”. Try the start of the name, or an email.</p>
      ) : (
        <form onSubmit={onLink} aria-label={`Link ${customer.name}`}>
          <fieldset>
            <legend className="c7-legend">Cin7 customer</legend>
            {results.data.items.map((c) => (
              <label key={c.id} className="c7-choice">
                <input
                  type="radio"
                  name={`${id}-customer`}
                  value={c.id}
                  checked={chosen?.id === c.id}
                  onChange={() => choose(c)}
                />
                <span>
                  <strong>{c.name}</strong>
                  <span className="c7-muted">
                    {' '}
                    · {c.currency}
                    {c.email ? ` · ${c.email}` : ''}
                    {c.priceTier ? ` · ${c.priceTier}` : ''}
                    {c.shippingAddresses.length > 1
                      ? ` · ${c.shippingAddresses.length} shipping addresses`
                      : ''}
                    {c.linkedUpstockCustomerId && c.linkedUpstockCustomerId !== customer.id
                      ? ' · linked to another Upstock customer'
                      : ''}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
          {chosen && mustChooseAddress ? (
            <fieldset
              ref={addressGroupRef}
              aria-describedby={addressError ? `${id}-address-error` : undefined}
              aria-invalid={addressError ? true : undefined}
            >
              <legend className="c7-legend">Shipping address for {chosen.name}'s orders</legend>
              {addresses.map((a, index) => (
                <label key={a.id ?? index} className="c7-choice">
                  <input
                    type="radio"
                    name={`${id}-address`}
                    value={a.id ?? ''}
                    disabled={!a.id}
                    checked={addressId !== null && addressId === a.id}
                    onChange={() => {
                      setAddressId(a.id);
                      setAddressError(null);
                    }}
                  />
                  <span>{formatAddress(a)}</span>
                </label>
              ))}
              {addressError ? (
                <p id={`${id}-address-error`} className="c7-field-error">
                  {addressError}
                </p>
              ) : null}
            </fieldset>
          ) : null}
          {takenBy ? (
            <div className="c7-confirm" role="alert">
              <p>{errorMessage(link.error)}</p>
              <div className="c7-actions">
                <button
                  type="button"
                  className="c7-button c7-button-primary"
                  onClick={() => link.mutate({ move: true, movedFrom: takenBy.linkedUpstockCustomerName })}
                >
                  Move the link to {customer.name}
                </button>
                <button type="button" className="c7-button" onClick={() => link.reset()}>
                  Keep it with {takenBy.linkedUpstockCustomerName ?? 'the other customer'}
                </button>
              </div>
            </div>
          ) : link.isError &&
            !(link.error instanceof ApiRequestError && link.error.field === 'shippingAddressId') ? (
            <p className="c7-alert c7-alert-error" role="alert">
              {errorMessage(link.error)}
            </p>
          ) : null}
          <div className="c7-actions">
            <button
              type="submit"
              className="c7-button c7-button-primary"
              disabled={!chosen || link.isPending}
            >
              {link.isPending ? 'Linking…' : chosen ? `Link to ${chosen.name}` : 'Link'}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
