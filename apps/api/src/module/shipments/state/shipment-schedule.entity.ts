import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per supplier: the reconciling poll's cursor and when the poll and the webhook check are next due. */
@Entity({ name: 'cin7_shipment_schedule' })
export class ShipmentScheduleEntity {
  @PrimaryColumn({ name: 'supplier_id', type: 'text' })
  supplierId: string;

  /** Newest saleList `Updated` seen (Cin7's clock); the next cycle lists from here minus an overlap. */
  @Column({ name: 'cursor', type: 'timestamptz', nullable: true })
  cursor: Date | null;

  @Column({ name: 'next_poll_at', type: 'timestamptz' })
  nextPollAt: Date;

  @Column({ name: 'next_webhook_check_at', type: 'timestamptz' })
  nextWebhookCheckAt: Date;

  @Column({ name: 'last_poll_at', type: 'timestamptz', nullable: true })
  lastPollAt: Date | null;

  /** Cin7 calls the last cycle made (list pages + sales fetched). */
  @Column({ name: 'last_poll_calls', type: 'integer', nullable: true })
  lastPollCalls: number | null;

  /** saleList rows the last cycle read. */
  @Column({ name: 'last_poll_rows', type: 'integer', nullable: true })
  lastPollRows: number | null;
}
