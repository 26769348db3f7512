import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { OrdersPage } from './orders-page.js';
import { PriceListsPage } from './price-lists-page.js';
import { ProductsPage } from './products-page.js';
import { RemotePanel } from './remote-panel.js';
import { moduleBaseUrl } from './shell.config.js';
import { type DemoSupplier, demoSuppliersQuery, fetchAs } from './suppliers.js';

type Route =
  | { page: 'settings' }
  | { page: 'orders'; orderId: string | null }
  | { page: 'price-lists' }
  | { page: 'products' };
const SETTINGS_HASH = '#/settings/integrations/cin7-core';
const ORDERS_HASH = '#/orders';
const PRICE_LISTS_HASH = '#/price-lists';
const PRODUCTS_HASH = '#/products';
const SUPPLIER_KEY = 'upstock-demo-supplier';

export function routeOf(hash: string): Route {
  if (hash.startsWith(ORDERS_HASH)) {
    const orderId = hash.slice(ORDERS_HASH.length).replace(/^\//, '');
    return { page: 'orders', orderId: orderId || null };
  }
  if (hash.startsWith(PRICE_LISTS_HASH)) return { page: 'price-lists' };
  if (hash.startsWith(PRODUCTS_HASH)) return { page: 'products' };
  return { page: 'settings' };
}

function useHashRoute(): Route {
  const [route, setRoute] = useState<Route>(() => routeOf(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeOf(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function App() {
  const route = useHashRoute();
  const suppliers = useQuery(demoSuppliersQuery);
  // The signed-in supplier survives reloads, as a real admin session would.
  const [supplierId, setSupplierId] = useState<string | null>(() => sessionStorage.getItem(SUPPLIER_KEY));
  const chooseSupplier = (id: string) => {
    sessionStorage.setItem(SUPPLIER_KEY, id);
    setSupplierId(id);
  };
  const supplier: DemoSupplier | undefined =
    suppliers.data?.find((s) => s.id === supplierId) ?? suppliers.data?.[0];

  return (
    <div className="shell">
      <header className="shell-header">
        <span className="shell-brand">Upstock admin</span>
        <nav aria-label="Main">
          <a href={ORDERS_HASH} aria-current={route.page === 'orders' ? 'page' : undefined}>
            Orders
          </a>
          <a href={PRODUCTS_HASH} aria-current={route.page === 'products' ? 'page' : undefined}>
            Products
          </a>
          <a href={PRICE_LISTS_HASH} aria-current={route.page === 'price-lists' ? 'page' : undefined}>
            Price lists
          </a>
          <a href={SETTINGS_HASH} aria-current={route.page === 'settings' ? 'page' : undefined}>
            Settings
          </a>
        </nav>
        {suppliers.data && supplier ? (
          <label className="shell-supplier">
            Supplier
            <select value={supplier.id} onChange={(e) => chooseSupplier(e.target.value)}>
              {suppliers.data.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </header>
      <main className="shell-main">
        {suppliers.isPending ? (
          <p role="status">Signing in…</p>
        ) : suppliers.isError ? (
          <div role="alert" className="shell-error">
            <p>Could not load the demo suppliers from the API. Is it running?</p>
            <p className="shell-muted">{suppliers.error.message}</p>
            <button type="button" onClick={() => void suppliers.refetch()}>
              Try again
            </button>
          </div>
        ) : !supplier ? (
          <p>The reference host has no demo suppliers.</p>
        ) : route.page === 'orders' ? (
          <OrdersPage key={supplier.id} supplier={supplier} orderId={route.orderId} />
        ) : route.page === 'products' ? (
          <ProductsPage key={supplier.id} supplier={supplier} />
        ) : route.page === 'price-lists' ? (
          <PriceListsPage key={supplier.id} supplier={supplier} />
        ) : (
          <SettingsPage key={supplier.id} supplier={supplier} />
        )}
      </main>
    </div>
  );
}

function SettingsPage({ supplier }: { supplier: DemoSupplier }) {
  // One fetch per supplier: the panel is remounted (key) when the supplier changes, so no data crosses tenants.
  const authedFetch = useMemo(() => fetchAs(supplier.token), [supplier.token]);
  return (
    <>
      <nav className="shell-breadcrumb" aria-label="Breadcrumb">
        Settings › Integrations › <strong aria-current="page">Cin7 Core</strong>
      </nav>
      <RemotePanel apiBaseUrl={moduleBaseUrl} fetch={authedFetch} theme={{ accentColor: '#5b3cc4' }} />
    </>
  );
}
