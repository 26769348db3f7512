export interface HostOrderLine {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  /** Unit price from the Upstock price list, tax exclusive, in the order's currency. */
  unitPrice: number;
}

export interface HostOrder {
  id: string;
  number: string;
  reference: string | null;
  customerId: string;
  currency: string;
  status: 'draft' | 'approved' | 'shipped' | 'cancelled';
  /** YYYY-MM-DD */
  orderDate: string;
  /** YYYY-MM-DD */
  deliveryDate: string | null;
  /** Comments, oldest first. */
  comments: string[];
  /** A tracking link or a tracking number, as typed in Upstock. */
  tracking: string | null;
  lines: HostOrderLine[];
  /** Freight charge, tax exclusive; null = none. */
  freight: number | null;
  /** Order total, tax exclusive (lines + freight). */
  total: number;
}

export interface ShipmentInfo {
  trackingNumber: string | null;
  trackingUrl: string | null;
  carrier: string | null;
  shippedAt: string;
}

export interface OrdersPort {
  findOrder(supplierId: string, orderId: string): Promise<HostOrder | null>;
  markShipped(supplierId: string, orderId: string, shipment: ShipmentInfo): Promise<void>;
  /** Flags the order when its totals no longer match Cin7 (so payment is not taken); null clears the flag. */
  setTotalsMismatch(supplierId: string, orderId: string, explanation: string | null): Promise<void>;
}
