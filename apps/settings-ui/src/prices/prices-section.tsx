import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PriceChanges, PriceStatus, UnsupportedPriceFeature } from '@upstock/cin7-contracts';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/api-client.js';
import { usePanelApi, usePollMs } from '../api/panel-api.context.js';
import { cin7Keys } from '../api/query-keys.js';
import { isJobActive, jobQuery } from '../jobs/job.queries.js';
import { JobProgress, JobSummary } from '../jobs/job-progress.js';
import { formatDateTime } from '../ui/format.js';
import { LoadError, Loading } from '../ui/query-states.js';
import { TableScroll } from '../ui/table-scroll.js';
import { priceStatusQuery, startPriceSync } from './prices.queries.js';

const UNSUPPORTED: Record<UnsupportedPriceFeature, string> = {
  'product-discounts': 'Product-level discounts',
  'volume-discounts': 'Volume-based discounts',
  deals: 'Deals and coupons',
};

export function PricesSection() {
  const api = usePanelApi();
  const status = useQuery(priceStatusQuery(api));
  return (
    <section className="c7-section" aria-labelledby="c7-prices-title">
      <h2 id="c7-prices-title">Prices</h2>
      <p>
        Cin7 price tiers become Upstock price lists (Tier 1 is the base price); customer-specific prices and
        customer-level discounts apply per customer. Prices sync every hour, when you match a customer, and
        when you ask.
      </p>
      {status.isPending ? (
        <Loading label="Loading price sync status…" />
      ) : status.isError ? (
        <LoadError what="the price sync status" error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <PriceStatusView status={status.data} />
      )}
    </section>
  );
}

function PriceStatusView({ status }: { status: PriceStatus }) {
  const api = usePanelApi();
  const queryClient = useQueryClient();
  const pollMs = usePollMs();
  const [jobId, setJobId] = useState<string | null>(null);
  const id = jobId ?? status.running?.id ?? null;
  const job = useQuery({ ...jobQuery(api, id ?? '', pollMs), enabled: id !== null });
  const active = isJobActive(job.data);

  const sync = useMutation({
    mutationFn: () => startPriceSync(api),
    onSuccess: (started) => {
      queryClient.setQueryData(cin7Keys.job(started.id), started);
      setJobId(started.id);
    },
  });

  const finished = job.data !== undefined && !active;
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: cin7Keys.prices() });
  }, [finished, queryClient]);

  const shownRun = job.data && !active && jobId ? job.data : status.lastRun;
  return (
    <>
      <dl className="c7-facts">
        <div>
          <dt>Last sync</dt>
          <dd>{formatDateTime(status.lastSyncAt)}</dd>
        </div>
        <div>
          <dt>Next sync</dt>
          <dd>{status.nextSyncAt ? formatDateTime(status.nextSyncAt) : 'not scheduled'}</dd>
        </div>
      </dl>
      {job.data && active ? <JobProgress job={job.data} label="Price sync" counts={false} /> : null}
      {!active && shownRun ? <JobSummary job={shownRun} label="Price sync" counts={false} /> : null}
      {sync.isError ? (
        <p className="c7-alert c7-alert-error" role="alert">
          Could not start the price sync. {errorMessage(sync.error)}
        </p>
      ) : null}
      <div className="c7-actions">
        <button
          type="button"
          className="c7-button c7-button-primary"
          disabled={active || sync.isPending}
          onClick={() => sync.mutate()}
        >
          {active ? 'Syncing prices…' : 'Sync Cin7 prices'}
        </button>
      </div>
      {!active && status.lastChanges ? <LastChanges changes={status.lastChanges} /> : null}
      <h3>Price lists in Upstock</h3>
      {status.priceLists.length === 0 ? (
        <p className="c7-muted">
          {status.lastSyncAt
            ? 'No price lists: the last sync found no linked products or customers to price. Import them (Import above), then sync again.'
            : 'No price lists yet: they appear after the first sync.'}
        </p>
      ) : (
        <TableScroll label="Price lists">
          <table>
            <thead>
              <tr>
                <th scope="col">Price list</th>
                <th scope="col">From Cin7</th>
                <th scope="col">Prices</th>
                <th scope="col">Customers</th>
              </tr>
            </thead>
            <tbody>
              {status.priceLists.map((list) => (
                <tr key={`${list.source}:${list.name}`}>
                  <td>
                    {list.name}
                    {list.isBase ? <span className="c7-muted"> (base price)</span> : null}
                  </td>
                  <td>{list.source === 'tier' ? 'Price tier' : 'Customer prices'}</td>
                  <td>{list.entries}</td>
                  <td>{list.customers}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h3>Not applied from Cin7</h3>
      {status.unsupported.length === 0 ? (
        <p className="c7-muted">
          {status.lastSyncAt
            ? 'No product discounts, volume discounts or deals were found in Cin7: every Cin7 price is reflected.'
            : 'Checked at the first sync: product discounts, volume discounts and deals are reported here.'}
        </p>
      ) : (
        <>
          <p>
            These Cin7 features are not applied to Upstock prices. To use them, create sales as Draft and
            apply the discount in Cin7.
          </p>
          <ul>
            {status.unsupported.map((u) => (
              <li key={u.feature}>
                <strong>{UNSUPPORTED[u.feature]}</strong>: {u.count} found
                {u.examples.length > 0 ? ` (e.g. ${u.examples.slice(0, 3).join(', ')})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

const customers = (n: number) => `${n} ${n === 1 ? 'customer' : 'customers'}`;

/** What the last sync changed, in one short list (only what moved). */
function LastChanges({ changes }: { changes: PriceChanges }) {
  const lines: string[] = [];
  const { added, changed, removed } = changes.basePrices;
  if (added + changed + removed > 0)
    lines.push(`Base prices (Tier 1): ${added} added, ${changed} changed, ${removed} removed.`);
  for (const list of changes.lists) {
    const what = list.created
      ? 'new list'
      : list.renamedFrom
        ? `renamed from ${list.renamedFrom}`
        : 'updated';
    lines.push(
      `${list.name} (${what}): ${list.added} added, ${list.changed} changed, ${list.removed} removed.`,
    );
  }
  if (changes.customersReassigned > 0)
    lines.push(`${customers(changes.customersReassigned)} moved to another price list.`);
  if (changes.customerPricesReplaced > 0)
    lines.push(`Customer-specific prices refreshed for ${customers(changes.customerPricesReplaced)}.`);
  if (changes.orderingBlocked > 0)
    lines.push(
      `${customers(changes.orderingBlocked)} can no longer order through Cin7 (another currency than Cin7's).`,
    );
  if (changes.orderingUnblocked > 0)
    lines.push(`${customers(changes.orderingUnblocked)} can order through Cin7 again.`);
  return (
    <details>
      <summary>What the last sync changed</summary>
      {lines.length === 0 ? <p className="c7-muted">Nothing: prices already matched Cin7.</p> : null}
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </details>
  );
}
