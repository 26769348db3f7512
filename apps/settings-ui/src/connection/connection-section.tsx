import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Connection } from '@upstock/cin7-contracts';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/api-client.js';
import { usePanelApi } from '../api/panel-api.context.js';
import { allButConnection, cin7Keys } from '../api/query-keys.js';
import { formatDateTime } from '../ui/format.js';
import { LoadError, Loading } from '../ui/query-states.js';
import { ConnectForm } from './connect-form.js';
import { connectionQuery, disconnect } from './connection.queries.js';

export function ConnectionSection() {
  const api = usePanelApi();
  const connection = useQuery(connectionQuery(api));

  return (
    <section className="c7-section" aria-labelledby="c7-connection-title">
      <h2 id="c7-connection-title">Connection</h2>
      {connection.isPending ? (
        <Loading label="Checking the connection to Cin7 Core…" />
      ) : connection.isError ? (
        <LoadError what="the connection" error={connection.error} onRetry={() => void connection.refetch()} />
      ) : connection.data.status === 'disconnected' ? (
        <NotConnected />
      ) : (
        <Connected connection={connection.data} />
      )}
    </section>
  );
}

function NotConnected() {
  return (
    <>
      <p className="c7-status">
        <span className="c7-badge c7-badge-off">Not connected</span>
      </p>
      <p>Connect your Cin7 Core account so approved Upstock orders become sales in Cin7.</p>
      <details className="c7-howto" open>
        <summary>How to get your Account ID and Key</summary>
        <ol>
          <li>In Cin7, go to Integrations › API, then click the Cin7 Core API tile.</li>
          <li>
            Click the plus icon. Enter “Upstock” in the Name field and click <strong>Create</strong>.
          </li>
          <li>You'll get an Account ID and Key to use in Upstock.</li>
          <li>Copy and paste the Account ID and Key into the fields below, then click Connect.</li>
        </ol>
      </details>
      <ConnectForm />
    </>
  );
}

function Connected({ connection }: { connection: Connection }) {
  const { health } = connection;
  return (
    <>
      <p className="c7-status">
        {connection.status === 'paused' ? (
          <span className="c7-badge c7-badge-warn">Paused</span>
        ) : (
          <span className="c7-badge c7-badge-on">Connected</span>
        )}{' '}
        to <strong>{connection.company}</strong>
      </p>
      <dl className="c7-facts">
        <div>
          <dt>Company</dt>
          <dd>{connection.company}</dd>
        </div>
        <div>
          <dt>Base currency</dt>
          <dd>{connection.baseCurrency}</dd>
        </div>
        <div>
          <dt>Account ID</dt>
          <dd className="c7-mono">{connection.accountId}</dd>
        </div>
        <div>
          <dt>API key</dt>
          <dd className="c7-mono">•••• {connection.apiKeyLast4}</dd>
        </div>
        <div>
          <dt>Connected on</dt>
          <dd>{formatDateTime(connection.connectedAt)}</dd>
        </div>
        <div>
          <dt>Last successful call to Cin7</dt>
          <dd>{formatDateTime(health.lastSuccessfulCallAt)}</dd>
        </div>
        <div>
          <dt>Webhooks</dt>
          <dd>{WEBHOOKS[health.webhooks]}</dd>
        </div>
      </dl>
      {connection.accountChange ? (
        <p className="c7-alert c7-alert-warn" role="status">
          {connection.accountChange.message}
        </p>
      ) : null}
      {connection.sharedWith ? (
        <p className="c7-alert c7-alert-warn">
          {connection.sharedWith === 1
            ? 'Another Upstock supplier is connected to this Cin7 account.'
            : `${connection.sharedWith} other Upstock suppliers are connected to this Cin7 account.`}{' '}
          Cin7 allows one account 60 calls a minute, shared by everyone connected to it, so imports and price
          syncs may take longer. Orders still go first.
        </p>
      ) : null}
      {health.pausedUntil ? (
        <p className="c7-alert c7-alert-warn">
          Cin7 asked us to slow down. Syncing resumes after {formatDateTime(health.pausedUntil)}; nothing is
          lost.
        </p>
      ) : null}
      {health.lastError ? (
        <p className="c7-alert c7-alert-error">
          Last error from Cin7: <span className="c7-quote">{health.lastError}</span>
        </p>
      ) : null}
      <DisconnectControl company={connection.company} />
    </>
  );
}

const WEBHOOKS: Record<Connection['health']['webhooks'], string> = {
  registered: 'Registered (shipments arrive within seconds)',
  missing: 'Missing (shipments arrive with the 10-minute check)',
  not_registered: 'Not registered yet',
};

function DisconnectControl({ company }: { company: string }) {
  const api = usePanelApi();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [returnFocus, setReturnFocus] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const mutation = useMutation({
    mutationFn: () => disconnect(api),
    onSuccess: () => {
      queryClient.setQueryData(cin7Keys.connection(), { status: 'disconnected' });
      void queryClient.invalidateQueries(allButConnection);
    },
  });

  // Focus follows the dialog: into it on open, back to the opener on cancel.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (returnFocus) openerRef.current?.focus();
  }, [confirming, returnFocus]);

  if (!confirming) {
    return (
      <div className="c7-actions">
        <button ref={openerRef} type="button" className="c7-button" onClick={() => setConfirming(true)}>
          Disconnect
        </button>
      </div>
    );
  }
  return (
    <div
      className="c7-confirm"
      role="alertdialog"
      aria-labelledby="c7-disconnect-title"
      aria-describedby="c7-disconnect-desc"
    >
      <p id="c7-disconnect-title">
        <strong>Disconnect from {company}?</strong>
      </p>
      <p id="c7-disconnect-desc">
        Upstock forgets the API key and stops all syncing: approved orders are no longer sent to Cin7 and
        shipments no longer come back. Your imported customers, products and prices stay in Upstock.
      </p>
      {mutation.isError ? (
        <p className="c7-alert c7-alert-error" role="alert">
          {errorMessage(mutation.error)}
        </p>
      ) : null}
      <div className="c7-actions">
        <button
          ref={confirmRef}
          type="button"
          className="c7-button c7-button-danger"
          disabled={mutation.isPending}
          onClick={() => mutation.mutate()}
        >
          {mutation.isPending ? 'Disconnecting…' : 'Yes, disconnect'}
        </button>
        <button
          type="button"
          className="c7-button"
          onClick={() => {
            setReturnFocus(true);
            setConfirming(false);
          }}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
