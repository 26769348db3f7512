import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LinkedCustomer } from '@upstock/cin7-contracts';
import { useId, useState } from 'react';
import { errorMessage } from '../api/api-client.js';
import { usePanelApi } from '../api/panel-api.context.js';
import { cin7Keys } from '../api/query-keys.js';
import { Pager } from '../ui/pager.js';
import { LoadError, Loading } from '../ui/query-states.js';
import { SearchForm } from '../ui/search-form.js';
import {
  formatAddress,
  LINKED_PAGE,
  linkAddressesQuery,
  linkCustomer,
  linkedCustomersQuery,
  unlinkCustomer,
} from './customers.queries.js';

/** Customers linked to Cin7: where their orders ship, with a change of address and unlink (then relink below). */
export function LinkedCustomers({ onChanged }: { onChanged: (message: string) => void }) {
  const api = usePanelApi();
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const linked = useQuery(linkedCustomersQuery(api, search, offset, LINKED_PAGE));

  const onSearch = (text: string) => {
    setSearch(text);
    setOffset(0);
  };

  return (
    <div className="c7-subsection">
      <h3 id="c7-linked-title">Linked customers</h3>
      <SearchForm
        id="c7-linked-filter"
        label="Find a linked customer"
        placeholder="Cin7 name"
        onSearch={onSearch}
      />
      {linked.isPending ? (
        <Loading label="Loading linked customers…" />
      ) : linked.isError ? (
        <LoadError what="linked customers" error={linked.error} onRetry={() => void linked.refetch()} />
      ) : linked.data.items.length === 0 ? (
        <p className="c7-muted">
          {search
            ? `No linked customer matches “${search}”.`
            : 'No customer is linked to Cin7 yet. Import customers from Cin7, or match them below.'}
        </p>
      ) : (
        <>
          <ul className="c7-list" aria-labelledby="c7-linked-title">
            {linked.data.items.map((link) => (
              <LinkedRow key={link.upstockCustomerId} link={link} onChanged={onChanged} />
            ))}
          </ul>
          <Pager
            label="Linked customers pages"
            offset={offset}
            limit={LINKED_PAGE}
            total={linked.data.total}
            onOffset={setOffset}
          />
        </>
      )}
    </div>
  );
}

function LinkedRow({ link, onChanged }: { link: LinkedCustomer; onChanged: (message: string) => void }) {
  const [mode, setMode] = useState<'view' | 'address' | 'unlink'>('view');
  const name = link.upstockName ?? link.cin7Name;
  // Both forms close the same way; the summary of what changed (none when cancelled) is shown above the list.
  const done = (message: string | null) => {
    setMode('view');
    if (message) onChanged(message);
  };
  return (
    <li>
      <div className="c7-row">
        <div className="c7-grow">
          <strong>{name}</strong>
          {link.upstockName && link.upstockName !== link.cin7Name ? (
            <span className="c7-muted"> · Cin7: {link.cin7Name}</span>
          ) : null}
          <div className="c7-muted">
            {link.shippingAddress
              ? `Ships to ${formatAddress(link.shippingAddress)}`
              : 'No shipping address in Cin7'}
          </div>
          {link.orderingBlockedReason ? <p className="c7-warn-text">{link.orderingBlockedReason}</p> : null}
        </div>
        <div className="c7-actions">
          <button
            type="button"
            className="c7-button"
            aria-expanded={mode === 'address'}
            onClick={() => setMode(mode === 'address' ? 'view' : 'address')}
          >
            Change address<span className="c7-sr-only"> for {name}</span>
          </button>
          <button
            type="button"
            className="c7-button"
            aria-expanded={mode === 'unlink'}
            onClick={() => setMode(mode === 'unlink' ? 'view' : 'unlink')}
          >
            Unlink<span className="c7-sr-only"> {name}</span>
          </button>
        </div>
      </div>
      {mode === 'address' ? <AddressChooser link={link} name={name} onDone={done} /> : null}
      {mode === 'unlink' ? <UnlinkConfirm link={link} name={name} onDone={done} /> : null}
    </li>
  );
}

