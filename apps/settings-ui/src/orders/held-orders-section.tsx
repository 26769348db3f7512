import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrderSync } from '@upstock/cin7-contracts';
import { useState } from 'react';
import { errorMessage } from '../api/api-client.js';
import { usePanelApi } from '../api/panel-api.context.js';
import { cin7Keys } from '../api/query-keys.js';
import { heldOrdersQuery, sendHeldOrders, sendOrderToCin7 } from './orders.queries.js';

/**
 * Orders that did not go to Cin7 and wait for the supplier: approved while Cin7 was disconnected (offered here
 * once reconnected, never sent on their own) or refused for a reason they can fix. Shown only when there are some.
 */
export function HeldOrdersSection() {
  const api = usePanelApi();
  const queryClient = useQueryClient();
  const held = useQuery(heldOrdersQuery(api));
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: cin7Keys.orders() });
  const sendAll = useMutation({
    mutationFn: () => sendHeldOrders(api),
    onSuccess: ({ queued }) => {
      setMessage(
        queued === 0
          ? 'Those orders were already on their way to Cin7.'
          : `${queued} ${queued === 1 ? 'order is' : 'orders are'} on the way to Cin7. Each is sent once; Order activity shows the sale numbers.`,
      );
      refresh();
    },
  });

  if (!held.data || (held.data.items.length === 0 && !message)) return null;
  const { items, held: heldCount } = held.data;
  return (
    <section className="c7-section c7-section-attention" aria-labelledby="c7-held-title">
      <h2 id="c7-held-title">Orders not sent to Cin7</h2>
      {message ? (
        <p className="c7-alert c7-alert-ok" role="status">
          {message}
        </p>
      ) : null}
      {heldCount > 0 ? (
        <div className="c7-alert c7-alert-warn">
          <p>
            {heldCount} {heldCount === 1 ? 'order was' : 'orders were'} approved while Cin7 was disconnected.
            Nothing was sent. Check them, then send them to Cin7.
          </p>
          {sendAll.isError ? (
            <p className="c7-field-error" role="alert">
              {errorMessage(sendAll.error)}
            </p>
          ) : null}
          <button
            type="button"
            className="c7-button c7-button-primary"
            disabled={sendAll.isPending}
            onClick={() => sendAll.mutate()}
          >
            {sendAll.isPending ? 'Sending…' : `Send ${heldCount === 1 ? 'it' : `all ${heldCount}`} to Cin7`}
          </button>
        </div>
      ) : null}
      {items.length > 0 ? (
        <ul className="c7-list" aria-label="Orders not sent to Cin7">
          {items.map((order) => (
            <HeldOrderRow key={order.orderId} order={order} onSent={setMessage} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function HeldOrderRow({ order, onSent }: { order: OrderSync; onSent: (message: string) => void }) {
  const api = usePanelApi();
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: () => sendOrderToCin7(api, order.orderId),
    onSuccess: () => {
      onSent(`Order ${order.orderNumber} is on the way to Cin7.`);
      void queryClient.invalidateQueries({ queryKey: cin7Keys.orders() });
    },
  });
  return (
    <li>
      <div className="c7-row">
        <div className="c7-grow">
          <strong>Order {order.orderNumber}</strong>
          <span className="c7-muted">
            {' '}
            · {order.customerName} · {order.total.toFixed(2)} {order.currency}
          </span>
          <p className="c7-warn-text">{order.error}</p>
          {order.state === 'refused' ? (
            <p className="c7-hint">Fix this first (for example link the customer above), then send it.</p>
          ) : null}
        </div>
        <button type="button" className="c7-button" disabled={send.isPending} onClick={() => send.mutate()}>
          {send.isPending ? 'Sending…' : 'Send to Cin7'}
          <span className="c7-sr-only"> order {order.orderNumber}</span>
        </button>
      </div>
      {send.isError ? (
        <p className="c7-field-error" role="alert">
          {errorMessage(send.error)}
        </p>
      ) : null}
    </li>
  );
}
