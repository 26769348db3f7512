import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrderSync, OrderSyncState } from '@upstock/cin7-contracts';
import { useState } from 'react';
import { errorMessage } from '../api/api-client.js';
import { usePanelApi, usePollMs } from '../api/panel-api.context.js';
import { cin7Keys } from '../api/query-keys.js';
import { formatDateTime } from '../ui/format.js';
import { LoadError, Loading } from '../ui/query-states.js';
import { orderSyncDetailQuery, recentOrderSyncsQuery, retryOrderSync } from './orders.queries.js';

const STATE: Record<OrderSyncState, { label: string; badge: string }> = {
  pending: { label: 'Waiting to send', badge: 'c7-badge-off' },
  pushing: { label: 'Sending to Cin7', badge: 'c7-badge-off' },
  pushed: { label: 'In Cin7', badge: 'c7-badge-on' },
  failed: { label: 'Failed', badge: 'c7-badge-error' },
  refused: { label: 'Not sent', badge: 'c7-badge-warn' },
  shipped: { label: 'Shipped', badge: 'c7-badge-on' },
  held: { label: 'Held: approved while disconnected', badge: 'c7-badge-warn' },
};

export function OrderActivitySection() {
  const api = usePanelApi();
  const recent = useQuery(recentOrderSyncsQuery(api, usePollMs()));
  return (
    <section className="c7-section" aria-labelledby="c7-orders-title">
      <h2 id="c7-orders-title">Order activity</h2>
      <p>Approved orders on their way to Cin7, newest first. Shipments in Cin7 mark orders shipped here.</p>
      {recent.isPending ? (
        <Loading label="Loading order activity…" />
      ) : recent.isError ? (
        <LoadError what="order activity" error={recent.error} onRetry={() => void recent.refetch()} />
      ) : recent.data.items.length === 0 ? (
        <p className="c7-muted">
          No orders sent yet. When you approve an order in Upstock, it shows up here.
        </p>
      ) : (
        <ul className="c7-list" aria-label="Recent orders">
          {recent.data.items.map((order) => (
            <OrderRow key={order.orderId} order={order} />
          ))}
        </ul>
      )}
    </section>
  );
}

function OrderRow({ order }: { order: OrderSync }) {
  const [showTimeline, setShowTimeline] = useState(false);
  const state = STATE[order.state];
  const timelineId = `c7-timeline-${order.orderId}`;
  return (
    <li>
      <div className="c7-row">
        <div>
          <strong>Order {order.orderNumber}</strong> <span className="c7-muted">· {order.customerName}</span>
          <div className="c7-muted">
            {order.currency} {order.total.toFixed(2)} · approved {formatDateTime(order.approvedAt)}
            {order.cin7SaleNumber ? ` · Cin7 ${order.cin7SaleNumber}` : ''}
            {order.tracking ? ` · tracking ${order.tracking}` : ''}
          </div>
        </div>
        <span className={`c7-badge ${state.badge}`}>{state.label}</span>
      </div>
      {order.error ? (
        <p className={`c7-alert ${order.state === 'failed' ? 'c7-alert-error' : 'c7-alert-warn'}`}>
          {order.state === 'failed' ? 'Cin7 said: ' : ''}
          <span className="c7-quote">{order.error}</span>
        </p>
      ) : null}
      {order.totalsMismatch ? (
        <p className="c7-alert c7-alert-warn">
          Totals no longer match Cin7: {order.totalsMismatch} Update the order in Upstock before taking
          payment.
        </p>
      ) : null}
      <div className="c7-actions">
        {order.state === 'failed' ? <RetryButton order={order} /> : null}
        <button
          type="button"
          className="c7-button"
          aria-expanded={showTimeline}
          aria-controls={timelineId}
          onClick={() => setShowTimeline((v) => !v)}
        >
          {showTimeline ? 'Hide timeline' : 'Show timeline'}
          <span className="c7-sr-only"> of order {order.orderNumber}</span>
        </button>
      </div>
      {showTimeline ? <Timeline id={timelineId} orderId={order.orderId} /> : null}
    </li>
  );
}

function RetryButton({ order }: { order: OrderSync }) {
  const api = usePanelApi();
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => retryOrderSync(api, order.orderId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: cin7Keys.orders() }),
  });
  return (
    <>
      <button
        type="button"
        className="c7-button c7-button-primary"
        disabled={retry.isPending}
        onClick={() => retry.mutate()}
      >
        {retry.isPending ? 'Retrying…' : 'Retry'}
        <span className="c7-sr-only"> order {order.orderNumber}</span>
      </button>
      {retry.isError ? (
        <p className="c7-alert c7-alert-error" role="alert">
          Could not retry. {errorMessage(retry.error)}
        </p>
      ) : null}
    </>
  );
}

function Timeline({ id, orderId }: { id: string; orderId: string }) {
  const api = usePanelApi();
  const detail = useQuery(orderSyncDetailQuery(api, orderId));
  return (
    <div id={id} className="c7-timeline">
      {detail.isPending ? (
        <Loading label="Loading the timeline…" />
      ) : detail.isError ? (
        <LoadError what="the timeline" error={detail.error} onRetry={() => void detail.refetch()} />
      ) : detail.data.timeline.length === 0 ? (
        <p className="c7-muted">Nothing has happened yet.</p>
      ) : (
        <ol aria-label="Timeline">
          {detail.data.timeline.map((event) => (
            <li key={`${event.at}-${event.type}-${event.message}`}>
              <time dateTime={event.at}>{formatDateTime(event.at)}</time> {event.message}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