function AddressChooser({
  link,
  name,
  onDone,
}: {
  link: LinkedCustomer;
  name: string;
  onDone: (message: string | null) => void;
}) {
  const api = usePanelApi();
  const queryClient = useQueryClient();
  const id = useId();
  const choices = useQuery(linkAddressesQuery(api, link.upstockCustomerId));
  const [chosen, setChosen] = useState<string | null>(link.shippingAddressId);
  const save = useMutation({
    mutationFn: () =>
      linkCustomer(api, link.upstockCustomerId, {
        cin7CustomerId: link.cin7CustomerId,
        ...(chosen ? { shippingAddressId: chosen } : {}),
      }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: cin7Keys.customers() });
      onDone(
        `${name}'s orders now ship to ${saved.shippingAddress ? formatAddress(saved.shippingAddress) : 'no address'}.`,
      );
    },
  });
  if (choices.isPending) return <Loading label="Reading the addresses in Cin7…" />;
  if (choices.isError)
    return <LoadError what="the addresses" error={choices.error} onRetry={() => void choices.refetch()} />;
  if (choices.data.items.length === 0)
    return (
      <p className="c7-muted">{link.cin7Name} has no shipping address in Cin7. Add one in Cin7 first.</p>
    );
  return (
    <form
      className="c7-form"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <fieldset>
        <legend className="c7-legend">Shipping address for {name}'s orders</legend>
        {choices.data.items.map((a, index) => (
          <label key={a.id ?? index} className="c7-choice">
            <input
              type="radio"
              name={`${id}-address`}
              value={a.id ?? ''}
              disabled={!a.id}
              checked={chosen !== null && chosen === a.id}
              onChange={() => setChosen(a.id)}
            />
            <span>{formatAddress(a)}</span>
          </label>
        ))}
      </fieldset>
      {save.isError ? (
        <p className="c7-alert c7-alert-error" role="alert">
          {errorMessage(save.error)}
        </p>
      ) : null}
      <div className="c7-actions">
        <button
          type="submit"
          className="c7-button c7-button-primary"
          disabled={save.isPending || chosen === link.shippingAddressId}
        >
          {save.isPending ? 'Saving…' : 'Use this address'}
        </button>
        <button type="button" className="c7-button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function UnlinkConfirm({
  link,
  name,
  onDone,
}: {
  link: LinkedCustomer;
  name: string;
  onDone: (message: string | null) => void;
}) {
  const api = usePanelApi();
  const queryClient = useQueryClient();
  const unlink = useMutation({
    mutationFn: () => unlinkCustomer(api, link.upstockCustomerId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: cin7Keys.customers() });
      void queryClient.invalidateQueries({ queryKey: cin7Keys.prices() });
      onDone(
        `${name} is no longer linked to ${link.cin7Name}. Its prices go back to your base prices; match it again below.`,
      );
    },
  });
  return (
    <fieldset className="c7-confirm" aria-label={`Unlink ${name}`}>
      <p>
        Unlink {name} from {link.cin7Name} in Cin7? Its orders cannot be sent to Cin7 until it is linked
        again, and its prices go back to your base prices.
      </p>
      {unlink.isError ? (
        <p className="c7-alert c7-alert-error" role="alert">
          {errorMessage(unlink.error)}
        </p>
      ) : null}
      <div className="c7-actions">
        <button
          type="button"
          className="c7-button c7-button-danger"
          disabled={unlink.isPending}
          onClick={() => unlink.mutate()}
        >
          {unlink.isPending ? 'Unlinking…' : `Unlink ${name}`}
        </button>
        <button type="button" className="c7-button" onClick={() => onDone(null)}>
          Keep the link
        </button>
      </div>
    </fieldset>
  );
}
