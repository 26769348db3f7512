export interface HostAddress {
  line1: string;
  line2: string | null;
  city: string | null;
  state: string | null;
  postcode: string | null;
  country: string;
}

export interface HostContact {
  name: string;
  email: string | null;
  phone: string | null;
  isDefault: boolean;
}

export interface HostCustomer {
  id: string;
  name: string;
  email: string | null;
  currency: string | null;
}

/** A customer as the import writes it; `id` set = update that Upstock customer, absent = create. */
export interface CustomerUpsert {
  id?: string;
  name: string;
  /** The default contact's email, used for invitations. */
  email: string | null;
  contacts: HostContact[];
  billingAddress: HostAddress | null;
  shippingAddresses: HostAddress[];
  priceTier: string | null;
  /** Customer-level discount %, shown to the supplier only; buyers see final prices. */
  discountPercent: number;
  salesRepresentative: string | null;
  currency: string;
  /** Why orders from this customer cannot be sent to Cin7 (e.g. a foreign currency), or null. */
  orderingBlockedReason: string | null;
}

export interface CustomersPort {
  list(
    supplierId: string,
    query: { search?: string; limit: number; offset: number },
  ): Promise<{ items: HostCustomer[]; total: number }>;
  find(supplierId: string, customerId: string): Promise<HostCustomer | null>;
  /** Writes a batch; answers the Upstock ids in input order. Must be atomic per batch. */
  upsertMany(supplierId: string, customers: CustomerUpsert[]): Promise<string[]>;
  /** Marks (or clears) why a customer cannot order through the integration. */
  setOrderingBlocked(supplierId: string, customerId: string, reason: string | null): Promise<void>;
}
