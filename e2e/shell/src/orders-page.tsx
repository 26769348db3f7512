import type { DemoSupplier } from './suppliers.js';

/** The host's orders (grown in issue 8: create, edit, approve, see status, tracking and drift). */
export function OrdersPage({ supplier }: { supplier: DemoSupplier }) {
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">Orders</h1>
      <p className="shell-muted">Orders of {supplier.name} appear here.</p>
    </section>
  );
}
