import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { createHostApi, type HostApi, type HostOrder } from './host-api.js';
import { StockLabel } from './stock-label.js';
import { type DemoSupplier, fetchAs } from './suppliers.js';

const STATUS: Record<HostOrder['status'], string> = {
  draft: 'Draft',
  approved: 'Approved',
  shipped: 'Shipped',
  cancelled: 'Cancelled',
};

const money = (currency: string, value: number) => `${currency} ${value.toFixed(2)}`;

/** The host's orders: a buyer's order comes in, the supplier edits it and approves it; status and tracking follow. */
export function OrdersPage({ supplier, orderId }: { supplier: DemoSupplier; orderId: string | null }) {
  const api = useMemo(() => createHostApi(fetchAs(supplier.token)), [supplier.token]);
  return orderId ? <OrderDetail api={api} orderId={orderId} /> : <OrderList api={api} supplier={supplier} />;
}

function useCustomers(api: HostApi) {
  return useQuery({ queryKey: ['host', 'customers'], queryFn: api.customers });
}

function OrderList({ api, supplier }: { api: HostApi; supplier: DemoSupplier }) {
  const orders = useQuery({ queryKey: ['host', 'orders'], queryFn: api.orders, refetchInterval: 5000 });
  const customers = useCustomers(api);
  const names = new Map((customers.data ?? []).map((c) => [c.id, c.name]));
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">Orders</h1>
      <p className="shell-muted">Orders placed with {supplier.name}.</p>
      <NewOrderForm api={api} />
      {orders.isPending ? (
        <p role="status">Loading orders…</p>
      ) : orders.isError ? (
        <p role="alert" className="shell-error">
          Could not load orders: {orders.error.message}
        </p>
      ) : orders.data.length === 0 ? (
        <p>No orders yet.</p>
      ) : (
        <div className="shell-table-wrap">
          <table className="shell-table" aria-label="Orders">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Customer</th>
                <th scope="col">Status</th>
                <th scope="col">Tracking</th>
              </tr>
            </thead>
            <tbody>
              {orders.data.map((o) => (
                <tr key={o.id}>
                  <td>
                    <a href={`#/orders/${o.id}`}>{o.number}</a>
                  </td>
                  <td>{names.get(o.customerId) ?? '…'}</td>
                  <td>
                    {STATUS[o.status]}
                    {o.totalsMismatch ? <span className="shell-flag"> · totals differ from Cin7</span> : null}
                  </td>
                  <td>{o.tracking ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** What a buyer sends: a customer, some lines, maybe a delivery date, a reference and a comment. */
function NewOrderForm({ api }: { api: HostApi }) {
  const queryClient = useQueryClient();
  const customers = useCustomers(api);
  const products = useQuery({ queryKey: ['host', 'products'], queryFn: api.products });
  const [customerId, setCustomerId] = useState('');
  const [productId, setProductId] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [deliveryDate, setDeliveryDate] = useState('');
  const [reference, setReference] = useState('');
  const [comment, setComment] = useState('');
  const create = useMutation({
    mutationFn: () =>
      api.createOrder({
        customerId,
        lines: [{ productId, quantity: Number(quantity) }],
        deliveryDate: deliveryDate || null,
        reference: reference || null,
        ...(comment ? { comment } : {}),
      }),
    onSuccess: (order) => {
      void queryClient.invalidateQueries({ queryKey: ['host', 'orders'] });
      window.location.hash = `#/orders/${order.id}`;
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <details className="shell-card">
      <summary>New order (as a buyer would place it)</summary>
      <form className="shell-form" onSubmit={onSubmit} aria-label="New order">
        <label>
          Customer
          <select required value={customerId} onChange={(e) => setCustomerId(e.target.value)}>
            <option value="">Choose a customer</option>
            {(customers.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Product
          <select required value={productId} onChange={(e) => setProductId(e.target.value)}>
            <option value="">Choose a product</option>
            {(products.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.sku}: {p.name}
              </option>
            ))}
          </select>
          <StockLabel product={products.data?.find((p) => p.id === productId)} />
        </label>
        <label>
          Quantity
          <input
            inputMode="decimal"
            required
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
          />
        </label>
        <label>
          Delivery date
          <input type="date" value={deliveryDate} onChange={(e) => setDeliveryDate(e.target.value)} />
        </label>
        <label>
          Reference
          <input value={reference} onChange={(e) => setReference(e.target.value)} />
        </label>
        <label>
          Comment
          <input value={comment} onChange={(e) => setComment(e.target.value)} />
        </label>
        {create.isError ? (
          <p role="alert" className="shell-error">
            {create.error.message}
          </p>
        ) : null}
        <button type="submit" disabled={create.isPending}>
          Place order
        </button>
      </form>
    </details>
  );
}

function OrderDetail({ api, orderId }: { api: HostApi; orderId: string }) {
  // While approved, the order waits for Cin7 to ship it: keep looking.
  const order = useQuery({
    queryKey: ['host', 'orders', orderId],
    queryFn: () => api.order(orderId),
    refetchInterval: (q) => (q.state.data?.status === 'approved' ? 2000 : false),
  });
  const customers = useCustomers(api);
  if (order.isPending) return <p role="status">Loading the order…</p>;
  if (order.isError)
    return (
      <p role="alert" className="shell-error">
        Could not load the order: {order.error.message}
      </p>
    );
  const o = order.data;
  const customer = customers.data?.find((c) => c.id === o.customerId);
  return (
    <section aria-labelledby="order-title">
      <p>
        <a href="#/orders">‹ Orders</a>
      </p>
      <h1 id="order-title">Order {o.number}</h1>
      <dl className="shell-facts">
        <div>
          <dt>Status</dt>
          <dd data-testid="order-status">{STATUS[o.status]}</dd>
        </div>
        <div>
          <dt>Customer</dt>
          <dd>{customer?.name ?? '…'}</dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd>{money(o.currency, o.total)}</dd>
        </div>
        <div>
          <dt>Delivery date</dt>
          <dd>{o.deliveryDate ?? 'none'}</dd>
        </div>
        <div>
          <dt>Tracking</dt>
          <dd data-testid="order-tracking">
            <Tracking order={o} />
          </dd>
        </div>
        {o.carrier ? (
          <div>
            <dt>Carrier</dt>
            <dd>{o.carrier}</dd>
          </div>
        ) : null}
      </dl>
      {o.totalsMismatch ? (
        <p role="alert" className="shell-error">
          Totals differ from Cin7: {o.totalsMismatch}
        </p>
      ) : null}
      {o.status === 'draft' ? <EditOrder api={api} order={o} /> : <OrderLines api={api} order={o} />}
      <Comments api={api} order={o} />
    </section>
  );
}

function OrderLines({ api, order }: { api: HostApi; order: HostOrder }) {
  const products = useQuery({ queryKey: ['host', 'products'], queryFn: api.products });
  return (
    <div className="shell-table-wrap">
      <table className="shell-table" aria-label="Lines">
        <thead>
          <tr>
            <th scope="col">SKU</th>
            <th scope="col">Product</th>
            <th scope="col">Quantity</th>
            <th scope="col">Unit price</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l) => (
            <tr key={l.productId}>
              <td>{l.sku}</td>
              <td>
                {l.name} <StockLabel product={products.data?.find((p) => p.id === l.productId)} />
              </td>
              <td>{l.quantity}</td>
              <td>{money(order.currency, l.unitPrice)}</td>
            </tr>
          ))}
          <tr>
            <td colSpan={3}>Freight</td>
            <td>{order.freight === null ? 'none' : money(order.currency, order.freight)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** The supplier adjusts quantities and freight, then approves: the module pushes the sale to Cin7. */
function EditOrder({ api, order }: { api: HostApi; order: HostOrder }) {
  const queryClient = useQueryClient();
  const [quantities, setQuantities] = useState(() => order.lines.map((l) => String(l.quantity)));
  const [freight, setFreight] = useState(order.freight === null ? '' : String(order.freight));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['host', 'orders'] });
  const save = useMutation({
    mutationFn: () =>
      api.updateOrder(order.id, {
        lines: order.lines.map((l, i) => ({ productId: l.productId, quantity: Number(quantities[i]) })),
        freight: freight === '' ? null : Number(freight),
      }),
    onSuccess: refresh,
  });
  const approve = useMutation({ mutationFn: () => api.approve(order.id), onSuccess: refresh });
  return (
    <form
      className="shell-form"
      aria-label="Edit order"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {order.lines.map((l, i) => (
        <label key={l.productId}>
          Quantity of {l.sku} ({money(order.currency, l.unitPrice)} each)
          <input
            inputMode="decimal"
            value={quantities[i] ?? ''}
            onChange={(e) => setQuantities((q) => q.map((v, j) => (j === i ? e.target.value : v)))}
          />
        </label>
      ))}
      <label>
        Freight ({order.currency})
        <input inputMode="decimal" value={freight} onChange={(e) => setFreight(e.target.value)} />
      </label>
      {save.isSuccess ? <p role="status">Changes saved.</p> : null}
      {save.isError || approve.isError ? (
        <p role="alert" className="shell-error">
          {(save.error ?? approve.error)?.message}
        </p>
      ) : null}
      <div className="shell-actions">
        <button type="submit" disabled={save.isPending}>
          Save changes
        </button>
        <button
          type="button"
          className="shell-primary"
          disabled={approve.isPending}
          onClick={() => approve.mutate()}
        >
          Approve order
        </button>
      </div>
    </form>
  );
}

function Comments({ api, order }: { api: HostApi; order: HostOrder }) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: () => api.comment(order.id, body),
    onSuccess: () => {
      setBody('');
      void queryClient.invalidateQueries({ queryKey: ['host', 'orders', order.id] });
    },
  });
  return (
    <section aria-labelledby="comments-title">
      <h2 id="comments-title">Comments</h2>
      {order.comments.length === 0 ? <p className="shell-muted">No comments.</p> : null}
      <ul>
        {order.comments.map((c, i) => (
          // Comments have no id in the host's answer and never reorder: position is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={i}>{c}</li>
        ))}
      </ul>
      <form
        className="shell-inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (body.trim()) add.mutate();
        }}
      >
        <label>
          Add a comment
          <input value={body} onChange={(e) => setBody(e.target.value)} />
        </label>
        <button type="submit" disabled={add.isPending}>
          Add comment
        </button>
      </form>
      {add.isError ? (
        <p role="alert" className="shell-error">
          {add.error.message}
        </p>
      ) : null}
    </section>
  );
}

/** Cin7's tracking number, linked to the carrier's page when Cin7 gave one; else what Upstock's field holds. */
function Tracking({ order }: { order: HostOrder }) {
  const url =
    order.trackingUrl ?? (order.tracking && /^https?:\/\//.test(order.tracking) ? order.tracking : null);
  const text = order.trackingNumber ?? order.tracking ?? 'none yet';
  return url ? (
    <a href={url} target="_blank" rel="noreferrer" className="shell-tracking">
      {text}
    </a>
  ) : (
    text
  );
}
