export interface SupplierNotification {
  kind: 'order-totals-mismatch' | 'sale-voided' | 'push-failed' | 'connection-problem';
  title: string;
  message: string;
  orderId?: string;
}

/** "We'll give you a heads up": how the module tells a supplier something needs attention. */
export interface NotificationsPort {
  notify(supplierId: string, notification: SupplierNotification): Promise<void>;
}
