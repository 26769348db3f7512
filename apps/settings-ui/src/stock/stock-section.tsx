import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StockDisplay, StockPass, StockSettings, StockStatus } from '@upstock/cin7-contracts';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../api/api-client.js';
import { usePanelApi, usePollMs } from '../api/panel-api.context.js';
import { referenceQuery } from '../settings/settings.queries.js';
import { formatDateTime } from '../ui/format.js';
import { LoadError, Loading } from '../ui/query-states.js';
import { saveStockSettings, startStockPass, stockKey, stockStatusQuery } from './stock.queries.js';

const ACTIVE = new Set<StockPass['state']>(['queued', 'running', 'paused']);

export function StockSection() {
  const api = usePanelApi();
  const status = useQuery(stockStatusQuery(api, usePollMs()));
  return (
    <section className="c7-section" aria-labelledby="c7-stock-title">
      <h2 id="c7-stock-title">Stock</h2>
      <p>
        Show buyers what Cin7 has: availability is summed over the Cin7 locations you choose (every bin and
        batch), read in full every hour and kept fresh in between by Cin7&apos;s stock webhook.
      </p>
      {status.isPending ? (
        <Loading label="Loading stock sync status…" />
      ) : status.isError ? (
        <LoadError what="the stock sync status" error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <StockView status={status.data} />
      )}
    </section>
  );
}

function StockView({ status }: { status: StockStatus }) {
  return (
    <>
      {/* Not keyed by the saved values: saving refreshes the status, and the form (with its notice) stays. */}
      <StockSettingsForm saved={status.settings} status={status} />
      {status.settings.enabled ? <PassFacts status={status} /> : null}
    </>
  );
}

function StockSettingsForm({ saved, status }: { saved: StockSettings; status: StockStatus }) {
  const api = usePanelApi();
  const queryClient = useQueryClient();
  const [enabled, setEnabled] = useState(saved.enabled);
  // Cin7's locations from the cached reference books when known (checkboxes), else names typed as Cin7 shows them.
  const reference = useQuery(referenceQuery(api));
  const known = reference.data?.locations.map((l) => l.name) ?? [];
  const [chosen, setChosen] = useState<string[]>(saved.locations);
  const [typed, setTyped] = useState(saved.locations.join(', '));
  const [display, setDisplay] = useState<StockDisplay>(saved.display);
  const save = useMutation({
    mutationFn: (next: StockSettings) => saveStockSettings(api, next),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: stockKey() }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const names =
      known.length > 0
        ? chosen
        : typed
            .split(',')
            .map((l) => l.trim())
            .filter(Boolean);
    save.mutate({ enabled, locations: names, display });
  };
  const toggle = (name: string, on: boolean) =>
    setChosen((current) => (on ? [...current, name] : current.filter((n) => n !== name)));
  const offered = [...known, ...chosen.filter((n) => !known.includes(n))];
  // Only known to be the sale location while none is chosen.
  const saleLocation =
    saved.locations.length === 0
      ? (status.effectiveLocations?.join(', ') ?? 'not known yet')
      : 'see sales settings';
  return (
    <form className="c7-form" onSubmit={onSubmit} aria-label="Stock settings">
      <label className="c7-check">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        Show Cin7 stock to buyers
      </label>
      {known.length > 0 ? (
        <fieldset aria-describedby="c7-stock-locations-hint">
          <legend>Cin7 locations to count</legend>
          {offered.map((name) => (
            <label key={name} className="c7-check">
              <input
                type="checkbox"
                checked={chosen.includes(name)}
                onChange={(e) => toggle(name, e.target.checked)}
              />
              {name}
              {known.includes(name) ? null : <span className="c7-muted"> (not in Cin7)</span>}
            </label>
          ))}
        </fieldset>
      ) : (
        <label>
          Cin7 locations to count
          <input
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder={`Sale location (${saleLocation})`}
            aria-describedby="c7-stock-locations-hint"
          />
        </label>
      )}
      <p id="c7-stock-locations-hint" className="c7-muted">
        {known.length > 0
          ? `None ticked: the location sales are created in (${saleLocation}).`
          : 'Separate names with commas. Leave empty to count the location sales are created in.'}
      </p>
      <fieldset>
        <legend>Buyers see</legend>
        <label className="c7-check">
          <input
            type="radio"
            name="c7-stock-display"
            checked={display === 'QUANTITY'}
            onChange={() => setDisplay('QUANTITY')}
          />
          How many are available
        </label>
        <label className="c7-check">
          <input
            type="radio"
            name="c7-stock-display"
            checked={display === 'IN_STOCK_ONLY'}
            onChange={() => setDisplay('IN_STOCK_ONLY')}
          />
          Only in stock or out of stock
        </label>
      </fieldset>
      {save.isError ? (
        <p className="c7-alert c7-alert-error" role="alert">
          Could not save the stock settings. {errorMessage(save.error)}
        </p>
      ) : save.isSuccess ? (
        <p className="c7-alert" role="status">
          Stock settings saved.
        </p>
      ) : null}
      <div className="c7-actions">
        <button type="submit" className="c7-button c7-button-primary" disabled={save.isPending}>
          Save stock settings
        </button>
      </div>
    </form>
  );
}

function PassFacts({ status }: { status: StockStatus }) {
  const api = usePanelApi();
  const queryClient = useQueryClient();
  const pass = status.lastPass;
  const active = !!pass && ACTIVE.has(pass.state);
  const sync = useMutation({
    mutationFn: () => startStockPass(api),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: stockKey() }),
  });
  return (
    <>
      <dl className="c7-facts">
        <div>
          <dt>Locations counted</dt>
          <dd>{status.effectiveLocations?.join(', ') ?? 'not known yet'}</dd>
        </div>
        <div>
          <dt>Last pass</dt>
          <dd>
            {pass ? `${passState(pass)} ${formatDateTime(pass.finishedAt ?? pass.startedAt)}` : 'never'}
          </dd>
        </div>
        <div>
          <dt>Next pass</dt>
          <dd>{status.nextPassAt ? formatDateTime(status.nextPassAt) : 'not scheduled'}</dd>
        </div>
        <div>
          <dt>Rows read</dt>
          <dd>{pass?.rowsRead ?? 0}</dd>
        </div>
        <div>
          <dt>Products updated</dt>
          <dd>{pass?.productsUpdated ?? 0}</dd>
        </div>
        <div>
          <dt>Webhook updates</dt>
          <dd>
            {status.webhooks.applied} applied, {status.webhooks.hinted} read again
          </dd>
        </div>
      </dl>
      {pass?.error ? (
        <p className="c7-alert c7-alert-error" role="alert">
          The last pass stopped: {pass.error}
        </p>
      ) : null}
      {pass && pass.skipped > 0 ? (
        <details>
          <summary>{pass.skipped} skipped</summary>
          <ul>
            {pass.skippedItems.map((item) => (
              <li key={`${item.cin7Id}:${item.reason}`}>
                <strong>{item.label}</strong>: {item.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {sync.isError ? (
        <p className="c7-alert c7-alert-error" role="alert">
          Could not start a stock pass. {errorMessage(sync.error)}
        </p>
      ) : null}
      <div className="c7-actions">
        <button
          type="button"
          className="c7-button"
          disabled={active || sync.isPending}
          onClick={() => sync.mutate()}
        >
          {active ? 'Reading Cin7 stock…' : 'Sync stock now'}
        </button>
      </div>
    </>
  );
}

function passState(pass: StockPass): string {
  switch (pass.state) {
    case 'succeeded':
      return 'finished';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'running since';
  }
}
