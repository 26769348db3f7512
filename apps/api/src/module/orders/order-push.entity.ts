import type { OrderSyncEventType } from '@upstock/cin7-contracts';
import type { Cin7SaleHeaderInput, Cin7SaleOrderInput } from '@upstock/cin7-core';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

/**
 * Where a push stands (the same words as the panel's contract, `orderSyncStateSchema`):
 * - `pending`: approved, waiting for a worker, or for Cin7 to answer again (`next_attempt_at`);
 * - `pushing`: a worker is creating the sale (header, then lines);
 * - `pushed`: the sale exists in Cin7 with its lines (`cin7_sale_id`, `cin7_order_number`);
 * - `failed`: Cin7 said no (its words in `last_error`), or the connection was removed; `POST .../retry`;
 * - `refused`: refused before calling Cin7 (currency, unlinked customer or product, no location);
 * - `shipped`: set by the shipments feature once Cin7 shipped the sale;
 * - `held`: approved while Cin7 was disconnected; waits for the supplier to send it (never sent on its own).
 */
export type OrderPushState = 'pending' | 'pushing' | 'pushed' | 'failed' | 'refused' | 'shipped' | 'held';

/** What was (or will be) sent, kept so a resumed push completes the same sale and shipments/drift can compare. */
export interface SentSaleSnapshot {
  /** `POST /sale` body. */
  header: Cin7SaleHeaderInput;
  /** `POST /sale/order` body without SaleID (known only after the header). */
  order: Omit<Cin7SaleOrderInput, 'SaleID'>;
  /**
   * What was sent, in the order's currency: the lines and freight as Upstock priced them (tax included when
   * `taxInclusive`), the tax, and the sale's totals before and with tax (Cin7's `TotalBeforeTax` and `Total`).
   * Snapshots from before tax was sent lack `beforeTax`, `tax` and `taxInclusive`.
   */
  totals: {
    lines: number;
    freight: number;
    beforeTax?: number;
    tax?: number;
    total: number;
    taxInclusive?: boolean;
    currency: string;
  };
  /** Tracking to set on the sale's shipment, if the order carried one. */
  tracking: { trackingNumber: string | null; trackingUrl: string | null } | null;
}

/** One per approved Upstock order: the durable record that makes its Cin7 sale happen exactly once. */
@Entity({ name: 'cin7_order_push' })
@Unique('cin7_order_push_supplier_order', ['supplierId', 'upstockOrderId'])
@Index('cin7_order_push_supplier_state', ['supplierId', 'state', 'updatedAt'])
export class OrderPushEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  @Column({ name: 'upstock_order_id', type: 'text' })
  upstockOrderId: string;

  @Column({ type: 'text' })
  state: OrderPushState;

  /** Stable per order (`upstock-order:<orderId>`): Cin7's ExternalID, how the sale is found again. */
  @Column({ name: 'external_id', type: 'text' })
  externalId: string;

  /** Stored the moment Cin7 answers the header (or a lookup finds it); shipments read it. */
  @Column({ name: 'cin7_sale_id', type: 'uuid', nullable: true })
  cin7SaleId: string | null;

  @Column({ name: 'cin7_order_number', type: 'text', nullable: true })
  cin7OrderNumber: string | null;

  /** Upstock order number and reference at approval, for lists without asking the host. */
  @Column({ name: 'order_number', type: 'text', nullable: true })
  orderNumber: string | null;

  /** Set before `POST /sale` is sent: from then on, the sale may exist and is looked up before any create. */
  @Column({ name: 'header_sent_at', type: 'timestamptz', nullable: true })
  headerSentAt: Date | null;

  /** Set before `POST /sale/order` is sent: from then on, the sale is read before its lines are sent again. */
  @Column({ name: 'lines_sent_at', type: 'timestamptz', nullable: true })
  linesSentAt: Date | null;

  @Column({ name: 'sent_snapshot', type: 'jsonb', nullable: true })
  sentSnapshot: SentSaleSnapshot | null;

  @Column({
    name: 'sent_total',
    type: 'numeric',
    precision: 18,
    scale: 4,
    nullable: true,
    transformer: numeric(),
  })
  sentTotal: number | null;

  @Column({ type: 'text', nullable: true })
  currency: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** With `refused`: a stable code when the supplier can fix the cause (`RefusalCode`), else null. */
  @Column({ name: 'refusal_code', type: 'text', nullable: true })
  refusalCode: string | null;

  @Column({ name: 'customer_name', type: 'text', nullable: true })
  customerName: string | null;

  /** Set by the shipments feature when Cin7's totals no longer match the Upstock order. */
  @Column({ name: 'totals_mismatch', type: 'text', nullable: true })
  totalsMismatch: string | null;

  @Column({ name: 'shipped_at', type: 'timestamptz', nullable: true })
  shippedAt: Date | null;

  /** A worker holds the push until then (module clock); another worker only takes it once this has passed. */
  @Column({ name: 'lease_owner', type: 'text', nullable: true })
  leaseOwner: string | null;

  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  /** When the push is due (again); the sweeper enqueues due pushes nobody holds. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true })
  enqueuedAt: Date | null;

  @Column({ name: 'approved_at', type: 'timestamptz' })
  approvedAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export type OrderPushStep =
  | 'approved'
  | 'check'
  | 'header'
  | 'lookup'
  | 'lines'
  | 'tracking'
  | 'sent'
  | 'retry';
export type OrderPushOutcome = 'ok' | 'refused' | 'failed' | 'uncertain' | 'waiting' | 'found';

/** The timeline of a push: every attempt's steps, with Cin7's own words when it refused. */
@Entity({ name: 'cin7_order_push_event' })
@Index('cin7_order_push_event_push', ['pushId', 'id'])
export class OrderPushEventEntity {
  /** bigint: pg hands it back as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'push_id', type: 'uuid' })
  pushId: string;

  @Column({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  @Column({ type: 'int' })
  attempt: number;

  /** What happened (the contract's event type: header-created, outcome-unknown, sale-found...). */
  @Column({ type: 'text' })
  step: OrderSyncEventType;

  @Column({ type: 'text' })
  outcome: OrderPushOutcome;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ name: 'cin7_order_number', type: 'text', nullable: true })
  cin7OrderNumber: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}

function numeric() {
  return {
    to: (v: number | null | undefined) => v,
    from: (v: string | null) => (v === null ? null : Number(v)),
  };
}
