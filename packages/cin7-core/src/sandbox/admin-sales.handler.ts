import type { AdminRoute } from './admin.handler.js';

/** Sale-related admin routes (list, ship, void, edit lines). */
export const adminSaleRoutes: AdminRoute = () => undefined;
